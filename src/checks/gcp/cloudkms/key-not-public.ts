import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export const CRYPTO_KEY = 'gcp.cloudkms.crypto_key';

export default defineCheck({
  id: 'gcp.cloudkms.key_not_public',
  title: 'Cloud KMS keys are not granted to allUsers or allAuthenticatedUsers',
  severity: 'high',
  resource: CRYPTO_KEY,
  facts: { [CRYPTO_KEY]: ['public_members'] },
  triggers: ['SetIamPolicy'],
  description:
    "The key's IAM policy grants a role to allUsers (anyone) or allAuthenticatedUsers (anyone with a Google account).",
  risk: 'Anyone on the internet could use or administer the key: decrypt what it protects, or encrypt with it and destroy its versions.',
  remediation: {
    text: 'Remove the public members from the key’s IAM policy; grant roles to the identities that need them.',
    cli: 'gcloud kms keys remove-iam-policy-binding <key> --keyring=<ring> --location=<location> --member=allUsers --role=<role>',
  },
  references: ['https://cloud.google.com/kms/docs/iam'],
  evaluate(key) {
    const members = key.ext.public_members;
    if (!Array.isArray(members)) {
      return error(
        `the IAM policy of ${key.com.name} could not be read: ${String(key.ext.iam_unreadable ?? 'not collected')}`,
      );
    }
    if (members.length === 0) return pass('no public member');
    const list = (members as { member: string; role: string }[]).map((m) => `${m.member} as ${m.role}`);
    return fail(`key ${key.com.name} grants ${list.join(', ')}`, { evidence: { public_bindings: members } });
  },
});
