import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { API_KEY, API_KEY_TRIGGERS } from './keys.js';

export default defineCheck({
  id: 'gcp.apikeys.no_api_keys',
  title: 'Projects keep no API keys',
  severity: 'low',
  scope: 'account',
  uses: [API_KEY],
  triggers: API_KEY_TRIGGERS,
  description:
    'The project has an API key. Keys are bearer secrets that identify only the project, not a user or workload.',
  risk: 'An API key in a web page, app or repository is usable by anyone who finds it, and is charged to the project.',
  remediation: {
    text: 'Replace the key with OAuth, a service account or workload identity where the API allows it, then delete the key.',
    cli: 'gcloud services api-keys delete <key-id> --project <project>',
  },
  references: ['https://cloud.google.com/docs/authentication/api-keys'],
  evaluate(ctx) {
    const keys = ctx.resources(API_KEY);
    if (keys.length === 0) return pass(`project ${ctx.account} has no API key`);
    return keys.map((key) => ({
      ...fail(`API key ${key.com.name} exists in project ${ctx.account}`, {
        evidence: { uid: key.ext.uid, created: key.ext.created },
      }),
      resource: { reference: key.com.reference, name: key.com.name, record_type: API_KEY },
    }));
  },
});
