import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_cross_tenant_replication_disabled',
  title: 'Storage accounts do not replicate objects to other tenants',
  severity: 'medium',
  fact: 'cross_tenant_replication',
  want: false,
  description: 'The storage account allows object replication to accounts in other Microsoft Entra tenants.',
  risk: 'A replication policy can copy the account’s blobs into a tenant the organisation does not control.',
  remediation: {
    text: 'Turn off "Allow cross-tenant replication" unless a documented replication policy needs it.',
    cli: 'az storage account update --name <account> --resource-group <group> --allow-cross-tenant-replication false',
  },
  references: [
    'https://learn.microsoft.com/azure/storage/blobs/object-replication-prevent-cross-tenant-policies',
  ],
  passed: (n) => `${n} does not allow cross-tenant replication`,
  failed: (n) => `${n} allows object replication to other tenants`,
});
