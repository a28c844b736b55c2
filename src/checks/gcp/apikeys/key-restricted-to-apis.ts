import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { API_KEY, API_KEY_TRIGGERS } from './keys.js';

export default defineCheck({
  id: 'gcp.apikeys.key_restricted_to_apis',
  title: 'API keys are restricted to the APIs they need',
  severity: 'medium',
  resource: API_KEY,
  triggers: API_KEY_TRIGGERS,
  description:
    'The API key has no API restriction, or allows cloudapis.googleapis.com (every Google Cloud API).',
  risk: 'An unrestricted key that leaks can call every enabled API of the project, not just the one it was made for.',
  remediation: {
    text: 'Restrict the key to the services its application calls.',
    cli: 'gcloud services api-keys update <key-id> --project <project> --api-target=service=<service>.googleapis.com',
  },
  references: ['https://cloud.google.com/docs/authentication/api-keys#api_key_restrictions'],
  evaluate(key) {
    const targets = key.ext.api_targets;
    if (!Array.isArray(targets)) return error('the API restrictions could not be read');
    if (targets.length === 0) return fail(`API key ${key.com.name} may call every API`);
    if (targets.includes('cloudapis.googleapis.com'))
      return fail(`API key ${key.com.name} allows cloudapis.googleapis.com (every Google Cloud API)`, {
        evidence: { api_targets: targets },
      });
    return pass(`restricted to ${targets.join(', ')}`);
  },
});
