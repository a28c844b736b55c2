import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_private_endpoint_used',
  title: 'Storage accounts are reached through private endpoints',
  severity: 'low',
  fact: 'private_endpoint_connected',
  want: true,
  description: 'The storage account has no approved private endpoint connection.',
  risk: 'Without a private endpoint, clients reach the account over its public endpoint, and traffic leaves the virtual network.',
  remediation: {
    text: 'Create a private endpoint for the account in the virtual network its clients use, and approve the connection.',
    cli: 'az network private-endpoint create --name <endpoint> --resource-group <group> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <account id> --group-id blob --connection-name <name>',
  },
  references: ['storage-private-endpoints'],
  passed: (n) => `${n} has an approved private endpoint`,
  failed: (n) => `${n} has no approved private endpoint`,
});
