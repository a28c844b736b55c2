import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.ec2.snapshot_not_public',
  title: 'EBS snapshots are not publicly restorable',
  severity: 'high',
  resource: 'aws.ec2.snapshot',
  facts: { 'aws.ec2.snapshot': ['public'] },
  triggers: [],
  description:
    'Any AWS account may create a volume from the snapshot (create volume permission for the group all).',
  risk: 'Anyone can copy the disk contents: data, configuration files, keys and passwords that were on the volume.',
  remediation: {
    text: 'Remove the public create volume permission and share the snapshot with named accounts only; turn on block public access for EBS snapshots.',
    cli: 'aws ec2 modify-snapshot-attribute --snapshot-id <snap-id> --attribute createVolumePermission --operation-type remove --group-names all\naws ec2 enable-snapshot-block-public-access --state block-all-sharing',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html'],
  evaluate(snapshot) {
    const open = extBool(snapshot, 'public');
    if (open === null)
      return error(`the snapshot permissions could not be read${whyUnknown(snapshot, 'publicRestore')}`);
    return open
      ? fail(`${snapshot.com.name} can be restored by any AWS account`)
      : pass('the snapshot is not public');
  },
});
