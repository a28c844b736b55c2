import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';
import type { Origin } from './origins.js';

export default defineCheck({
  id: 'aws.cloudfront.origin_https_required',
  title: 'CloudFront encrypts traffic to custom origins',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['origins', 'viewer_protocol_policies'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description:
    'A custom origin of the distribution is reached over plain HTTP (origin protocol policy http-only, or match-viewer while viewers may use HTTP).',
  risk: "Content and the viewers' requests, cookies included, cross the internet unencrypted between CloudFront and the origin.",
  remediation: {
    text: 'Set the origin protocol policy of every custom origin to https-only.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # CustomOriginConfig.OriginProtocolPolicy: https-only',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
  ],
  evaluate(d) {
    const origins = extList<Origin>(d, 'origins');
    const viewers = extList<string>(d, 'viewer_protocol_policies');
    if (origins === null) return error('the origins could not be read');
    const custom = origins.filter((o) => o.kind === 'custom');
    if (custom.length === 0) return notApplicable('no custom origin');
    const viewersMayUseHttp = viewers === null || viewers.includes('allow-all');
    const plain = custom.filter(
      (o) => o.protocol_policy === 'http-only' || (o.protocol_policy === 'match-viewer' && viewersMayUseHttp),
    );
    if (plain.length > 0)
      return fail(
        `${d.com.name}: origin(s) ${plain.map((o) => `${o.id} (${o.protocol_policy})`).join(', ')} may be reached over HTTP`,
      );
    const unknown = custom.filter((o) => o.protocol_policy === null);
    if (unknown.length > 0)
      return error(
        `the protocol policy of origin ${unknown.map((o) => o.id).join(', ')} is not in the answer`,
      );
    return pass('every custom origin is reached over HTTPS');
  },
});
