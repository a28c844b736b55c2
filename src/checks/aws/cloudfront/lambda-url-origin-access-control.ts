import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';
import type { Origin } from './origins.js';

const LAMBDA_URL = /\.lambda-url\.[a-z0-9-]+\.on\.aws$/;

export default defineCheck({
  id: 'aws.cloudfront.lambda_url_origin_access_control',
  title: 'CloudFront reaches Lambda function URL origins through origin access control',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['origins'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description: 'An origin of the distribution is a Lambda function URL without origin access control (OAC).',
  risk: 'The function URL must then accept unauthenticated calls, so anyone can invoke the function directly, around CloudFront, its WAF and its caching.',
  remediation: {
    text: 'Create an origin access control of type lambda, set it on the origin and switch the function URL to AWS_IAM authentication.',
    cli: 'aws cloudfront create-origin-access-control --origin-access-control-config Name=<name>,SigningProtocol=sigv4,SigningBehavior=always,OriginAccessControlOriginType=lambda',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-lambda.html',
  ],
  evaluate(d) {
    const origins = extList<Origin>(d, 'origins');
    if (origins === null) return error('the origins could not be read');
    const lambda = origins.filter((o) => LAMBDA_URL.test(o.domain_name ?? ''));
    if (lambda.length === 0) return notApplicable('no Lambda function URL origin');
    const open = lambda.filter((o) => !o.origin_access_control);
    return open.length === 0
      ? pass('every Lambda function URL origin uses origin access control')
      : fail(`${d.com.name}: origin(s) ${open.map((o) => o.id).join(', ')} have no origin access control`);
  },
});
