import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { DNS_TRIGGERS, privateZone } from './dnssec-common.js';

export default defineCheck({
  id: 'gcp.dns.zone_dnssec_enabled',
  title: 'Public Cloud DNS zones are signed with DNSSEC',
  severity: 'medium',
  resource: 'gcp.dns.managed_zone',
  triggers: DNS_TRIGGERS,
  description: 'DNSSEC is not on for the public managed zone.',
  risk: "Without signatures, resolvers cannot tell forged answers from real ones: cache poisoning and spoofing send users to an attacker's servers.",
  remediation: {
    text: 'Turn DNSSEC on for the zone, then add the DS record at the registrar.',
    cli: 'gcloud dns managed-zones update <zone> --project <project> --dnssec-state on',
  },
  references: ['https://cloud.google.com/dns/docs/dnssec-config'],
  evaluate: (r) => {
    const priv = privateZone(r);
    if (priv) return priv;
    const state = r.ext.dnssec_state;
    if (typeof state !== 'string') return error('the DNSSEC state could not be read');
    if (state === 'on') return pass('DNSSEC is on');
    return fail(`public zone ${r.com.name} (${String(r.ext.dns_name)}) is not signed: DNSSEC is ${state}`, {
      evidence: { dns_name: r.ext.dns_name, dnssec_state: state },
    });
  },
});
