import { azureSettingCheck } from '../setting-check.js';

export default azureSettingCheck({
  id: 'azure.compute.disk_export_url_inactive',
  title: 'No managed disk has a live export URL',
  severity: 'medium',
  resource: 'azure.compute.disk',
  fact: 'export_url_active',
  want: false,
  triggers: ['Microsoft.Compute/disks/beginGetAccess/action', 'Microsoft.Compute/disks/endGetAccess/action'],
  description:
    'A SAS export URL for the managed disk is live (disk state ActiveSAS or ActiveSASFrozen): whoever holds the URL can download the disk until access is revoked or the URL expires.',
  risk: 'Generating a disk’s download URL is how a whole disk, with its data and secrets, is copied out of a subscription; a URL left live is an open path out, whether or not someone meant it.',
  remediation: {
    text: 'Confirm who generated the URL and why; revoke it when the export is over (and investigate if nobody asked for it).',
    cli: 'az disk revoke-access --name <disk> --resource-group <group>',
  },
  references: ['https://learn.microsoft.com/azure/virtual-machines/windows/download-vhd'],
  passed: (n) => `${n} has no live export URL`,
  failed: (n) => `${n} has a live SAS export URL`,
});
