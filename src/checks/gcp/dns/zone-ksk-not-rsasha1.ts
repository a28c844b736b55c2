import { defineCheck } from '../../../core/check.js';
import { DNS_TRIGGERS, signsWithRsaSha1 } from './dnssec-common.js';

export default defineCheck({
  id: 'gcp.dns.zone_ksk_not_rsasha1',
  title: 'DNSSEC key-signing keys do not use RSASHA1',
  severity: 'medium',
  resource: 'gcp.dns.managed_zone',
  triggers: DNS_TRIGGERS,
  description: 'The zone signs its key-signing keys with RSASHA1.',
  risk: 'SHA-1 is broken for collision resistance; signatures made with it give weaker assurance that answers are genuine.',
  remediation: {
    text: 'Turn DNSSEC off, set the key-signing key algorithm to RSASHA256 or ECDSAP256SHA256, and turn it on again (key specs cannot change while DNSSEC is on).',
    cli: 'gcloud dns managed-zones update <zone> --dnssec-state off && gcloud dns managed-zones update <zone> --ksk-algorithm ECDSAP256SHA256 --ksk-key-length 256 --zsk-algorithm ECDSAP256SHA256 --zsk-key-length 256 --dnssec-state on',
  },
  references: ['https://cloud.google.com/dns/docs/dnssec-advanced#advanced-signing-options'],
  evaluate: (r) => signsWithRsaSha1(r, 'key_signing', 'key-signing key'),
});
