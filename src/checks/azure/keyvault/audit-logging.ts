import { azureSettingCheck } from '../setting-check.js';
import { KEY_VAULT, KEY_VAULT_DOCS, KEY_VAULT_WRITES } from './vault.js';

export default azureSettingCheck({
  id: 'azure.keyvault.vault_audit_logging',
  title: 'Key vaults send audit logs through a diagnostic setting',
  severity: 'medium',
  resource: KEY_VAULT,
  fact: 'audit_logging',
  want: true,
  triggers: [...KEY_VAULT_WRITES, 'Microsoft.Insights/diagnosticSettings/write'],
  description:
    'No diagnostic setting of the key vault sends its audit log (the AuditEvent category, or the audit or allLogs category group) to a Log Analytics workspace, storage account, event hub or partner solution.',
  risk: 'Without the audit log there is no record of who read, changed or deleted keys, secrets and certificates: misuse of a stolen identity goes unseen and cannot be investigated.',
  remediation: {
    text: 'Add a diagnostic setting to the vault that sends the audit category group (or AuditEvent) to a Log Analytics workspace or a storage account kept as long as your retention policy asks.',
    cli: 'az monitor diagnostic-settings create --name audit --resource <vault resource id> --workspace <workspace id> --logs \'[{"categoryGroup":"audit","enabled":true}]\'',
  },
  references: [
    `${KEY_VAULT_DOCS}logging`,
    'https://learn.microsoft.com/azure/key-vault/key-vault-insights-overview',
  ],
  passed: (n) => `${n} sends its audit log through a diagnostic setting`,
  failed: (n) => `${n} has no diagnostic setting sending its audit log (AuditEvent)`,
});
