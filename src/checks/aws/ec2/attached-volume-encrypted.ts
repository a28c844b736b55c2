import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'aws.ec2.attached_volume_encrypted',
  title: 'Attached EBS volumes are encrypted at rest',
  severity: 'medium',
  resource: 'aws.ec2.volume',
  triggers: ['CreateVolume', 'AttachVolume'],
  description: 'An EBS volume attached to an instance is not encrypted.',
  risk: 'Unencrypted volumes and the snapshots taken from them expose the data to anyone who gets a copy of the snapshot or access to the storage.',
  remediation: {
    text: 'Snapshot the volume, copy the snapshot with encryption on, create a volume from the copy and swap it in; turn on EBS encryption by default for new volumes.',
    cli: 'aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snap-id> --encrypted --kms-key-id <key>\naws ec2 enable-ebs-encryption-by-default',
  },
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  evaluate(volume) {
    const attached = volume.com.attached_to;
    if (attached === null || attached === undefined) return notApplicable('the volume is not attached');
    const encrypted = volume.com.encrypted;
    if (typeof encrypted !== 'boolean') return error('the encryption state could not be read');
    return encrypted
      ? pass('the volume is encrypted')
      : fail(`${volume.com.name} is attached to ${String(attached)} and is not encrypted`);
  },
});
