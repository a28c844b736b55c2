import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, whyUnknown } from '../../facts.js';
import { tierNote, WORKSPACE, WORKSPACE_WRITES } from './workspace.js';

export default defineCheck({
  id: 'azure.databricks.workspace_diagnostic_logs_enabled',
  title: 'Databricks workspaces send diagnostic logs',
  severity: 'medium',
  resource: WORKSPACE,
  facts: { [WORKSPACE]: ['diagnostic_logs_enabled', 'diagnostic_log_settings', 'diagnostic_log_categories'] },
  triggers: [...WORKSPACE_WRITES, 'Microsoft.Insights/diagnosticSettings/write'],
  description:
    'No diagnostic setting of the Databricks workspace sends its logs (accounts, clusters, jobs, notebooks...) to a Log Analytics workspace, storage account or event hub.',
  risk: 'Sign-ins, cluster changes, job runs, notebook commands and secret access in the workspace are not recorded where they can be kept and searched: misuse cannot be detected or investigated.',
  remediation: {
    text: 'Add a diagnostic setting to the workspace that sends all logs (the allLogs category group, or at least accounts, clusters, jobs, notebook, secrets and workspace) to a Log Analytics workspace; diagnostic logs need the Premium tier.',
    cli: 'az monitor diagnostic-settings create --name databricks-logs --resource <workspace id> --workspace <log analytics workspace id> --logs \'[{"categoryGroup":"allLogs","enabled":true}]\'',
  },
  references: ['https://learn.microsoft.com/azure/databricks/admin/account-settings/audit-log-delivery'],
  evaluate(w) {
    const on = extBool(w, 'diagnostic_logs_enabled');
    if (on === null)
      return error(
        `${w.com.name}: its diagnostic settings could not be read${whyUnknown(w, 'diagnostic_logs_enabled')}`,
      );
    if (!on)
      return fail(
        `${w.com.name} sends its logs nowhere: no diagnostic setting sends a log category to a destination${tierNote(w, 'diagnostic logging')}`,
      );
    const settings = extList<string>(w, 'diagnostic_log_settings') ?? [];
    const categories = extList<string>(w, 'diagnostic_log_categories') ?? [];
    return pass(`${w.com.name} sends its logs through ${settings.join(', ')}`, { settings, categories });
  },
});
