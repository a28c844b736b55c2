import { azureSettingCheck } from '../setting-check.js';

export default azureSettingCheck({
  id: 'azure.compute.disk_export_network_restricted',
  title: 'Managed disks cannot be exported from any network',
  severity: 'medium',
  resource: 'azure.compute.disk',
  fact: 'exportable_from_any_network',
  want: false,
  triggers: ['Microsoft.Compute/disks/write'],
  description:
    'The managed disk’s network access policy is AllowAll with public network access not disabled: a SAS export URL for it works from any network.',
  risk: 'Anyone who obtains or is granted an export URL (a leaked SAS, a compromised operator) can download the whole disk, with its data and credentials, from anywhere on the internet.',
  remediation: {
    text: 'Set the disk’s network access policy to DenyAll, or to AllowPrivate with a disk access resource, and disable public network access.',
    cli: 'az disk update --name <disk> --resource-group <group> --network-access-policy DenyAll --public-network-access Disabled',
  },
  references: ['https://learn.microsoft.com/azure/virtual-machines/disks-restrict-import-export-overview'],
  passed: (n) => `${n} can be exported only over a private link, or not at all`,
  failed: (n) => `${n} can be exported from any network (network access policy AllowAll)`,
});
