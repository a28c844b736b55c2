import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.secretsmanager.secret_rotated_recently',
  title: 'Secrets Manager secrets were rotated within the last 90 days',
  severity: 'medium',
  resource: 'aws.secretsmanager.secret',
  triggers: [],
  description:
    'The secret was last rotated (or, never rotated, created) longer ago than allowed (90 days by default).',
  risk: 'The longer a secret keeps its value, the more copies of it exist and the longer a leaked one stays useful.',
  remediation: {
    text: 'Rotate the secret now and turn on automatic rotation at an interval shorter than the allowed age.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret> --rotation-rules AutomaticallyAfterDays=30',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
  params: z.object({ max_days: z.number().int().min(1).max(180).default(90) }),
  evaluate(secret, { max_days }) {
    const days = extNum(secret, 'days_since_rotation');
    if (days === null) return error('neither the last rotation nor the creation date is in the answer');
    const last = extStr(secret, 'last_rotated');
    if (days <= max_days) return pass(last ? `rotated ${days} days ago` : `created ${days} days ago`);
    return fail(
      `${secret.com.name} ${last ? 'was last rotated' : 'was created and never rotated'} ${days} days ago`,
      {
        evidence: { days_since_rotation: days, last_rotated: last, max_days },
      },
    );
  },
});
