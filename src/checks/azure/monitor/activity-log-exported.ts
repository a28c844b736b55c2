import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extBool, extList } from '../../facts.js';

export const DIAGNOSTIC = 'azure.monitor.diagnostic_setting';

export default defineCheck({
  id: 'azure.monitor.activity_log_exported',
  title: "The subscription's activity log has a diagnostic setting",
  severity: 'medium',
  scope: 'account',
  uses: [DIAGNOSTIC],
  clouds: ['azure'],
  triggers: ['Microsoft.Insights/diagnosticSettings/write', 'Microsoft.Insights/diagnosticSettings/delete'],
  description:
    "No diagnostic setting sends the subscription's activity log to a workspace, storage account or event hub.",
  risk: 'The activity log is kept for 90 days only and cannot be searched with other logs or alerted on centrally; evidence of an incident is lost.',
  remediation: {
    text: 'Create a diagnostic setting on the subscription that sends the activity log to a Log Analytics workspace (or storage account / event hub).',
    cli: 'az monitor diagnostic-settings subscription create --name activity-log --location <region> --workspace <workspace id> --logs \'[{"category":"Administrative","enabled":true},{"category":"Security","enabled":true},{"category":"Alert","enabled":true},{"category":"Policy","enabled":true}]\'',
  },
  references: [
    'https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log?tabs=powershell#send-to-log-analytics-workspace',
  ],
  evaluate(ctx) {
    const exported = ctx.resources(DIAGNOSTIC).filter((d) => extBool(d, 'has_destination') === true);
    if (exported.length === 0) return fail('no diagnostic setting exports the subscription activity log');
    const where = exported.flatMap((d) => extList<string>(d, 'destinations') ?? []);
    return pass(`the activity log is exported (${exported.map((d) => d.com.name).join(', ')})`, {
      destinations: where,
    });
  },
});
