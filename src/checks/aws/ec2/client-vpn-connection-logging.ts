import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.client_vpn_connection_logging',
  title: 'Client VPN endpoints log client connections',
  severity: 'low',
  resource: 'aws.ec2.client_vpn_endpoint',
  triggers: ['ModifyClientVpnEndpoint', 'CreateClientVpnEndpoint'],
  description: 'Client connection logging is off for the Client VPN endpoint.',
  risk: 'Without connection logs there is no record of who connected to the network, from where and when, to investigate a stolen VPN credential.',
  remediation: {
    text: 'Turn on connection logging to a CloudWatch Logs log group.',
    cli: 'aws ec2 modify-client-vpn-endpoint --client-vpn-endpoint-id <cvpn-id> --connection-log-options Enabled=true,CloudwatchLogGroup=<log-group>',
  },
  references: ['https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-logging.html'],
  evaluate(endpoint) {
    const on = extBool(endpoint, 'connection_logging');
    if (on === null) return error('the connection log options could not be read');
    return on
      ? pass(`connections are logged to ${extStr(endpoint, 'log_group') ?? 'CloudWatch Logs'}`)
      : fail(`${endpoint.com.name} does not log client connections`);
  },
});
