import { z } from 'zod';

/**
 * Normalised cross-cloud `com` fields, per com.record_type. Normalisers of every cloud fill
 * these so that one check covers AWS, Azure and GCP alike. A fact the normaliser could not
 * determine is `null`, never a guess: checks report `error` on null.
 */

/** Port ranges as strings: "22", "1000-2000"; all ports are "0-65535". */
export const firewallRuleCom = z.object({
  direction: z.enum(['inbound', 'outbound']),
  access: z.enum(['allow', 'deny']),
  /** lower-case protocol name (tcp, udp, icmp, icmpv6) or "all" */
  protocol: z.string(),
  /** CIDRs, "*" for any address, or names such as a security group id / service tag */
  source_addresses: z.array(z.string()),
  destination_ports: z.array(z.string()),
  /** the firewall (security group, NSG, VPC network) the rule belongs to */
  firewall: z.string(),
  priority: z.number().nullable(),
});
export type FirewallRuleCom = z.infer<typeof firewallRuleCom>;

/**
 * The exposure of a firewall rule that lets the internet in. Every check that reports it, on
 * any cloud, declares it, so that a rule gets one finding whatever checks flag it. Its identity
 * is the firewall_rule record's reference: the firewall, the direction, the rule (protocol and
 * ports for AWS, the rule name for Azure and GCP) and the source.
 */
export const INTERNET_INGRESS = 'network.internet_ingress';

/**
 * A cluster snapshot any AWS account can restore. RDS, DocumentDB and Neptune share the RDS
 * cluster snapshot API, so the RDS check and the engine's own check fail on the same snapshot:
 * one finding, with both mappings (FSBP RDS.1 and DocumentDB.3, say).
 */
export const PUBLIC_SNAPSHOT = 'storage.public_snapshot';

/** A cluster snapshot stored unencrypted, flagged by the RDS check and the engine's own. */
export const UNENCRYPTED_SNAPSHOT = 'storage.unencrypted_snapshot';

export const rdbmsCom = z.object({
  engine: z.string(),
  /** true when the server refuses connections without TLS */
  tls_enforced: z.boolean().nullable(),
  min_tls_version: z.string().nullable(),
  storage_encrypted: z.boolean().nullable(),
  publicly_accessible: z.boolean().nullable(),
});
export type RdbmsCom = z.infer<typeof rdbmsCom>;

export const computeCom = z.object({
  os_disk_encrypted: z.boolean().nullable(),
  public_ips: z.array(z.string()),
  state: z.string().nullable(),
});
export type ComputeCom = z.infer<typeof computeCom>;

export const logProfileCom = z.object({
  /** retention in days; 0 means kept forever */
  retention_days: z.number().nullable(),
  retention_enabled: z.boolean().nullable(),
});
export type LogProfileCom = z.infer<typeof logProfileCom>;

export const webAppCom = z.object({
  /** "1.0", "1.1", "1.2" or "1.3" */
  min_tls_version: z.string().nullable(),
  https_only: z.boolean().nullable(),
});
export type WebAppCom = z.infer<typeof webAppCom>;

export const diskCom = z.object({
  encrypted: z.boolean().nullable(),
  attached_to: z.string().nullable(),
  os_disk: z.boolean().nullable(),
});
export type DiskCom = z.infer<typeof diskCom>;

export const storageCom = z.object({
  encrypted: z.boolean().nullable(),
  public_access: z.boolean().nullable(),
  versioning: z.boolean().nullable(),
});
export type StorageCom = z.infer<typeof storageCom>;

/** com.record_type -> the schema of the extra fields records of that type must carry. */
export const COMMON_SHAPES: Record<string, z.ZodObject> = {
  firewall_rule: firewallRuleCom,
  rdbms: rdbmsCom,
  compute: computeCom,
  log_profile: logProfileCom,
  web_app: webAppCom,
  disk: diskCom,
  storage: storageCom,
};

/** Parse "22", "1000-2000", "*" into an inclusive range. Returns null for unparseable input. */
export function parsePortRange(p: string): { from: number; to: number } | null {
  const s = p.trim();
  if (s === '*' || s.toLowerCase() === 'all') return { from: 0, to: 65535 };
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(s);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || from > to) return null;
  return { from, to };
}

const ANY_V4 = new Set(['0.0.0.0/0', '0.0.0.0', '*', 'any', 'internet', '<nw>/0', '/0']);
const ANY_V6 = new Set(['::/0', '::']);

/** True when a firewall source means "anywhere on the internet". */
export function isInternetSource(src: string): boolean {
  const s = src.trim().toLowerCase();
  return ANY_V4.has(s) || ANY_V6.has(s);
}
