import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_shared_key_access_disabled',
  title: 'Storage accounts refuse shared key authorisation',
  severity: 'medium',
  fact: 'shared_key_access_allowed',
  want: false,
  description:
    'The storage account accepts requests signed with its account keys (allowSharedKeyAccess is true or unset, which Azure treats as true).',
  risk: 'Account keys give full access to every service of the account, never expire on their own and leave no identity in the logs; a leaked key or a shared access signature made from it grants that access to anyone.',
  remediation: {
    text: 'Move clients to Microsoft Entra ID authorisation, then turn off "Allow storage account key access".',
    cli: 'az storage account update --name <account> --resource-group <group> --allow-shared-key-access false',
  },
  references: ['shared-key-authorization-prevent'],
  passed: (n) => `${n} refuses shared key authorisation`,
  failed: (n) => `${n} accepts requests signed with its account keys`,
});
