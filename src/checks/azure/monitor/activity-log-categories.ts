import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extBool, extList } from '../../facts.js';
import { DIAGNOSTIC } from './activity-log-exported.js';

/** The categories the benchmark asks the export to carry. */
const REQUIRED = ['Administrative', 'Alert', 'Policy', 'Security'];

export default defineCheck({
  id: 'azure.monitor.activity_log_categories',
  title: 'The activity log export carries the security categories',
  severity: 'low',
  scope: 'account',
  uses: [DIAGNOSTIC],
  clouds: ['azure'],
  triggers: ['Microsoft.Insights/diagnosticSettings/write', 'Microsoft.Insights/diagnosticSettings/delete'],
  description: `No diagnostic setting of the subscription exports all of the ${REQUIRED.join(', ')} activity log categories.`,
  risk: 'Administrative changes, policy events, Defender alerts or security events are missing from the exported log.',
  remediation: {
    text: `Enable the ${REQUIRED.join(', ')} categories in the subscription's diagnostic setting (or allLogs).`,
  },
  references: ['https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema'],
  evaluate(ctx) {
    const settings = ctx.resources(DIAGNOSTIC).filter((d) => extBool(d, 'has_destination') === true);
    if (settings.length === 0) return fail('no diagnostic setting exports the subscription activity log');
    let fewest: string[] = REQUIRED;
    for (const d of settings) {
      if (extBool(d, 'all_categories') === true) return pass(`${d.com.name} exports every category`);
      const on = new Set((extList<string>(d, 'enabled_categories') ?? []).map((c) => c.toLowerCase()));
      const missing = REQUIRED.filter((c) => !on.has(c.toLowerCase()));
      if (missing.length === 0) return pass(`${d.com.name} exports ${REQUIRED.join(', ')}`);
      if (missing.length < fewest.length) fewest = missing;
    }
    return fail(`the activity log export leaves out ${fewest.join(', ')}`);
  },
});
