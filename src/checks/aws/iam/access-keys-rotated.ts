import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { reportKeys } from './credential-keys.js';

export default defineCheck({
  id: 'aws.iam.access_keys_rotated',
  title: 'Active IAM access keys are rotated every 90 days or less',
  severity: 'medium',
  resource: 'aws.iam.credential_report',
  triggers: ['CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey'],
  description:
    'An active access key of the user was created or last rotated longer ago than the allowed age (90 days by default).',
  risk: 'The older a key, the more places it has been copied to; a leaked key stays valid until it is rotated.',
  remediation: {
    text: 'Create a second key, move the application to it, deactivate and then delete the old key. Prefer roles with temporary credentials where possible.',
    cli: 'aws iam create-access-key --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive\naws iam delete-access-key --user-name <user> --access-key-id <old-key-id>',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
  ],
  params: z.object({ max_age_days: z.number().int().positive().default(90) }),
  evaluate(row, { max_age_days }) {
    const keys = reportKeys(row);
    if (keys === null) return error('the access key state is unreadable');
    const active = keys.filter((k) => k.active);
    if (active.length === 0) return notApplicable('no active access key');
    const old: string[] = [];
    for (const k of active) {
      if (k.age_days === null) return error(`the age of access key ${k.slot} is unreadable`);
      if (k.age_days > max_age_days) old.push(`key ${k.slot} is ${k.age_days} days old`);
    }
    if (old.length > 0) return fail(`${row.com.name}: ${old.join(', ')}`, { evidence: { max_age_days } });
    return pass('active keys were rotated recently');
  },
});
