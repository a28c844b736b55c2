import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_confidential_computing',
  title: 'Instances use Confidential Computing',
  severity: 'low',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description:
    'The instance is not a Confidential VM: its memory is not encrypted with a key the processor keeps.',
  risk: "Data in use sits unencrypted in memory, readable by anyone able to access the host's memory.",
  remediation: {
    text: 'Recreate the instance as a Confidential VM on a machine type that supports it (N2D, C2D, C3...).',
    cli: 'gcloud compute instances create <instance> --zone <zone> --machine-type n2d-standard-2 --confidential-compute-type SEV --maintenance-policy TERMINATE ...',
  },
  references: [
    'https://cloud.google.com/confidential-computing/confidential-vm/docs/create-a-confidential-vm-instance',
  ],
  evaluate: (r) => {
    if (r.ext.confidential_compute === undefined) return error('the Confidential VM setting was not read');
    if (r.ext.confidential_compute === true) return pass('a Confidential VM');
    // the API leaves confidentialInstanceConfig out for ordinary instances
    return fail(`instance ${r.com.name} is not a Confidential VM`, {
      evidence: { machine_type: r.ext.machine_type ?? null },
    });
  },
});
