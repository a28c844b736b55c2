import diff from 'microdiff';
import type { ResourceRecord } from './record.js';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface InventoryDiff {
  added: ResourceRecord[];
  removed: ResourceRecord[];
  changed: { before: ResourceRecord; after: ResourceRecord; changes: FieldChange[] }[];
  unchanged: number;
}

/** When the collector read the data (raw.collectedAt): different on every scan. */
const COLLECTION_TIME = new Set(['collectedAt']);

/**
 * Facts counted in days from the moment of collection (the age of a key or a password, days
 * since a last use or an expiry): one more on every scan by construction. A real change (a
 * key rotated, a password used) also changes the raw answer they come from, which is shown.
 */
const DAY_COUNTERS = new Set([
  'age_days',
  'last_used_days',
  'password_last_used_days',
  'password_last_changed_days',
  'user_created_days',
  'days_since_expiry',
]);

/** Changes that happen on every scan whatever the resource does: not changes of the resource. */
function volatile(path: (string | number)[]): boolean {
  const [bucket] = path;
  const last = path[path.length - 1];
  if (bucket === 'raw') return path.length === 2 && COLLECTION_TIME.has(String(last));
  return bucket === 'ext' && DAY_COUNTERS.has(String(last));
}

/**
 * Field-level changes between two versions of a resource: provenance fields, the collection
 * time and the day counts derived from it are left out.
 */
export function diffResource(before: ResourceRecord, after: ResourceRecord): FieldChange[] {
  const strip = (r: ResourceRecord) => {
    const { audit_key: _a, audit_version: _v, origin_worker: _w, ...com } = r.com;
    return { raw: r.raw, ext: r.ext, com };
  };
  return diff(strip(before), strip(after))
    .filter((d) => !volatile(d.path))
    .map((d) => ({
      path: d.path.join('.'),
      before: d.type === 'CREATE' ? undefined : d.oldValue,
      after: d.type === 'REMOVE' ? undefined : d.value,
    }));
}

/** What changed in the inventory between two scans, matched on com.reference. */
export function diffInventories(a: ResourceRecord[], b: ResourceRecord[]): InventoryDiff {
  const before = new Map(a.map((r) => [r.com.reference, r]));
  const after = new Map(b.map((r) => [r.com.reference, r]));
  const out: InventoryDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [ref, r] of after) {
    const old = before.get(ref);
    if (!old) {
      out.added.push(r);
      continue;
    }
    const changes = diffResource(old, r);
    if (changes.length) out.changed.push({ before: old, after: r, changes });
    else out.unchanged += 1;
  }
  for (const [ref, r] of before) if (!after.has(ref)) out.removed.push(r);
  return out;
}
