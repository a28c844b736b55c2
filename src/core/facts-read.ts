import type { ResourceCheck, ScopeContext } from './check.js';
import type { ResourceRecord } from './record.js';
import type { CheckResult } from './result.js';

/**
 * The normalised facts a check read to reach its verdict, as the evidence of a failure the check
 * gave none of its own: "deletion protection is off" then shows `{"deletion_protection": false}`,
 * the value the verdict rests on, instead of nothing. The check runs a second time on records that
 * note which `ext` and `com` keys it reads; checks are pure functions of their records, so the second run
 * reads what the first did. Only failures pay for the second run.
 */

/**
 * Keys every record has, which name the resource or keep the record's books rather than describe
 * its configuration: reading them (for a message, say) is not resting a verdict on them.
 */
const NOT_FACTS = new Set([
  'record_type',
  'unknown_facts',
  'cloud_type',
  'reference',
  'name',
  'account',
  'region',
  'service',
  'tags',
]);

/** A fact longer than this (as JSON) is named with its size, not copied: the resource record holds it. */
export const MAX_FACT_CHARS = 4000;

/** A failure about a whole scope shows the facts read of each record examined, up to this many. */
const MAX_RECORDS_SHOWN = 5;

/** Records handed to a check's second run, each noting the ext keys read of it. */
class ReadTracker {
  private readonly read = new Map<ResourceRecord, Set<string>>();
  /** how many records of each type the check asked for */
  readonly examined: Record<string, number> = {};

  watch(rec: ResourceRecord): ResourceRecord {
    const keys = new Set<string>();
    this.read.set(rec, keys);
    const noting = <T extends object>(part: T): T =>
      new Proxy(part, {
        get(target, key, receiver) {
          if (typeof key === 'string') keys.add(key);
          return Reflect.get(target, key, receiver);
        },
        has(target, key) {
          if (typeof key === 'string') keys.add(key);
          return Reflect.has(target, key);
        },
      });
    return { ...rec, ext: noting(rec.ext), com: noting(rec.com) };
  }

  watchAll(type: string, records: ResourceRecord[]): ResourceRecord[] {
    this.examined[type] = (this.examined[type] ?? 0) + records.length;
    return records.map((r) => this.watch(r));
  }

  /** the facts read of the first record that matches and had some read; null when none */
  factsOf(match: (rec: ResourceRecord) => boolean): Record<string, unknown> | null {
    for (const rec of this.read.keys()) {
      if (!match(rec)) continue;
      const facts = this.factsRead(rec);
      if (facts) return facts;
    }
    return null;
  }

  /** the facts read of each record, by reference, when no more than `most` records had facts read */
  everyFactRead(most: number): Record<string, Record<string, unknown>> | null {
    const out: Record<string, Record<string, unknown>> = {};
    let count = 0;
    for (const rec of this.read.keys()) {
      const facts = this.factsRead(rec);
      if (!facts) continue;
      if (++count > most) return null;
      out[rec.com.reference] = facts;
    }
    return count > 0 ? out : null;
  }

  private factsRead(rec: ResourceRecord): Record<string, unknown> | null {
    const keys = this.read.get(rec);
    if (!keys) return null;
    const facts: Record<string, unknown> = {};
    for (const key of keys) {
      if (NOT_FACTS.has(key)) continue;
      // the normalised facts (ext) first, then the common model's (com: encrypted, publicly_accessible)
      const part = Object.hasOwn(rec.ext, key) ? rec.ext : Object.hasOwn(rec.com, key) ? rec.com : null;
      if (part) facts[key] = bounded((part as Record<string, unknown>)[key]);
    }
    return Object.keys(facts).length > 0 ? facts : null;
  }
}

/** A resource check's failure with the facts it read as evidence, when it gave none. */
export function withFactsRead(
  result: CheckResult,
  rec: ResourceRecord,
  run: (rec: ResourceRecord) => CheckResult,
): CheckResult {
  if (result.status !== 'fail' || result.evidence !== undefined) return result;
  const tracker = new ReadTracker();
  try {
    run(tracker.watch(rec));
  } catch {
    return result;
  }
  const facts = tracker.factsOf((r) => r === rec);
  return facts ? { ...result, evidence: facts } : result;
}

/**
 * A scope check's failures with evidence where they gave none: the facts read of the resource a
 * failure is about, or, for a failure about the scope as a whole (no such trail, no such alert),
 * how many records of each type the check examined and found wanting.
 */
export function withScopeFactsRead(
  results: CheckResult[],
  ctx: ScopeContext,
  run: (ctx: ScopeContext) => CheckResult[],
): CheckResult[] {
  if (!results.some((r) => r.status === 'fail' && r.evidence === undefined)) return results;
  const tracker = new ReadTracker();
  const watched: ScopeContext = {
    cloud: ctx.cloud,
    account: ctx.account,
    resources: (type) => tracker.watchAll(type, ctx.resources(type)),
    readable: (type) => {
      const got = ctx.readable(type);
      return { records: tracker.watchAll(type, got.records), unreadable: got.unreadable };
    },
  };
  let again: CheckResult[];
  try {
    again = run(watched);
  } catch {
    return results;
  }
  if (again.length !== results.length) return results;
  return results.map((r) => {
    if (r.status !== 'fail' || r.evidence !== undefined) return r;
    const reference = r.resource?.reference;
    const facts = reference ? tracker.factsOf((rec) => rec.com.reference === reference) : null;
    if (facts) return { ...r, evidence: facts };
    if (Object.keys(tracker.examined).length === 0) return r;
    const read = tracker.everyFactRead(MAX_RECORDS_SHOWN);
    return {
      ...r,
      evidence: { records_examined: { ...tracker.examined }, ...(read ? { facts_read: read } : {}) },
    };
  });
}

/** The account's result for having no resource of a check's type (`whenNone`), showing none was found. */
export function withNoneFound(check: ResourceCheck<unknown>): CheckResult {
  const result = check.whenNone as CheckResult;
  if (result.status !== 'fail' || result.evidence !== undefined) return result;
  return { ...result, evidence: { records_examined: { [check.resource]: 0 } } };
}

function bounded(value: unknown): unknown {
  const text = JSON.stringify(value) ?? '';
  if (text.length <= MAX_FACT_CHARS) return value;
  const what = Array.isArray(value) ? `a list of ${value.length} items` : 'a value';
  return `(${what}, ${text.length} characters as JSON: see the resource's record)`;
}
