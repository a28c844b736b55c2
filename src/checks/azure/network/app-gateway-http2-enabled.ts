import { azureSettingCheck } from '../setting-check.js';
import { APP_GATEWAY, APP_GATEWAY_WRITES } from './app-gateway-waf-enabled.js';

export default azureSettingCheck({
  id: 'azure.network.app_gateway_http2_enabled',
  title: 'Application gateways have HTTP/2 on',
  severity: 'low',
  resource: APP_GATEWAY,
  fact: 'http2_enabled',
  want: true,
  triggers: APP_GATEWAY_WRITES,
  description: 'The application gateway does not accept HTTP/2 from clients (enableHttp2 is off or unset).',
  risk: 'Clients fall back to HTTP/1.1, without the multiplexing and header compression of HTTP/2 that CIS asks for to keep the front end current.',
  remediation: {
    text: 'Turn HTTP/2 on for the gateway (it applies to client connections; the gateway still talks HTTP/1.1 to the backends).',
    cli: 'az network application-gateway update --name <gateway> --resource-group <group> --http2 Enabled',
  },
  references: ['https://learn.microsoft.com/azure/application-gateway/configuration-listeners#http2-support'],
  passed: (n) => `${n} accepts HTTP/2`,
  failed: (n) => `${n} has HTTP/2 off`,
});
