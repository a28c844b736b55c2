import { defineCheck } from '../../../core/check.js';
import { fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.secretsmanager.secret_rotation_succeeds',
  title: 'Secrets Manager secrets rotate on schedule',
  severity: 'medium',
  resource: 'aws.secretsmanager.secret',
  triggers: [],
  description:
    "The secret's scheduled rotation date has passed without a rotation (or it was never rotated although rotation is on): its rotation is failing.",
  risk: 'The secret keeps its old value although everyone believes it rotates; a rotation function that fails halfway can also leave applications with a value the database no longer accepts.',
  remediation: {
    text: "Read the rotation function's CloudWatch logs, fix its permissions or network access to the database, then rotate the secret once by hand to check it.",
    cli: 'aws secretsmanager rotate-secret --secret-id <secret>',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html'],
  evaluate(secret) {
    if (extBool(secret, 'rotation_enabled') !== true) return notApplicable('rotation is not turned on');
    const overdue = extNum(secret, 'rotation_overdue_days');
    if (overdue !== null && overdue > 0)
      return fail(
        `${secret.com.name} missed its rotation due ${extStr(secret, 'next_rotation')} (${overdue} days ago)`,
        {
          evidence: {
            next_rotation: extStr(secret, 'next_rotation'),
            last_rotated: extStr(secret, 'last_rotated'),
          },
        },
      );
    const interval = extNum(secret, 'rotation_interval_days');
    const since = extNum(secret, 'days_since_rotation');
    if (extStr(secret, 'last_rotated') === null && interval !== null && since !== null && since > interval)
      return fail(
        `${secret.com.name} has never rotated in ${since} days, though it should every ${interval}`,
      );
    return pass(
      extStr(secret, 'last_rotated')
        ? `last rotated ${extStr(secret, 'last_rotated')}`
        : 'the first rotation is not due yet',
    );
  },
});
