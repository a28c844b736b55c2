import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.acm.certificate_renewed',
  title: 'ACM certificates are renewed before they expire',
  severity: 'medium',
  resource: 'aws.acm.certificate',
  triggers: ['ImportCertificate', 'RenewCertificate', 'RequestCertificate'],
  description:
    'The certificate expires within the allowed number of days (30 by default) and has not been renewed.',
  risk: 'An expired certificate breaks HTTPS for every client of the load balancer, distribution or API using it, and teaches users to click through warnings.',
  remediation: {
    text: 'Re-import a renewed certificate for imported certificates; for ACM-issued ones, fix the domain validation (DNS record) that keeps managed renewal from completing.',
    cli: 'aws acm import-certificate --certificate-arn <arn> --certificate fileb://cert.pem --private-key fileb://key.pem --certificate-chain fileb://chain.pem\naws acm describe-certificate --certificate-arn <arn> --query Certificate.RenewalSummary',
  },
  references: ['https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html'],
  params: z.object({ days_to_expiration: z.number().int().min(14).max(365).default(30) }),
  evaluate(cert, { days_to_expiration }) {
    const status = extStr(cert, 'status');
    if (status !== null && status !== 'ISSUED' && status !== 'EXPIRED')
      return notApplicable(`the certificate is ${status}`);
    const days = extNum(cert, 'days_to_expiry');
    if (days === null) return error('the certificate expiry date could not be read');
    if (days < 0) return fail(`${cert.com.name} expired on ${extStr(cert, 'not_after')}`);
    return days > days_to_expiration
      ? pass(`${days} days until it expires`)
      : fail(`${cert.com.name} expires in ${days} days (${extStr(cert, 'not_after')})`);
  },
});
