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

/** Field-level changes between two versions of a resource (provenance fields excluded). */
export function diffResource(before: ResourceRecord, after: ResourceRecord): FieldChange[] {
  const strip = (r: ResourceRecord) => {
    const { audit_key: _a, audit_version: _v, origin_worker: _w, ...com } = r.com;
    return { raw: r.raw, ext: r.ext, com };
  };
  return diff(strip(before), strip(after)).map((d) => ({
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
