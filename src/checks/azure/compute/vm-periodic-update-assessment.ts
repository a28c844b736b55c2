import { azureSettingCheck } from '../setting-check.js';

export default azureSettingCheck({
  id: 'azure.compute.vm_periodic_update_assessment',
  title: 'Virtual machines are checked for missing OS updates periodically',
  severity: 'medium',
  resource: 'azure.compute.vm',
  fact: 'periodic_update_assessment',
  want: true,
  triggers: ['Microsoft.Compute/virtualMachines/write'],
  description:
    "The virtual machine's patch assessment mode is not AutomaticByPlatform: Azure Update Manager does not check it for missing operating system updates every 24 hours, so Defender for Cloud cannot report them.",
  risk: 'Missing security updates go unnoticed, and known, exploitable vulnerabilities stay open on the machine.',
  remediation: {
    text: "Set the VM's patch orchestration assessment mode to AutomaticByPlatform (Azure Update Manager > Update settings > Periodic assessment), or assign the built-in policy that configures periodic checking.",
    cli: 'az vm update -g <group> -n <vm> --set osProfile.windowsConfiguration.patchSettings.assessmentMode=AutomaticByPlatform\n# Linux: --set osProfile.linuxConfiguration.patchSettings.assessmentMode=AutomaticByPlatform',
  },
  references: [
    'https://learn.microsoft.com/azure/update-manager/assessment-options',
    'https://learn.microsoft.com/azure/defender-for-cloud/recommendations-reference-compute',
  ],
  passed: (n) => `${n} is assessed for missing updates every 24 hours (AutomaticByPlatform)`,
  failed: (n) =>
    `${n} is not assessed for missing updates periodically (assessment mode is not AutomaticByPlatform)`,
});
