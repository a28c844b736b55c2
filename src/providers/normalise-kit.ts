import type { ScopeRef } from '../core/provider.js';
import type { ResourceRecord } from '../core/record.js';

/**
 * Small, strict readers and builders shared by every normaliser. Raw data comes from cloud APIs
 * or from snapshot files, so nothing in it is trusted: a field of the wrong type is refused
 * before the normaliser runs (its `raw` declaration, src/providers/raw-shape.ts), these readers
 * narrow the types for TypeScript and read missing or null as null (unknown), and a missing
 * identity field throws with the collector type and the field path.
 */

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The marker a collector stores when an enrichment call failed (access denied, throttled...). */
export function isErrorFact(v: unknown): v is { __error: string } {
  return isRecord(v) && typeof v.__error === 'string';
}

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Json => (isRecord(v) ? v : {});
export const records = (v: unknown): Json[] => arr(v).filter(isRecord);
export const strings = (v: unknown): string[] => arr(v).filter((s): s is string => typeof s === 'string');

/** Read a dotted path ("properties.retentionPolicy.days") through nested objects. */
export function at(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** The list item of a raw resource (`raw.item`), typed as the API's item type. */
export function requireItem<T extends object = Json>(raw: Json, type: string): T & Json {
  const item = raw.item;
  if (!isRecord(item)) throw new Error(`${type}: missing required field item (the list call's answer)`);
  // The API type is a view for readability; every field is still read through the narrowing helpers.
  return item as T & Json;
}

/** A required non-empty string; throws naming the collector type and the field. */
export function requireString(root: unknown, path: string, type: string, label = path): string {
  const v = at(root, path);
  if (typeof v !== 'string' || v.length === 0) {
    throw new Error(
      `${type}: missing required field ${label}${v === undefined ? '' : ` (got ${describe(v)})`}`,
    );
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? 'an empty string' : `a ${typeof v}`;
}

/**
 * A per-item call's answer. `absent`: the API said "not configured" (stored as null).
 * `unknown`: not collected, failed (`__error`) or malformed; facts derived from it are null.
 */
export type Enrichment =
  | { state: 'value'; value: Json }
  | { state: 'absent' }
  | { state: 'unknown'; reason: string };

export function enrichment(raw: Json, key: string): Enrichment {
  const v = raw[key];
  if (v === undefined) return { state: 'unknown', reason: `${key} was not collected` };
  if (v === null) return { state: 'absent' };
  if (isErrorFact(v)) return { state: 'unknown', reason: v.__error };
  if (isRecord(v)) return { state: 'value', value: v };
  return { state: 'unknown', reason: `${key} is not an object` };
}

/** Why each unknown enrichment is unknown, for ext (so a check's error can say why). */
export function unknownReasons(facts: Record<string, Enrichment>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, e] of Object.entries(facts)) if (e.state === 'unknown') out[k] = e.reason;
  return out;
}

/** A per-item call whose answer is a list (e.g. RDS parameters, Azure configurations). */
export function listEnrichment(raw: Json, key: string, listKey: string): Json[] | null {
  const v = raw[key];
  if (Array.isArray(v)) return v.filter(isRecord);
  if (isRecord(v) && !isErrorFact(v) && Array.isArray(v[listKey])) return records(v[listKey]);
  return null;
}

/** Tags as a flat string map; non-string values are dropped. */
export function tagMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** AWS `[{Key, Value}]` tag lists. */
export function keyValueTags(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of records(v)) {
    const k = str(t.Key);
    if (k !== null) out[k] = str(t.Value) ?? '';
  }
  return out;
}

/**
 * TLS versions from every cloud's spelling to "1.0".."1.3": TLSv1, TLSv1_2016 (CloudFront),
 * TLSv1.2_2021, TLS1_2 (Azure), TLS_1_2 (GCP), "1.2", "TLSV1.1"; SSLv3 -> "0.3". A comma list
 * ("TLSv1.2,TLSv1.3") gives its lowest version. Anything else is null.
 */
export function tlsVersion(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const versions = v
    .split(',')
    .map((part) => part.trim())
    .map((part) => {
      if (/^SSLv?3$/i.test(part)) return '0.3';
      const m = /^(?:TLS)?[v_]?(\d)(?:[._](\d))?(?:_\d{4})?$/i.exec(part);
      if (m?.[1] !== '1') return null;
      const minor = m[2] ?? '0';
      return minor <= '3' ? `1.${minor}` : null;
    });
  if (versions.length === 0 || versions.some((x) => x === null)) return null;
  return (versions as string[]).sort()[0] ?? null;
}

/** Lower-case protocol names: IANA numbers and "-1"/"*"/"all" are mapped. */
export function protocolName(v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim().toLowerCase();
  const byNumber: Record<string, string> = {
    '-1': 'all',
    '*': 'all',
    all: 'all',
    '1': 'icmp',
    '6': 'tcp',
    '17': 'udp',
    '58': 'icmpv6',
  };
  return byNumber[s] ?? s;
}

/** Protocols whose rules open ports; for others (icmp, esp...) destination_ports is empty. */
export const hasPorts = (protocol: string): boolean =>
  protocol === 'tcp' || protocol === 'udp' || protocol === 'all';

export interface RecordParts {
  raw: Json;
  scope: ScopeRef;
  /** the collector type (com.origin_key) */
  origin: string;
  /** ext.record_type */
  extType: string;
  /** com.record_type */
  recordType: string;
  reference: string;
  name: string;
  service: string;
  region?: string;
  tags?: Record<string, string>;
  ext: Json;
  /** the shape fields of com.record_type (src/core/shapes.ts) */
  shape: Json;
}

export function buildRecord(p: RecordParts): ResourceRecord {
  return {
    raw: p.raw,
    ext: { ...p.ext, record_type: p.extType },
    com: {
      ...p.shape,
      cloud_type: p.scope.cloud,
      record_type: p.recordType,
      reference: p.reference,
      name: p.name,
      account: p.scope.account,
      region: p.region ?? p.scope.region,
      service: p.service,
      tags: p.tags ?? {},
      origin_key: p.origin,
      origin_class: 'normaliser',
      origin_type: 'cloud',
    },
  };
}
