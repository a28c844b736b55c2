import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extStr, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.kms.key_not_pending_deletion',
  title: 'Customer managed KMS keys are not scheduled for deletion',
  severity: 'high',
  resource: 'aws.kms.key',
  triggers: [],
  description: 'The customer managed KMS key is scheduled for deletion.',
  risk: 'Once the waiting period ends the key is gone for good, and every piece of data encrypted under it can never be decrypted again.',
  remediation: {
    text: 'If the key is still needed, cancel the deletion before the waiting period ends and enable the key again.',
    cli: 'aws kms cancel-key-deletion --key-id <key-id>\naws kms enable-key --key-id <key-id>',
  },
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html'],
  evaluate(key) {
    const manager = extStr(key, 'key_manager');
    const state = extStr(key, 'key_state');
    if (manager === null || state === null)
      return error(`the key metadata could not be read${whyUnknown(key, 'metadata')}`);
    if (manager !== 'CUSTOMER') return notApplicable('an AWS managed key');
    if (state !== 'PendingDeletion') return pass(`key state ${state}`);
    const when = extStr(key, 'deletion_date');
    return fail(`key ${key.com.name} is scheduled for deletion${when ? ` on ${when}` : ''}`, {
      evidence: { key_state: state, deletion_date: when },
    });
  },
});
