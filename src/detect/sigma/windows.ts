/**
 * Per-correlation window state: one class per correlation type, each keeping its groups in a Map ordered
 * by activity so that expired windows are found from the front. See correlator.ts for the semantics.
 */
import { conditionHolds, hasUpperBound } from './correlation.js';
import { MISSING } from './fields.js';
import { GroupKeys } from './group-keys.js';
import type { CompiledCorrelation } from './types.js';
export interface CorrelationHit {
  rule: CompiledCorrelation;
  /** group-by name -> value in the events (null when missing). */
  group: Record<string, unknown>;
  groupKey: string;
  /** Events (event_count), distinct values (value_count) or rules (temporal) counted. */
  count: number;
  /** Ids of the contributing events, oldest first (capped by maxEventIds). */
  eventIds: string[];
  /** The caller's ref (`EventFacts.ref`) of the event whose id is last in `eventIds`, when known. */
  lastRef?: number;
  firstTime: number;
  lastTime: number;
}

export interface Input {
  key: string;
  /** id and name of the matched rule, for alias lookup. */
  names: string[];
  field: (name: string) => unknown;
  time: number;
  /** The event's id (an event), or the ids a correlation hit counted (a hit feeding another correlation). */
  ids: EntryIds;
  /** The caller's ref of the last of `ids`, when it gave one. */
  ref: number | undefined;
}

export interface GroupBase {
  key: string;
  group: Record<string, unknown>;
  /** Time of the last contribution (sliding windows) or of the window's start (tumbling windows). */
  mark: number;
}

/** One id as itself (an event: no array per event), or several. */
export type EntryIds = string | readonly string[];

export interface Entry {
  t: number;
  ids: EntryIds;
  /** ref of the last of `ids` */
  ref: number | undefined;
}

/** Entries no older than `span` before the newest one. */
function recent(entries: readonly Entry[], span: number): Entry[] {
  let newest = Number.NEGATIVE_INFINITY;
  for (const e of entries) if (e.t > newest) newest = e.t;
  return entries.filter((e) => e.t >= newest - span);
}

/** The oldest time `recent` keeps among these entries (the newest one's time less `span`). */
function recentFrom(entries: Iterable<Entry>, span: number): { from: number; stale: boolean } {
  let newest = Number.NEGATIVE_INFINITY;
  let oldest = Number.POSITIVE_INFINITY;
  for (const e of entries) {
    if (e.t > newest) newest = e.t;
    if (e.t < oldest) oldest = e.t;
  }
  const from = newest - span;
  return { from, stale: oldest < from };
}

/** The entries' ids in order, at most `max`, and the ref of the last id taken when its entry gave one. */
function cappedIds(entries: readonly Entry[], max: number): { ids: string[]; lastRef: number | undefined } {
  const ids: string[] = [];
  let lastRef: number | undefined;
  for (const e of entries) {
    const own = e.ids;
    if (typeof own === 'string') {
      if (ids.length >= max) return { ids, lastRef };
      ids.push(own);
      lastRef = e.ref;
      continue;
    }
    for (const id of own) {
      if (ids.length >= max) return { ids, lastRef };
      ids.push(id);
      lastRef = undefined;
    }
    if (own.length > 0) lastRef = e.ref;
  }
  return { ids, lastRef };
}

export abstract class Window<G extends GroupBase> {
  protected readonly groups = new Map<string, G>();
  /** The group `touch` put last in `groups` (the map's newest entry, while it is in it). */
  private newest: G | undefined;
  /** keys of the counted values (value_count) */
  protected readonly valueKeys = new GroupKeys();
  /** The counted values of the input at hand, refilled for each one. */
  protected readonly counted: unknown[];
  constructor(
    readonly rule: CompiledCorrelation,
    protected readonly maxIds: number,
    private readonly maxGroups: number,
  ) {
    this.counted = new Array(rule.valueFields.length);
  }

