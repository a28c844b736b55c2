import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/core/issues.js';
import type { Collection } from '../../src/core/provider.js';
import { NORMALISERS, normaliseCollection } from '../../src/providers/normalisers.js';

/**
 * Every normaliser must refuse a raw field of the wrong type rather than read it as absent.
 * The guard: take every raw item of the demo estate (all 49 collector types), replace each
 * value in it, one at a time, by a value of another type, and normalise. Either the item is
 * refused with an error naming that field, or the records come out exactly as before (the
 * normaliser does not read the field). A normaliser that reads a field its `raw` declaration
 * leaves out fails here.
 */

interface Sample {
  collection: Omit<Collection, 'items'>;
  raw: Record<string, unknown>;
}

/** The demo estate, and the samples of types it does not hold yet (raw-samples/, same layout). */
const SOURCES = [
  ...['day1', 'day2', 'day3'].map((day) => new URL(`../../demo/${day}.json`, import.meta.url)),
  ...readdirSync(new URL('./raw-samples/', import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .map((f) => new URL(`./raw-samples/${f}`, import.meta.url)),
];

function demoSamples(): Sample[] {
  const seen = new Set<string>();
  const out: Sample[] = [];
  for (const source of SOURCES) {
    const snap = JSON.parse(readFileSync(source, 'utf8'));
    for (const a of snap.accounts) {
      for (const c of a.collections as Collection[]) {
        for (const raw of c.items ?? []) {
          const key = `${c.type}\0${JSON.stringify(raw)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const { items: _items, ...collection } = c;
          out.push({ collection, raw });
        }
      }
    }
  }
  return out;
}

/** Every path to a present value, parents before children. */
function paths(v: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  if (v === null || v === undefined) return [];
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...prefix, i]))];
  if (typeof v === 'object')
    return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...prefix, k]))];
  return here;
}

/** A value of another type: text for a number or a boolean, a number for anything else. */
const wrongTyped = (v: unknown): unknown => (typeof v === 'number' || typeof v === 'boolean' ? 'x' : 7);

function replaced(root: unknown, path: PropertyKey[]): unknown {
  const copy = structuredClone(root) as Record<PropertyKey, unknown>;
  let cur = copy;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<PropertyKey, unknown>;
  const last = path[path.length - 1] as PropertyKey;
  cur[last] = wrongTyped(cur[last]);
  return copy;
}

const facts = (c: Collection) => normaliseCollection(c).records.map((r) => ({ ext: r.ext, com: r.com }));

describe('raw shapes: a field of the wrong type is refused, never read as absent', () => {
  const samples = demoSamples();

  it('covers every normaliser with demo items', () => {
    const types = new Set(samples.map((s) => s.collection.type));
    // the imports of the clouds' own detectors: opt-in, not in the demo; their raw shapes are
    // tested on recorded detector answers (imported-findings, defender-findings, securitycenter-findings)
    const imported = [
      'aws.accessanalyzer.finding',
      'aws.guardduty.finding',
      'aws.inspector2.finding',
      'aws.securityhub.finding',
      'azure.security.alert',
      'azure.security.assessment',
      'gcp.securitycenter.finding',
    ];
    expect(
      NORMALISERS.filter((n) => !types.has(n.type))
        .map((n) => n.type)
        .sort(),
    ).toEqual(imported);
  });

  it('refuses each wrong-typed field naming its path, or ignores a field it does not read', () => {
    const silent: string[] = [];
    for (const { collection, raw } of samples) {
      const good = { ...collection, items: [raw] } as Collection;
      const base = normaliseCollection(good);
      expect(base.errors, `${collection.type} demo item is readable`).toEqual([]);
      const baseFacts = JSON.stringify(facts(good));
      for (const path of paths(raw)) {
        const tampered = { ...collection, items: [replaced(raw, path)] } as Collection;
        const { errors } = normaliseCollection(tampered);
        const where = formatPath(path[0] === 'item' && path.length > 1 ? path.slice(1) : path);
        if (errors.length > 0) {
          if (!errors[0]?.message.includes(`${where}: expected`)) {
            silent.push(
              `${collection.type} ${formatPath(path)}: refused for another reason: ${errors[0]?.message}`,
            );
          }
          continue;
        }
        const after = JSON.stringify(facts(tampered));
        if (after === baseFacts) continue;
        // a field inside an embedded document (a policy) is named in the record's unreadable reason
        const named = path.some((_, k) => k > 0 && after.includes(`${formatPath(path.slice(k))}: expected`));
        if (!named) silent.push(`${collection.type} ${formatPath(path)}: read silently`);
      }
    }
    expect(silent).toEqual([]);
  });
});
