import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';
import type { Origin } from './origins.js';

export default defineCheck({
  id: 'aws.cloudfront.origin_no_deprecated_ssl',
  title: 'CloudFront does not use SSLv3 towards custom origins',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['origins'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description: 'A custom origin of the distribution allows SSLv3 for the connection from CloudFront.',
  risk: 'SSLv3 is broken (POODLE): traffic between CloudFront and the origin can be decrypted by an attacker on the path.',
  remediation: {
    text: 'Remove SSLv3 (and TLSv1, TLSv1.1) from the origin SSL protocols; keep TLSv1.2.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # OriginSslProtocols: {Quantity: 1, Items: [TLSv1.2]}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html',
  ],
  evaluate(d) {
    const origins = extList<Origin>(d, 'origins');
    if (origins === null) return error('the origins could not be read');
    const custom = origins.filter((o) => o.kind === 'custom');
    if (custom.length === 0) return notApplicable('no custom origin');
    const weak = custom.filter((o) => o.ssl_protocols.includes('SSLv3'));
    return weak.length === 0
      ? pass('no custom origin allows SSLv3')
      : fail(`${d.com.name}: origin(s) ${weak.map((o) => o.id).join(', ')} allow SSLv3`);
  },
});
