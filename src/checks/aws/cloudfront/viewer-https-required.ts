import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.viewer_https_required',
  title: 'CloudFront distributions require HTTPS from viewers',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['viewer_protocol_policies'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description: 'A cache behaviour of the distribution serves plain HTTP (viewer protocol policy allow-all).',
  risk: 'Pages, cookies and tokens cross the network unencrypted between the viewer and CloudFront, where they can be read or changed.',
  remediation: {
    text: 'Set the viewer protocol policy of every cache behaviour to redirect-to-https or https-only.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # ViewerProtocolPolicy: redirect-to-https',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
  ],
  evaluate(d) {
    const policies = extList<string>(d, 'viewer_protocol_policies');
    if (policies === null) return error('the viewer protocol policies could not be read');
    const open = policies.filter((p) => p !== 'https-only' && p !== 'redirect-to-https');
    return open.length === 0
      ? pass('every cache behaviour requires or redirects to HTTPS')
      : fail(`${d.com.name}: ${open.length} cache behaviour(s) allow plain HTTP`);
  },
});
