import { storageAccountSetting } from './account-setting.js';

export default storageAccountSetting({
  id: 'azure.storage.account_geo_redundant',
  title: 'Storage accounts keep a copy in a second region',
  severity: 'low',
  fact: 'geo_redundant',
  want: true,
  description: 'The storage account’s redundancy (its SKU) keeps no copy of the data in a secondary region.',
  risk: 'A regional outage or disaster makes the data unavailable, or loses it, with no copy elsewhere.',
  remediation: {
    text: 'Change the account’s redundancy to geo-redundant (GRS, RA-GRS, GZRS or RA-GZRS) where the data is critical.',
    cli: 'az storage account update --name <account> --resource-group <group> --sku Standard_GRS',
  },
  references: ['storage-redundancy'],
  passed: (n) => `${n} is geo-redundant`,
  failed: (n) => `${n} keeps its data in one region only`,
});