  /**
   * One event (or correlation hit) of the group `key`, whose group-by values are `values` (in the
   * rule's group-by order); the hits it completes are added to `out`.
   */
  abstract add(
    input: Input,
    position: number[],
    key: string,
    values: readonly unknown[],
    out: CorrelationHit[],
  ): void;

  /** The group-by name -> value record of a new group (built only when a group starts). */
  protected groupOf(values: readonly unknown[]): Record<string, unknown> {
    const names = this.rule.groupBy;
    const group: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) group[names[i] as string] = values[i];
    return group;
  }

  /** Drop (or close) windows that ended before `watermark`. */
  sweep(watermark: number): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    this.sweepInto(watermark, out);
    return out;
  }

  /** `sweep`, adding the hits to `out` (called on every step of time: no array of its own). */
  sweepInto(watermark: number, out: CorrelationHit[]): void {
    if (this.groups.size === 0) return;
    for (const g of this.groups.values()) {
      if (g.mark + this.rule.timespanMs >= watermark) break;
      this.groups.delete(g.key);
      const hit = this.close(g);
      if (hit) out.push(hit);
    }
  }

  flush(): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    for (const g of this.groups.values()) {
      const hit = this.close(g);
      if (hit) out.push(hit);
    }
    this.groups.clear();
    return out;
  }

  get size(): number {
    return this.groups.size;
  }

  /** What a window yields when it ends; sliding windows yield nothing (they fire as they go). */
  protected close(_g: G): CorrelationHit | undefined {
    return undefined;
  }

  /** Keep the group map ordered by `mark` and within its cap. */
  protected touch(g: G): void {
    // already the last one (a principal's calls often come in a row): nothing moves
    if (g === this.newest) return;
    this.newest = g;
    this.groups.delete(g.key);
    this.groups.set(g.key, g);
    if (this.groups.size > this.maxGroups) {
      const oldest = this.groups.keys().next().value;
      if (oldest !== undefined) this.groups.delete(oldest);
    }
  }

  protected hit(g: GroupBase, count: number, entries: readonly Entry[]): CorrelationHit {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const e of entries) {
      first = Math.min(first, e.t);
      last = Math.max(last, e.t);
    }
    const sorted = [...entries].sort((a, b) => a.t - b.t);
    const { ids, lastRef } = cappedIds(sorted, this.maxIds);
    return {
      rule: this.rule,
      group: g.group,
      groupKey: g.key,
      count,
      eventIds: ids,
      lastRef,
      firstTime: first,
      lastTime: last,
    };
  }
}

interface SlidingGroup extends GroupBase {
  entries: Entry[];
  /** value_count: distinct value -> its latest entry. */
  values?: Map<string, Entry>;
  /**
   * Time of the newest entry while every entry came no earlier than the one before (as a log read in
   * order does): entries then sit oldest first, so the expired ones are a prefix and the newest is the
   * last one; NaN once an entry came out of order (every add then scans all entries).
   */
  inOrderTo: number;
  /**
   * value_count, while in order: no entry is older than this (the oldest one's time when last looked
   * at), so an event that expires nothing does not walk the values.
   */
  oldest: number;
}

/** Records `t` in the group's order tracking; true while the entries are still oldest first. */
function stillInOrder(g: SlidingGroup, t: number): boolean {
  if (t >= g.inOrderTo) {
    g.inOrderTo = t;
    return true;
  }
  g.inOrderTo = Number.NaN;
  return false;
}

