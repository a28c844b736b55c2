import { storageAccountSetting, withoutBlobService } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.blob_versioning',
  title: 'Blob versioning is on',
  severity: 'low',
  fact: 'blob_versioning',
  want: true,
  description: "The storage account's blob service does not keep previous versions of blobs.",
  risk: 'An overwritten blob cannot be restored to an earlier state after a faulty write or a malicious change.',
  remediation: {
    text: 'Turn on blob versioning (with a lifecycle rule to delete old versions).',
    cli: 'az storage account blob-service-properties update --account-name <account> --resource-group <group> --enable-versioning true',
  },
  references: ['https://learn.microsoft.com/azure/storage/blobs/versioning-overview'],
  passed: (n) => `${n} keeps blob versions`,
  failed: (n) => `${n} has blob versioning off`,
  notApplicableBecause: withoutBlobService,
});
