import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_disks_csek',
  title: 'Instance disks use customer-supplied encryption keys',
  severity: 'low',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description:
    'A disk attached to the instance is not encrypted with a customer-supplied encryption key (CSEK): it uses a Google-managed or Cloud KMS key.',
  risk: "With Google-managed keys anyone with access to the project's disks and snapshots can read the data; a customer-supplied key keeps the key outside Google Cloud.",
  remediation: {
    text: 'For critical instances, recreate the disks from snapshots with a customer-supplied key (--csek-key-file).',
    cli: 'gcloud compute disks create <disk> --zone <zone> --source-snapshot <snapshot> --csek-key-file <key-file.json>',
  },
  references: ['https://cloud.google.com/compute/docs/disks/customer-supplied-encryption'],
  evaluate: (r) => {
    const without = r.ext.disks_without_csek;
    if (!Array.isArray(without)) return error('the attached disks could not be read');
    if (without.length === 0) return pass('every attached disk uses a customer-supplied key');
    return fail(
      `instance ${r.com.name}: ${without.length} disk(s) without a customer-supplied key (${without.join(', ')})`,
      {
        evidence: { disks_without_csek: without },
      },
    );
  },
});
