import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { gkeNodeExcluded, INSTANCE_TRIGGERS } from './instance-common.js';

export default defineCheck({
  id: 'gcp.compute.instance_blocks_project_ssh_keys',
  title: 'Instances block project-wide SSH keys',
  severity: 'medium',
  resource: 'gcp.compute.instance',
  triggers: INSTANCE_TRIGGERS,
  description: 'The instance does not set the metadata key block-project-ssh-keys to TRUE.',
  risk: 'A key added to the project metadata opens every instance of the project that accepts project-wide keys: one leaked key reaches all of them.',
  remediation: {
    text: 'Set block-project-ssh-keys=TRUE in the instance metadata, and give access through OS Login or instance-level keys.',
    cli: 'gcloud compute instances add-metadata <instance> --zone <zone> --metadata block-project-ssh-keys=TRUE',
  },
  references: ['https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys'],
  evaluate: (r) => {
    const gke = gkeNodeExcluded(r);
    if (gke) return gke;
    if (r.ext.block_project_ssh_keys === undefined) return error('the instance metadata was not read');
    // unset is the same as false: project-wide keys are accepted
    if (r.ext.block_project_ssh_keys === true) return pass('project-wide SSH keys are blocked');
    return fail(`instance ${r.com.name} accepts project-wide SSH keys (block-project-ssh-keys is not TRUE)`, {
      evidence: { block_project_ssh_keys: r.ext.block_project_ssh_keys ?? null },
    });
  },
});
