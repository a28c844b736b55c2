import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.storage.bucket_uniform_access',
  title: 'Cloud Storage buckets use uniform bucket-level access',
  severity: 'medium',
  resource: 'gcp.storage.bucket',
  triggers: ['storage.buckets.update', 'storage.buckets.create'],
  description:
    "Uniform bucket-level access is off: object ACLs grant access besides the bucket's IAM policy.",
  risk: 'With object ACLs, access is spread over every object and invisible in IAM: one object can be public while the bucket policy looks private.',
  remediation: {
    text: 'Turn on uniform bucket-level access (after moving any needed object ACL grants to IAM).',
    cli: 'gcloud storage buckets update gs://<bucket> --uniform-bucket-level-access',
  },
  references: ['https://cloud.google.com/storage/docs/uniform-bucket-level-access'],
  evaluate: (r) =>
    r.ext.uniform_bucket_level_access === undefined
      ? error("the bucket's IAM configuration was not read")
      : // the API leaves iamConfiguration.uniformBucketLevelAccess out when it was never turned on
        r.ext.uniform_bucket_level_access === true
        ? pass('uniform bucket-level access is on')
        : fail(`bucket ${r.com.name} allows object ACLs (uniform bucket-level access is off)`),
});
