import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_public_network_access_disabled',
  title: 'Storage accounts refuse access from public networks',
  severity: 'medium',
  fact: 'public_network_access_enabled',
  want: false,
  description:
    'The storage account is reachable on its public endpoint (publicNetworkAccess is Enabled or unset, which Azure treats as Enabled).',
  risk: 'A public endpoint can be reached from anywhere the account firewall allows; data should flow through private endpoints.',
  remediation: {
    text: 'Give clients private endpoints, then set "Public network access" to Disabled.',
    cli: 'az storage account update --name <account> --resource-group <group> --public-network-access Disabled',
  },
  references: ['storage-network-security'],
  passed: (n) => `${n} refuses public network access`,
  failed: (n) => `${n} is reachable from public networks`,
});
