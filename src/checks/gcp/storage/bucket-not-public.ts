import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

interface PublicBinding {
  member: string;
  role: string;
}

export default defineCheck({
  id: 'gcp.storage.bucket_not_public',
  title: 'Cloud Storage buckets are not granted to allUsers or allAuthenticatedUsers',
  severity: 'high',
  resource: 'gcp.storage.bucket',
  triggers: ['storage.setIamPermissions', 'storage.buckets.update'],
  description:
    "The bucket's IAM policy grants a role to allUsers or allAuthenticatedUsers: anyone on the internet, or anyone with a Google account.",
  risk: 'Whatever the role allows (reading, listing, writing objects) is open to the world; public buckets are a leading cause of data leaks.',
  remediation: {
    text: 'Remove the allUsers / allAuthenticatedUsers bindings and enforce public access prevention on the bucket.',
    cli: 'gcloud storage buckets remove-iam-policy-binding gs://<bucket> --member=allUsers --role=<role>\ngcloud storage buckets update gs://<bucket> --public-access-prevention',
  },
  references: ['https://cloud.google.com/storage/docs/public-access-prevention'],
  evaluate: (r) => {
    const bindings = r.ext.public_bindings as PublicBinding[] | null | undefined;
    if (!Array.isArray(bindings)) {
      return error(
        `the bucket's IAM policy could not be read: ${String(r.ext.iam_policy_error ?? 'not collected')}`,
      );
    }
    if (bindings.length === 0) return pass('no role is granted to allUsers or allAuthenticatedUsers');
    const enforced = r.ext.public_access_prevention === 'enforced';
    const what = bindings.map((b) => `${b.member} has ${b.role}`).join('; ');
    return fail(`bucket ${r.com.name}: ${what}${enforced ? ' (blocked by public access prevention)' : ''}`, {
      evidence: { bindings, public_access_prevention: r.ext.public_access_prevention ?? null },
    });
  },
});
