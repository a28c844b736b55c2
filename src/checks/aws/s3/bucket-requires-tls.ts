import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_requires_tls',
  title: 'S3 bucket policies deny requests not sent over HTTPS',
  severity: 'medium',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['secure_transport_required'] },
  triggers: [],
  description:
    'The bucket policy has no statement denying every request where aws:SecureTransport is false, so objects can be read and written over plain HTTP.',
  risk: 'Requests over HTTP expose object data and signed requests to anyone on the network path.',
  remediation: {
    text: 'Add a Deny statement for all principals on s3:* for the bucket and its objects with the condition {"Bool": {"aws:SecureTransport": "false"}}.',
    cli: `aws s3api put-bucket-policy --bucket <bucket> --policy '{"Version":"2012-10-17","Statement":[{"Sid":"DenyHTTP","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'`,
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit'],
  evaluate(bucket) {
    const required = extBool(bucket, 'secure_transport_required');
    if (required === null) return error(`the bucket policy could not be read${whyUnknown(bucket, 'policy')}`);
    return required
      ? pass('HTTP requests are denied')
      : fail(`${bucket.com.name} accepts requests over HTTP`);
  },
});
