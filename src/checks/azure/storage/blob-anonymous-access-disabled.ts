import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_blob_anonymous_access_disabled',
  title: 'Storage accounts do not allow anonymous blob access',
  severity: 'high',
  fact: 'blob_anonymous_access_allowed',
  want: false,
  description:
    'The storage account lets its containers be made readable anonymously (allowBlobPublicAccess is true).',
  risk: 'Any container set to public access, now or later, can be listed and read by anyone on the internet without credentials.',
  remediation: {
    text: 'Turn off "Allow Blob anonymous access" on the account (containers that rely on it stop being public).',
    cli: 'az storage account update --name <account> --resource-group <group> --allow-blob-public-access false',
  },
  references: ['https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent'],
  passed: (n) => `${n} does not allow anonymous blob access`,
  failed: (n) => `${n} allows containers to be read anonymously`,
});
