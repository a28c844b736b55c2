/**
 * The lowest TLS version an Elastic Load Balancing security policy accepts, from its name:
 * ELBSecurityPolicy-TLS13-1-2-2021-06 -> 1.2, ELBSecurityPolicy-TLS-1-1-2017-01 -> 1.1,
 * ELBSecurityPolicy-FS-1-2-Res-2020-10 -> 1.2, and the older policies that still accept TLS 1.0
 * (ELBSecurityPolicy-2016-08, -2015-05, -FS-2018-06, -TLS-1-0-2015-04). A custom or unknown
 * policy name gives null: its protocols are not known from the name.
 */
const LEGACY_TLS10 = new Set([
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-2015-03',
  'ELBSecurityPolicy-2015-02',
  'ELBSecurityPolicy-2014-10',
  'ELBSecurityPolicy-2014-01',
  'ELBSecurityPolicy-2011-08',
  'ELBSecurityPolicy-FS-2018-06',
]);

export function elbPolicyMinTls(name: string | null): string | null {
  if (!name) return null;
  if (LEGACY_TLS10.has(name)) return '1.0';
  const m = /^ELBSecurityPolicy-(?:TLS13|TLS|FS)-1-([0-3])-/.exec(name);
  return m ? `1.${m[1]}` : null;
}
