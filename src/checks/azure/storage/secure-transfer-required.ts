import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_secure_transfer_required',
  title: 'Storage accounts accept HTTPS requests only',
  severity: 'high',
  fact: 'https_only',
  want: true,
  description: 'The storage account accepts requests over plain HTTP (secure transfer required is off).',
  risk: 'Data and shared access signatures sent over HTTP can be read and altered on the network path.',
  remediation: {
    text: 'Turn on "Secure transfer required" in the account configuration.',
    cli: 'az storage account update --name <account> --resource-group <group> --https-only true',
  },
  references: ['storage-require-secure-transfer'],
  passed: (n) => `${n} requires secure transfer`,
  failed: (n) => `${n} accepts requests over HTTP`,
});
