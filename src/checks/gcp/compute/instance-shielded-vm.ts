import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_shielded_vm',
  title: 'Instances run as Shielded VMs with vTPM and integrity monitoring',
  severity: 'medium',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description:
    'The instance does not have both the virtual TPM and integrity monitoring of Shielded VM turned on.',
  risk: 'Without measured boot and integrity monitoring, boot-level and kernel-level malware (rootkits, bootkits) can persist unnoticed.',
  remediation: {
    text: 'Stop the instance, turn on vTPM and integrity monitoring (and Secure Boot where the image supports it), and start it again.',
    cli: 'gcloud compute instances update <instance> --zone <zone> --shielded-vtpm --shielded-integrity-monitoring',
  },
  references: ['https://cloud.google.com/compute/shielded-vm/docs/modifying-shielded-vm'],
  evaluate: (r) => {
    if (r.ext.vtpm === undefined || r.ext.integrity_monitoring === undefined)
      return error('the Shielded VM settings were not read');
    const missing = [
      r.ext.vtpm === true ? null : 'vTPM',
      r.ext.integrity_monitoring === true ? null : 'integrity monitoring',
    ].filter((m): m is string => m !== null);
    if (missing.length === 0) return pass('vTPM and integrity monitoring are on');
    // an instance without shieldedInstanceConfig is not a Shielded VM: the features are off
    return fail(`instance ${r.com.name} runs without ${missing.join(' and ')}`, {
      evidence: { vtpm: r.ext.vtpm ?? false, integrity_monitoring: r.ext.integrity_monitoring ?? false },
    });
  },
});
