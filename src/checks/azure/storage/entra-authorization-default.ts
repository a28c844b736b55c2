import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_entra_authorization_default',
  title: 'The portal authorises storage data access with Microsoft Entra ID by default',
  severity: 'low',
  fact: 'entra_authorization_default',
  want: true,
  description:
    'The Azure portal reads the account’s data with its access keys by default (defaultToOAuthAuthentication is off or unset).',
  risk: 'Data access through the portal uses the account keys instead of the user’s own permissions, so role assignments do not limit it and the logs do not name the user.',
  remediation: {
    text: 'Turn on "Default to Microsoft Entra authorization in the Azure portal".',
    cli: 'az storage account update --name <account> --resource-group <group> --set defaultToOAuthAuthentication=true',
  },
  references: ['https://learn.microsoft.com/azure/storage/blobs/authorize-data-operations-portal'],
  passed: (n) => `${n} authorises portal data access with Entra ID by default`,
  failed: (n) => `${n} lets the portal use its access keys by default`,
});