/** event_count and value_count with lower bounds only. */
class SlidingCount extends Window<SlidingGroup> {
  add(input: Input, _p: number[], key: string, groupValues: readonly unknown[], out: CorrelationHit[]): void {
    const span = this.rule.timespanMs;
    const counted = this.rule.type === 'value_count';
    // an event without the counted value counts nothing: no group is made for it
    const value = counted ? valueKey(this.rule.valueFields, input, this.valueKeys, this.counted) : undefined;
    const found = this.groups.get(key);
    if (counted && value === undefined) {
      if (found) found.mark = Math.max(found.mark, input.time);
      return;
    }
    const g: SlidingGroup = found ?? {
      key,
      group: this.groupOf(groupValues),
      mark: input.time,
      entries: [],
      inOrderTo: Number.NEGATIVE_INFINITY,
      oldest: input.time,
    };
    g.mark = Math.max(g.mark, input.time);
    let count: number;
    let entries: Entry[];
    if (value !== undefined) {
      g.values ??= new Map();
      const values = g.values;
      values.delete(value);
      values.set(value, { t: input.time, ids: input.ids, ref: input.ref });
      if (stillInOrder(g, input.time)) {
        const from = input.time - span;
        if (g.oldest < from) {
          g.oldest = input.time;
          for (const [v, e] of values) {
            if (e.t >= from) {
              g.oldest = e.t;
              break;
            }
            values.delete(v);
          }
        }
      } else {
        // one pass without copies: most events expire nothing
        const { from, stale } = recentFrom(values.values(), span);
        if (stale) for (const [v, e] of values) if (e.t < from) values.delete(v);
      }
      count = values.size;
      if (!conditionHolds(this.rule.condition, count)) {
        this.touch(g);
        return;
      }
      entries = [...values.values()];
    } else {
      g.entries.push({ t: input.time, ids: input.ids, ref: input.ref });
      if (stillInOrder(g, input.time)) {
        const from = input.time - span;
        let expired = 0;
        while (expired < g.entries.length && g.entries[expired]!.t < from) expired++;
        if (expired > 0) g.entries.splice(0, expired);
      } else {
        const { from, stale } = recentFrom(g.entries, span);
        if (stale) g.entries = g.entries.filter((e) => e.t >= from);
      }
      entries = g.entries;
      count = entries.length;
    }
    if (conditionHolds(this.rule.condition, count)) {
      this.groups.delete(key);
      out.push(this.hit(g, count, entries));
      return;
    }
    this.touch(g);
  }
}

interface TumblingGroup extends GroupBase {
  count: number;
  entries: Entry[];
  values: Set<string>;
  last: number;
}

/** event_count and value_count whose condition has an upper bound: judged when the window closes. */
class TumblingCount extends Window<TumblingGroup> {
  private readonly valueCap: number;
  constructor(rule: CompiledCorrelation, maxIds: number, maxGroups: number) {
    super(rule, maxIds, maxGroups);
    const c = rule.condition;
    // Past the largest bound the condition cannot turn true again; keep one more to know that.
    this.valueCap = Math.max(c.lt ?? 0, c.lte ?? 0, c.eq ?? 0, c.gt ?? 0, c.gte ?? 0) + 1;
  }

  add(input: Input, _p: number[], key: string, groupValues: readonly unknown[], out: CorrelationHit[]): void {
    let g = this.groups.get(key);
    if (g && input.time > g.mark + this.rule.timespanMs) {
      this.groups.delete(key);
      const closed = this.close(g);
      if (closed) out.push(closed);
      g = undefined;
    }
    if (!g) {
      g = {
        key,
        group: this.groupOf(groupValues),
        mark: input.time,
        count: 0,
        entries: [],
        values: new Set(),
        last: input.time,
      };
      this.groups.set(key, g);
    }
    g.last = Math.max(g.last, input.time);
    if (this.rule.type === 'value_count') {
      const value = valueKey(this.rule.valueFields, input, this.valueKeys, this.counted);
      if (value === undefined) return;
      if (g.values.size < this.valueCap && !g.values.has(value)) {
        g.values.add(value);
        if (g.entries.length < this.maxIds) g.entries.push({ t: input.time, ids: input.ids, ref: input.ref });
      }
      g.count = g.values.size;
    } else {
      g.count++;
      if (g.entries.length < this.maxIds) g.entries.push({ t: input.time, ids: input.ids, ref: input.ref });
    }
  }

  protected override close(g: TumblingGroup): CorrelationHit | undefined {
    if (!conditionHolds(this.rule.condition, g.count)) return undefined;
    const hit = this.hit(g, g.count, g.entries);
    return { ...hit, firstTime: g.mark, lastTime: g.last };
  }
}

interface TemporalGroup extends GroupBase {
  seen: Map<string, Entry>;
}

