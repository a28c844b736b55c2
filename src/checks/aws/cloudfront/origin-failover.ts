import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.origin_failover',
  title: 'CloudFront distributions have origin failover',
  severity: 'low',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['origin_group_count'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description: 'The distribution has no origin group with a secondary origin to fail over to.',
  risk: 'When the one origin fails or is unreachable, every cache miss fails and the site goes down.',
  remediation: {
    text: 'Create an origin group with a primary and a secondary origin and use it in the cache behaviours.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # OriginGroups with two members',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html',
  ],
  evaluate(d) {
    const groups = extNum(d, 'origin_group_count');
    if (groups === null) return error('the origin groups could not be read');
    return groups > 0
      ? pass(`${groups} origin group(s)`)
      : fail(`${d.com.name} has no origin group for failover`);
  },
});
