import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_mfa_delete_enabled',
  title: 'S3 buckets require MFA to delete object versions',
  severity: 'low',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['mfa_delete'] },
  triggers: [],
  description:
    'MFA delete is not enabled on the bucket, so object versions can be permanently deleted and versioning suspended with ordinary credentials.',
  risk: 'Stolen credentials are enough to wipe every version of the data, which is what ransomware against S3 does.',
  remediation: {
    text: 'As the root user with its MFA device, enable versioning with MFA delete on the bucket.',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "<root-mfa-serial> <code>"',
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html'],
  evaluate(bucket) {
    const on = extBool(bucket, 'mfa_delete');
    if (on === null)
      return error(`the versioning configuration could not be read${whyUnknown(bucket, 'versioning')}`);
    return on
      ? pass('MFA delete is enabled')
      : fail(`${bucket.com.name} does not require MFA to delete versions`);
  },
});
