import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.sni_enabled',
  title: 'CloudFront distributions with custom certificates serve HTTPS with SNI',
  severity: 'low',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['default_certificate', 'ssl_support_method'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description:
    'The distribution serves its custom certificate from dedicated IP addresses (SSLSupportMethod vip) instead of SNI.',
  risk: 'Dedicated-IP HTTPS exists for clients too old to send SNI, which also lack current TLS versions; it costs a monthly fee per distribution.',
  remediation: {
    text: 'Set the SSL support method to sni-only.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # ViewerCertificate.SSLSupportMethod: sni-only',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-https-dedicated-ip-or-sni.html',
  ],
  evaluate(d) {
    if (extBool(d, 'default_certificate') === true)
      return notApplicable('the default CloudFront certificate is used');
    const method = extStr(d, 'ssl_support_method');
    if (method === null) return error('the SSL support method could not be read');
    return method === 'sni-only'
      ? pass('SNI is used')
      : fail(`${d.com.name} uses SSL support method ${method}`);
  },
});
