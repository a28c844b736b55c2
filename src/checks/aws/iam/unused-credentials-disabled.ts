import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extNum } from '../facts.js';
import { reportKeys } from './credential-keys.js';

export default defineCheck({
  id: 'aws.iam.unused_credentials_disabled',
  title: 'IAM credentials unused for 45 days or more are disabled',
  severity: 'medium',
  resource: 'aws.iam.credential_report',
  triggers: [
    'CreateLoginProfile',
    'DeleteLoginProfile',
    'UpdateAccessKey',
    'DeleteAccessKey',
    'CreateAccessKey',
  ],
  description:
    'An IAM user has a console password or an active access key that has not been used for the configured number of days (45 by default), or was never used since it was created that long ago.',
  risk: 'Forgotten credentials belong to people who left or systems that were retired; nobody notices when someone else starts using them.',
  remediation: {
    text: 'Remove the console password and deactivate (then delete) access keys that are not used. Issue credentials again when they are needed.',
    cli: 'aws iam delete-login-profile --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  params: z.object({ days: z.number().int().positive().default(45) }),
  evaluate(row, { days }) {
    if (row.ext.is_root === true) return notApplicable('the root user is checked by the root user checks');
    const keys = reportKeys(row);
    const password = extBool(row, 'password_enabled');
    if (password === null || keys === null) return error('the credential report row is unreadable');
    const stale: string[] = [];
    if (password) {
      const used = extNum(row, 'password_last_used_days');
      const since = extNum(row, 'password_last_changed_days') ?? extNum(row, 'user_created_days');
      if (used !== null && used >= days) stale.push(`password last used ${used} days ago`);
      else if (used === null && extBool(row, 'password_use_known') === false)
        return error('the password last use is unreadable');
      else if (used === null && since === null) return error('the password age is unreadable');
      else if (used === null && since !== null && since >= days)
        stale.push(`password never used in ${since} days`);
    }
    for (const k of keys.filter((x) => x.active)) {
      if (!k.used_known) return error(`the last use of access key ${k.slot} is unreadable`);
      if (k.last_used_days !== null && k.last_used_days >= days)
        stale.push(`access key ${k.slot} last used ${k.last_used_days} days ago`);
      else if (k.last_used_days === null) {
        if (k.age_days === null) return error(`the age of access key ${k.slot} is unreadable`);
        if (k.age_days >= days) stale.push(`access key ${k.slot} never used in ${k.age_days} days`);
      }
    }
    if (stale.length > 0) return fail(`${row.com.name}: ${stale.join('; ')}`, { evidence: { days } });
    return pass('every credential was used recently');
  },
});
