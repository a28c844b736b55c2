import { smbSettingCheck } from './smb-setting.js';

export default smbSettingCheck({
  id: 'azure.storage.file_smb_version_3_1_1',
  title: 'SMB file shares accept SMB 3.1.1 or later only',
  fact: 'smb_versions',
  what: 'protocol versions',
  strong: ['SMB3.1.1'],
  description: "The storage account's file service accepts SMB protocol versions older than 3.1.1.",
  risk: 'SMB 2.1 and 3.0 lack pre-authentication integrity and the stronger ciphers of 3.1.1, so sessions can be downgraded and tampered with.',
  cli: 'az storage account file-service-properties update --account-name <account> --resource-group <group> --versions SMB3.1.1',
  reference: 'https://learn.microsoft.com/azure/storage/files/files-smb-protocol',
});
