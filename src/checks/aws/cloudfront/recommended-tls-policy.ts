import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudfront.recommended_tls_policy',
  title: 'CloudFront distributions use a recommended TLS security policy',
  severity: 'medium',
  resource: 'aws.cloudfront.distribution',
  facts: { 'aws.cloudfront.distribution': ['default_certificate', 'minimum_protocol_version'] },
  triggers: ['UpdateDistribution', 'CreateDistribution'],
  description:
    "The distribution's viewer security policy is not one of the recommended ones (TLSv1.2_2021 and newer by default).",
  risk: 'Older policies accept TLS 1.0/1.1 or weak ciphers, so viewers can be downgraded to protocols with known attacks.',
  remediation: {
    text: 'Set the minimum protocol version of the viewer certificate to TLSv1.2_2021 or newer.',
    cli: 'aws cloudfront update-distribution --id <id> --if-match <etag> --distribution-config file://dist-config.json  # ViewerCertificate.MinimumProtocolVersion: TLSv1.2_2021',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
  ],
  params: z.object({
    policies: z.array(z.string().min(1)).min(1).default(['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025']),
  }),
  evaluate(d, { policies }) {
    if (extBool(d, 'default_certificate') === true)
      return notApplicable(
        'the default CloudFront certificate is used (see aws.cloudfront.custom_certificate)',
      );
    const policy = extStr(d, 'minimum_protocol_version');
    if (policy === null) return error('the viewer security policy could not be read');
    return policies.includes(policy)
      ? pass(`security policy ${policy}`)
      : fail(`${d.com.name} uses security policy ${policy}`);
  },
});
