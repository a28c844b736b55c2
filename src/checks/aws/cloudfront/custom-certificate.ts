import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.custom_certificate',
  title: 'CloudFront distributions use a custom TLS certificate',
  severity: 'low',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['default_certificate', 'certificate_source'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description:
    'The distribution uses the default *.cloudfront.net certificate instead of a certificate for its own domain.',
  risk: 'With the default certificate the site is served under the cloudfront.net name and CloudFront accepts TLS 1.0 whatever the policy says.',
  remediation: {
    text: "Request an ACM certificate (in us-east-1) for the site's domain, add the domain as an alternate name and set the certificate on the distribution.",
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # ViewerCertificate: {ACMCertificateArn, SSLSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021}',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-alternate-domain-names.html',
  ],
  evaluate(d) {
    const builtIn = extBool(d, 'default_certificate');
    if (builtIn === null && extStr(d, 'certificate_source') === null)
      return error('the viewer certificate could not be read');
    return builtIn === true || extStr(d, 'certificate_source') === 'cloudfront'
      ? fail(`${d.com.name} uses the default CloudFront certificate`)
      : pass(`certificate from ${extStr(d, 'certificate_source') ?? 'a custom source'}`);
  },
});
