import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.acm.rsa_key_length',
  title: 'ACM RSA certificates use keys of at least 2048 bits',
  severity: 'high',
  resource: 'aws.acm.certificate',
  triggers: ['ImportCertificate', 'RequestCertificate'],
  description: 'The certificate has a 1024-bit RSA key.',
  risk: 'A 1024-bit RSA key is within reach of well-funded attackers: whoever factors it can impersonate the site and read recorded traffic.',
  remediation: {
    text: 'Request or import a certificate with an RSA 2048-bit (or larger) or ECDSA key, move its users to it and delete the old one.',
    cli: 'aws acm request-certificate --domain-name <domain> --key-algorithm RSA_2048 --validation-method DNS',
  },
  references: ['https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#algorithms'],
  evaluate(cert) {
    const algorithm = extStr(cert, 'key_algorithm');
    if (algorithm === null) return error('the key algorithm could not be read');
    const m = /^RSA[-_](\d+)$/.exec(algorithm);
    if (!m) return notApplicable(`not an RSA key (${algorithm})`);
    return Number(m[1]) >= 2048
      ? pass(`RSA ${m[1]}-bit key`)
      : fail(`${cert.com.name} has an RSA ${m[1]}-bit key`);
  },
});
