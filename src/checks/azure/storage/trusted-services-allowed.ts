import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_trusted_services_allowed',
  title: 'Trusted Microsoft services may reach storage accounts through their firewall',
  severity: 'low',
  fact: 'trusted_services_bypass',
  want: true,
  description:
    'The storage account firewall does not let trusted Azure services (AzureServices bypass) through.',
  risk: 'Azure Backup, Monitor, Event Grid and other trusted services cannot reach the account, so teams open the firewall more widely to make them work.',
  remediation: {
    text: 'Add AzureServices to the firewall exceptions ("Allow Azure services on the trusted services list").',
    cli: 'az storage account update --name <account> --resource-group <group> --bypass AzureServices',
  },
  references: ['storage-network-security'],
  passed: (n) => `${n} lets trusted Azure services through its firewall`,
  failed: (n) => `${n} blocks trusted Azure services`,
});
