import { storageAccountSetting, withoutBlobService } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.container_soft_delete',
  title: 'Container soft delete is on',
  severity: 'medium',
  fact: 'container_soft_delete',
  want: true,
  description:
    "The storage account's blob service does not keep deleted containers (container soft delete is off).",
  risk: 'A container deleted by mistake or by an attacker takes every blob in it with it, beyond recovery.',
  remediation: {
    text: 'Turn on soft delete for containers with a retention that covers your recovery window.',
    cli: 'az storage account blob-service-properties update --account-name <account> --resource-group <group> --enable-container-delete-retention true --container-delete-retention-days 14',
  },
  references: ['https://learn.microsoft.com/azure/storage/blobs/soft-delete-container-overview'],
  passed: (n) => `${n} keeps deleted containers`,
  failed: (n) => `${n} has container soft delete off`,
  notApplicableBecause: withoutBlobService,
});
