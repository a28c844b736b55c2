import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import type { WebAppCom } from '../../../core/shapes.js';

export default defineCheck({
  id: 'azure.web.https_only',
  title: 'App Service apps redirect HTTP to HTTPS',
  severity: 'medium',
  resource: 'azure.web.site',
  triggers: ['Microsoft.Web/sites/write'],
  description:
    'The App Service app answers plain HTTP requests instead of redirecting them to HTTPS (HTTPS Only is off).',
  risk: 'Requests and responses, session cookies and credentials included, can be read and changed by anyone on the network path.',
  remediation: {
    text: 'Turn on HTTPS Only for the app (Configuration > General settings), so every HTTP request is redirected to HTTPS.',
    cli: 'az webapp update --resource-group <group> --name <app> --https-only true',
  },
  references: ['https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https'],
  evaluate(site) {
    const c = site.com as typeof site.com & Partial<WebAppCom>;
    if (c.https_only === true) return pass(`${site.com.name} redirects HTTP to HTTPS`);
    if (c.https_only === false) return fail(`${site.com.name} serves plain HTTP (HTTPS Only is off)`);
    return error(`${site.com.name}: Azure's answer does not say whether HTTPS Only is on`);
  },
});
