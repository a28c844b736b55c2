import { smbSettingCheck } from './smb-setting.js';

export default smbSettingCheck({
  id: 'azure.storage.file_smb_channel_encryption_aes_256_gcm',
  title: 'SMB file shares encrypt channels with AES-256-GCM',
  fact: 'smb_channel_encryption',
  what: 'channel encryption',
  strong: ['AES-256-GCM'],
  description: "The storage account's file service accepts SMB channel encryption weaker than AES-256-GCM.",
  risk: 'Clients may negotiate AES-128 channel encryption, weaker than the benchmark requires for data in transit.',
  cli: 'az storage account file-service-properties update --account-name <account> --resource-group <group> --channel-encryption AES-256-GCM',
  reference: 'https://learn.microsoft.com/azure/storage/files/files-smb-protocol',
});
