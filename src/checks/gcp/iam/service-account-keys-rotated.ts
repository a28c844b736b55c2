import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { KEY_TRIGGERS, SERVICE_ACCOUNT, userManagedKeys } from './service-account-no-user-managed-keys.js';

export default defineCheck({
  id: 'gcp.iam.service_account_keys_rotated',
  title: 'User-managed service account keys are rotated every 90 days or less',
  severity: 'medium',
  resource: SERVICE_ACCOUNT,
  facts: { [SERVICE_ACCOUNT]: ['user_managed_keys'] },
  triggers: KEY_TRIGGERS,
  description:
    'A user-managed key of the service account was created longer ago than the allowed age (90 days by default).',
  risk: 'The older a key, the more copies of it exist; a leaked key stays valid until it is replaced.',
  remediation: {
    text: 'Create a new key, move its users to it, then delete the old key (better: replace keys with keyless authentication).',
    cli: 'gcloud iam service-accounts keys create new-key.json --iam-account=<service-account-email>\ngcloud iam service-accounts keys delete <old-key-id> --iam-account=<service-account-email>',
  },
  references: ['https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys'],
  params: z.object({ max_age_days: z.number().int().positive().default(90) }),
  evaluate(sa, { max_age_days }) {
    const keys = userManagedKeys(sa.ext);
    if (typeof keys === 'string') return error(`the keys of ${sa.com.name} could not be read: ${keys}`);
    if (keys.length === 0) return notApplicable('no user-managed key');
    const old: string[] = [];
    for (const k of keys) {
      if (k.age_days === null) return error(`the creation time of key ${k.id} is unreadable`);
      if (k.age_days > max_age_days) old.push(`${k.id} is ${k.age_days} days old`);
    }
    if (old.length === 0) return pass(`every user-managed key is younger than ${max_age_days} days`);
    return fail(`${sa.com.name}: key ${old.join(', key ')}`, { evidence: { max_age_days } });
  },
});
