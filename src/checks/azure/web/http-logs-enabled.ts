import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../../facts.js';

export default defineCheck({
  id: 'azure.web.http_logs_enabled',
  title: 'App Service apps send their HTTP logs through a diagnostic setting',
  severity: 'low',
  resource: 'azure.web.site',
  facts: { 'azure.web.site': ['http_logs_enabled'] },
  triggers: ['Microsoft.Web/sites/write', 'Microsoft.Insights/diagnosticSettings/write'],
  description:
    'No diagnostic setting of the App Service app sends its HTTP logs (the AppServiceHTTPLogs category, or all logs) to a Log Analytics workspace, storage account or event hub.',
  risk: 'Requests to the app are not recorded where they can be kept and searched: attacks, scans and abuse cannot be investigated afterwards.',
  remediation: {
    text: 'Add a diagnostic setting to the app that sends the AppServiceHTTPLogs category to a Log Analytics workspace (or a storage account / event hub).',
    cli: 'az monitor diagnostic-settings create --name http-logs --resource <app resource id> --workspace <workspace id> --logs \'[{"category":"AppServiceHTTPLogs","enabled":true}]\'',
  },
  references: [
    'https://learn.microsoft.com/azure/app-service/troubleshoot-diagnostic-logs#send-logs-to-azure-monitor',
  ],
  evaluate(site) {
    const on = extBool(site, 'http_logs_enabled');
    if (on === null)
      return error(
        `${site.com.name}: its diagnostic settings could not be read${whyUnknown(site, 'http_logs_enabled')}`,
      );
    if (!on)
      return fail(
        `${site.com.name} sends its HTTP logs nowhere: no diagnostic setting has AppServiceHTTPLogs`,
      );
    return pass(
      `${site.com.name} sends its HTTP logs through ${(extList<string>(site, 'http_log_settings') ?? []).join(', ')}`,
    );
  },
});
