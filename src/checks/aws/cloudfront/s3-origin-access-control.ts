import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';
import type { Origin } from './origins.js';

export default defineCheck({
  id: 'aws.cloudfront.s3_origin_access_control',
  title: 'CloudFront reaches S3 origins through origin access control',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['origins'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description: 'An Amazon S3 origin of the distribution has no origin access control (OAC).',
  risk: 'Without OAC the bucket must be readable some other way (public, or the legacy origin access identity without SSE-KMS or signed requests), so its objects can be fetched around CloudFront and its controls.',
  remediation: {
    text: 'Create an origin access control, set it on the S3 origin and allow only the distribution in the bucket policy.',
    cli: 'aws cloudfront create-origin-access-control --origin-access-control-config Name=<name>,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=s3',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html',
  ],
  evaluate(d) {
    const origins = extList<Origin>(d, 'origins');
    if (origins === null) return error('the origins could not be read');
    const s3 = origins.filter((o) => o.kind === 's3');
    if (s3.length === 0) return notApplicable('no S3 origin');
    const open = s3.filter((o) => !o.origin_access_control);
    return open.length === 0
      ? pass('every S3 origin uses origin access control')
      : fail(`${d.com.name}: S3 origin(s) ${open.map((o) => o.id).join(', ')} have no origin access control`);
  },
});
