import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { API_KEY, API_KEY_TRIGGERS } from './keys.js';

export default defineCheck({
  id: 'gcp.apikeys.key_rotated',
  title: 'API keys are rotated every 90 days or less',
  severity: 'low',
  resource: API_KEY,
  triggers: API_KEY_TRIGGERS,
  description: 'The API key was created longer ago than the allowed age (90 days by default).',
  risk: 'A key that has lived long has been copied to many places; a leaked one works until it is replaced.',
  remediation: {
    text: 'Create a new key with the same restrictions, move the application to it, and delete the old key.',
    cli: 'gcloud services api-keys create --project <project> --display-name=<name>\ngcloud services api-keys delete <old-key-id> --project <project>',
  },
  references: ['https://cloud.google.com/docs/authentication/api-keys#securing'],
  params: z.object({ max_age_days: z.number().int().positive().default(90) }),
  evaluate(key, { max_age_days }) {
    const age = key.ext.age_days;
    if (typeof age !== 'number') return error('the creation time of the key is unreadable');
    if (age > max_age_days)
      return fail(`API key ${key.com.name} is ${age} days old`, {
        evidence: { created: key.ext.created, max_age_days },
      });
    return pass(`${age} days old`);
  },
});
