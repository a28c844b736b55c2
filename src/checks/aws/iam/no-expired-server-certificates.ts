import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.no_expired_server_certificates',
  title: 'No expired TLS certificate is stored in IAM',
  severity: 'low',
  resource: 'aws.iam.server_certificate',
  triggers: ['UploadServerCertificate', 'DeleteServerCertificate'],
  description: 'A server certificate stored in IAM has expired and was not removed.',
  risk: 'An expired certificate can be attached to a load balancer or CloudFront by mistake, breaking the service or teaching users to click through warnings.',
  remediation: {
    text: 'Delete the expired certificate (after checking nothing references it); prefer AWS Certificate Manager, which renews certificates.',
    cli: 'aws iam delete-server-certificate --server-certificate-name <name>',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html'],
  evaluate(cert) {
    const expired = extBool(cert, 'expired');
    if (expired === null) return error('the certificate expiry date is unreadable');
    return expired
      ? fail(`${cert.com.name} expired on ${extStr(cert, 'expires')}`)
      : pass(`valid until ${extStr(cert, 'expires')}`);
  },
});
