import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { fail, notApplicable, pass } from '../../../core/result.js';
import { CRYPTO_KEY } from './key-not-public.js';

export default defineCheck({
  id: 'gcp.cloudkms.key_rotated',
  title: 'Cloud KMS keys rotate automatically at least every 90 days',
  severity: 'medium',
  resource: CRYPTO_KEY,
  triggers: ['CreateCryptoKey', 'UpdateCryptoKey'],
  description:
    'A symmetric encryption key has no automatic rotation, or rotates less often than every 90 days.',
  risk: 'The more data one key version encrypts and the longer it lives, the more a compromise of it exposes.',
  remediation: {
    text: 'Set a rotation period of at most 90 days and a next rotation time on the key.',
    cli: 'gcloud kms keys update <key> --keyring=<ring> --location=<location> --rotation-period=90d --next-rotation-time=<rfc3339-time>',
  },
  references: ['https://cloud.google.com/kms/docs/key-rotation'],
  params: z.object({ max_days: z.number().positive().default(90) }),
  evaluate(key, { max_days }) {
    const e = key.ext;
    // automatic rotation exists for symmetric encryption keys only
    if (e.purpose !== 'ENCRYPT_DECRYPT')
      return notApplicable(`purpose ${String(e.purpose)} keys are not rotated automatically`);
    if (e.primary_state !== 'ENABLED')
      return notApplicable(`the primary version is ${String(e.primary_state ?? 'missing')}`);
    const days = e.rotation_period_days;
    if (typeof days !== 'number' || !e.next_rotation_time)
      return fail(`key ${key.com.name} has no automatic rotation`);
    if (days > max_days)
      return fail(`key ${key.com.name} rotates every ${days} days (more than ${max_days})`, {
        evidence: { rotation_period_days: days },
      });
    return pass(`rotates every ${days} days`);
  },
});
