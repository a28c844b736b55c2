import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';

export const DNS_TRIGGERS = ['dns.managedZones.create', 'dns.managedZones.patch', 'dns.managedZones.update'];

/** Only public zones are signed: DNSSEC does not apply to private, forwarding or peering zones. */
export function privateZone(r: ResourceRecord): CheckResult | undefined {
  const visibility = r.ext.visibility;
  return visibility === 'private' ? notApplicable('a private zone is not resolved publicly') : undefined;
}

/** Does the zone sign with RSASHA1 for keys of this type (keySigning / zoneSigning)? */
export function signsWithRsaSha1(
  r: ResourceRecord,
  key: 'key_signing' | 'zone_signing',
  label: string,
): CheckResult {
  const priv = privateZone(r);
  if (priv) return priv;
  if (r.ext.dnssec_state !== 'on') return notApplicable('DNSSEC is off for the zone');
  const algorithms = r.ext[`${key}_algorithms`];
  if (!Array.isArray(algorithms)) return error(`the ${label} algorithms could not be read`);
  if (algorithms.includes('rsasha1')) {
    return fail(`zone ${r.com.name} signs with RSASHA1 ${label}s`, { evidence: { algorithms } });
  }
  return pass(
    algorithms.length
      ? `${label}s use ${algorithms.join(', ')}`
      : `no ${label} spec: Google's defaults (RSASHA256)`,
  );
}
