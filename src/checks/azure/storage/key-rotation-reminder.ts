import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_key_rotation_reminder',
  title: 'Storage accounts have an access key expiry policy',
  severity: 'low',
  fact: 'key_rotation_reminder',
  want: true,
  description:
    'The storage account has no key expiration policy (keyPolicy), so nothing reminds anyone to rotate its access keys.',
  risk: 'Access keys that are never rotated stay valid for years; a key leaked once keeps working.',
  remediation: {
    text: 'Set a key expiration period (for example 90 days) on the account and rotate the keys when reminded.',
    cli: 'az storage account update --name <account> --resource-group <group> --key-exp-days 90',
  },
  references: ['storage-account-keys-manage'],
  passed: (n) => `${n} has a key expiration policy`,
  failed: (n) => `${n} has no key expiration policy`,
});
