import { storageAccountSetting, withoutBlobService } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.blob_soft_delete',
  title: 'Blob soft delete is on',
  severity: 'medium',
  fact: 'blob_soft_delete',
  want: true,
  description: "The storage account's blob service does not keep deleted blobs (blob soft delete is off).",
  risk: 'A blob deleted or overwritten by mistake, by a compromised key or by ransomware is gone for good.',
  remediation: {
    text: 'Turn on soft delete for blobs with a retention that covers your recovery window.',
    cli: 'az storage account blob-service-properties update --account-name <account> --resource-group <group> --enable-delete-retention true --delete-retention-days 14',
  },
  references: ['https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview'],
  passed: (n) => `${n} keeps deleted blobs`,
  failed: (n) => `${n} has blob soft delete off`,
  notApplicableBecause: withoutBlobService,
});
