import { storageAccountSetting, withoutFileService } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.file_share_soft_delete',
  title: 'File shares have soft delete',
  severity: 'medium',
  fact: 'file_share_soft_delete',
  want: true,
  description:
    "The storage account's file service does not keep deleted file shares (share soft delete is off).",
  risk: 'A file share deleted by mistake or by an attacker, with all its files and snapshots, cannot be recovered.',
  remediation: {
    text: 'Turn on soft delete for file shares with a retention that covers your recovery window.',
    cli: 'az storage account file-service-properties update --account-name <account> --resource-group <group> --enable-delete-retention true --delete-retention-days 14',
  },
  references: ['https://learn.microsoft.com/azure/storage/files/storage-files-enable-soft-delete'],
  passed: (n) => `${n} keeps deleted file shares`,
  failed: (n) => `${n} has file share soft delete off`,
  notApplicableBecause: withoutFileService,
});