/** temporal: the referenced rules all (or as many as the condition asks) match within the timespan. */
class Temporal extends Window<TemporalGroup> {
  private readonly distinct: number;
  constructor(rule: CompiledCorrelation, maxIds: number, maxGroups: number) {
    super(rule, maxIds, maxGroups);
    this.distinct = new Set(rule.ruleKeys).size;
  }

  add(input: Input, _p: number[], key: string, groupValues: readonly unknown[], out: CorrelationHit[]): void {
    const g = this.groups.get(key) ?? {
      key,
      group: this.groupOf(groupValues),
      mark: input.time,
      seen: new Map<string, Entry>(),
    };
    g.mark = Math.max(g.mark, input.time);
    g.seen.set(input.key, { t: input.time, ids: input.ids, ref: input.ref });
    const kept = recent([...g.seen.values()], this.rule.timespanMs);
    for (const [k, e] of g.seen) if (!kept.includes(e)) g.seen.delete(k);
    const count = g.seen.size;
    const c = this.rule.condition;
    const holds = Object.keys(c).length === 0 ? count >= this.distinct : conditionHolds(c, count);
    if (holds) {
      this.groups.delete(key);
      out.push(this.hit(g, count, [...g.seen.values()]));
      return;
    }
    this.touch(g);
  }
}

interface OrderedGroup extends GroupBase {
  /** chain[i]: the latest-starting run that has matched rules 0..i in order. */
  chain: Array<{ start: number; entries: Entry[] } | undefined>;
}

/** temporal_ordered: the referenced rules match in the listed order within the timespan. */
class TemporalOrdered extends Window<OrderedGroup> {
  add(
    input: Input,
    positions: number[],
    key: string,
    groupValues: readonly unknown[],
    out: CorrelationHit[],
  ): void {
    const n = this.rule.ruleKeys.length;
    const span = this.rule.timespanMs;
    const g = this.groups.get(key) ?? {
      key,
      group: this.groupOf(groupValues),
      mark: input.time,
      chain: new Array(n).fill(undefined),
    };
    g.mark = Math.max(g.mark, input.time);
    const entry: Entry = { t: input.time, ids: input.ids, ref: input.ref };
    // Highest position first, so one event never fills two consecutive steps.
    for (const p of [...positions].sort((a, b) => b - a)) {
      if (p === 0) {
        g.chain[0] = { start: input.time, entries: [entry] };
        continue;
      }
      const prev = g.chain[p - 1];
      if (!prev || prev.start < input.time - span) continue;
      const lastPrev = prev.entries[prev.entries.length - 1];
      if (lastPrev && lastPrev.t > input.time) continue;
      const cur = g.chain[p];
      if (!cur || prev.start >= cur.start)
        g.chain[p] = { start: prev.start, entries: [...prev.entries, entry] };
    }
    const done = g.chain[n - 1];
    if (done && done.start >= input.time - span) {
      this.groups.delete(key);
      out.push(this.hit(g, n, done.entries));
      return;
    }
    this.touch(g);
  }
}

/** The key of the counted fields' values (`JSON.stringify` of the list); undefined when one is missing. */
function valueKey(
  fields: readonly string[],
  input: Input,
  keys: GroupKeys,
  values: unknown[],
): string | undefined {
  for (let i = 0; i < fields.length; i++) {
    const v = input.field(fields[i] as string);
    if (v === MISSING || v === null || v === undefined) return undefined;
    values[i] = v;
  }
  return keys.of(values);
}

export function makeWindow(c: CompiledCorrelation, maxIds: number, maxGroups: number): Window<GroupBase> {
  switch (c.type) {
    case 'event_count':
    case 'value_count':
      return hasUpperBound(c.condition)
        ? new TumblingCount(c, maxIds, maxGroups)
        : new SlidingCount(c, maxIds, maxGroups);
    case 'temporal':
      return new Temporal(c, maxIds, maxGroups);
    case 'temporal_ordered':
      return new TemporalOrdered(c, maxIds, maxGroups);
  }
}
