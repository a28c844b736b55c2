import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.secretsmanager.secret_in_use',
  title: 'Secrets Manager secrets that nothing reads are removed',
  severity: 'medium',
  resource: 'aws.secretsmanager.secret',
  triggers: [],
  description:
    'Nothing has read the secret for longer than allowed (90 days by default), or it was never read since it was created that long ago.',
  risk: 'An unused secret is a credential nobody watches: it may still open a database or an API, and nobody will notice when it is used.',
  remediation: {
    text: 'Confirm that no application needs the secret (CloudTrail GetSecretValue events), then delete it with a recovery window.',
    cli: 'aws secretsmanager delete-secret --secret-id <secret> --recovery-window-in-days 30',
  },
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_delete-secret.html'],
  params: z.object({ unused_days: z.number().int().min(1).max(365).default(90) }),
  evaluate(secret, { unused_days }) {
    const since = extNum(secret, 'days_since_access');
    if (since !== null) {
      if (since <= unused_days) return pass(`last read ${extStr(secret, 'last_accessed')}`);
      return fail(`${secret.com.name} has not been read for ${since} days`, {
        evidence: { last_accessed: extStr(secret, 'last_accessed'), unused_days },
      });
    }
    const age = extNum(secret, 'days_since_created');
    if (age === null) return error('neither the last access nor the creation date is in the answer');
    if (age <= unused_days) return pass(`created ${age} days ago and not read yet`);
    return fail(`${secret.com.name} was never read in the ${age} days since it was created`, {
      evidence: { created: extStr(secret, 'created'), unused_days },
    });
  },
});
