/**
 * The stateful side of correlation rules. Fed with each event and the detection rules it matched, it keeps
 * per-(correlation, group) windows and emits a hit when a correlation's condition holds. Memory is bounded:
 * windows older than the timespan are dropped as time advances, a window keeps at most as many entries
 * as its threshold needs, and the number of groups per correlation is capped.
 *
 * Semantics (documented in docs/sigma.md):
 * - event_count / value_count with only lower bounds (gt, gte): a sliding window; the hit is emitted as soon
 *   as the count within `timespan` satisfies the condition, and the group's window then starts afresh.
 * - conditions with an upper bound (lt, lte, eq): the window opens at the group's first event and is judged
 *   when it closes (an event past its end, time moving past it, or flush()).
 * - temporal: every referenced rule (or as many as the condition asks) matched within `timespan`.
 * - temporal_ordered: the referenced rules matched in the order listed, all within `timespan`.
 */
import { conditionHolds, hasUpperBound } from './correlation.js';
import { MISSING } from './fields.js';
import { type CompiledCorrelation, type CompiledDetection, ruleKey } from './types.js';

export interface CorrelationHit {
  rule: CompiledCorrelation;
  /** group-by name -> value in the events (null when missing). */
  group: Record<string, unknown>;
  groupKey: string;
  /** Events (event_count), distinct values (value_count) or rules (temporal) counted. */
  count: number;
  /** Ids of the contributing events, oldest first (capped by maxEventIds). */
  eventIds: string[];
  firstTime: number;
  lastTime: number;
}

export interface CorrelatorOptions {
  /** Event time in epoch milliseconds. Events without a time are given the latest time seen. */
  time?: (event: unknown) => number | undefined;
  eventId?: (event: unknown) => string | undefined;
  /** Cap on the event ids kept per window and reported per hit (default 100). */
  maxEventIds?: number;
  /** Cap on live groups per correlation; the least recently active is dropped beyond it (default 100000). */
  maxGroups?: number;
}

/** What the caller already knows about an event. */
export interface EventFacts {
  /** Epoch milliseconds. */
  time?: number;
  id?: string;
}

interface Input {
  key: string;
  /** id and name of the matched rule, for alias lookup. */
  names: string[];
  field: (name: string) => unknown;
  time: number;
  ids: string[];
}

interface GroupBase {
  key: string;
  group: Record<string, unknown>;
  /** Time of the last contribution (sliding windows) or of the window's start (tumbling windows). */
  mark: number;
}

interface Entry {
  t: number;
  ids: string[];
}

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function get(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e11 ? v * 1000 : v;
  if (typeof v === 'string' && v !== '') {
    if (/^\d+(\.\d+)?$/.test(v)) return parseTime(Number(v));
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (v instanceof Date) return v.getTime();
  return undefined;
}

const TIME_PATHS = [
  ['eventTime'], // CloudTrail
  ['time'], // Azure Activity Log
  ['timestamp'], // GCP Cloud Audit Logs
  ['receiveTimestamp'],
  ['start'], // VPC flow logs (epoch seconds)
  ['@timestamp'],
  ['com', 'time'], // a Cloudward {raw, ext, com} record
];

/** Event time from the usual fields of CloudTrail, Azure, GCP, VPC flow logs or a Cloudward record. */
export function defaultEventTime(event: unknown): number | undefined {
  for (const path of TIME_PATHS) {
    const t = parseTime(get(event, path));
    if (t !== undefined) return t;
  }
  return undefined;
}

const ID_PATHS = [['eventID'], ['eventDataId'], ['insertId'], ['id'], ['com', 'reference']];

export function defaultEventId(event: unknown): string | undefined {
  for (const path of ID_PATHS) {
    const id = firstString(get(event, path));
    if (id !== undefined) return id;
  }
  return undefined;
}

function groupValue(v: unknown): unknown {
  if (v === MISSING || v === undefined) return null;
  return v;
}

/** Entries no older than `span` before the newest one. */
function recent(entries: readonly Entry[], span: number): Entry[] {
  let newest = Number.NEGATIVE_INFINITY;
  for (const e of entries) if (e.t > newest) newest = e.t;
  return entries.filter((e) => e.t >= newest - span);
}

function cappedIds(lists: Iterable<string[]>, max: number): string[] {
  const out: string[] = [];
  for (const ids of lists) {
    for (const id of ids) {
      if (out.length >= max) return out;
      out.push(id);
    }
  }
  return out;
}

abstract class Window<G extends GroupBase> {
  protected readonly groups = new Map<string, G>();
  constructor(
    readonly rule: CompiledCorrelation,
    protected readonly maxIds: number,
    private readonly maxGroups: number,
  ) {}

  abstract add(
    input: Input,
    position: number[],
    key: string,
    group: Record<string, unknown>,
  ): CorrelationHit[];

  /** Drop (or close) windows that ended before `watermark`. */
  sweep(watermark: number): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    for (const g of this.groups.values()) {
      if (g.mark + this.rule.timespanMs >= watermark) break;
      this.groups.delete(g.key);
      const hit = this.close(g);
      if (hit) out.push(hit);
    }
    return out;
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
    return {
      rule: this.rule,
      group: g.group,
      groupKey: g.key,
      count,
      eventIds: cappedIds(
        sorted.map((e) => e.ids),
        this.maxIds,
      ),
      firstTime: first,
      lastTime: last,
    };
  }
}

interface SlidingGroup extends GroupBase {
  entries: Entry[];
  /** value_count: distinct value -> its latest entry. */
  values?: Map<string, Entry>;
}

/** event_count and value_count with lower bounds only. */
class SlidingCount extends Window<SlidingGroup> {
  add(input: Input, _p: number[], key: string, group: Record<string, unknown>): CorrelationHit[] {
    const span = this.rule.timespanMs;
    const g = this.groups.get(key) ?? { key, group, mark: input.time, entries: [] };
    g.mark = Math.max(g.mark, input.time);
    let count: number;
    let entries: Entry[];
    if (this.rule.type === 'value_count') {
      const value = valueKey(this.rule.valueFields, input);
      if (value === undefined) return [];
      g.values ??= new Map();
      g.values.delete(value);
      g.values.set(value, { t: input.time, ids: input.ids });
      const kept = recent([...g.values.values()], span);
      if (kept.length !== g.values.size) {
        for (const [v, e] of g.values) if (!kept.includes(e)) g.values.delete(v);
      }
      entries = kept;
      count = g.values.size;
    } else {
      g.entries.push({ t: input.time, ids: input.ids });
      g.entries = recent(g.entries, span);
      entries = g.entries;
      count = entries.length;
    }
    if (conditionHolds(this.rule.condition, count)) {
      this.groups.delete(key);
      return [this.hit(g, count, entries)];
    }
    this.touch(g);
    return [];
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

  add(input: Input, _p: number[], key: string, group: Record<string, unknown>): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    let g = this.groups.get(key);
    if (g && input.time > g.mark + this.rule.timespanMs) {
      this.groups.delete(key);
      const closed = this.close(g);
      if (closed) out.push(closed);
      g = undefined;
    }
    if (!g) {
      g = { key, group, mark: input.time, count: 0, entries: [], values: new Set(), last: input.time };
      this.groups.set(key, g);
    }
    g.last = Math.max(g.last, input.time);
    if (this.rule.type === 'value_count') {
      const value = valueKey(this.rule.valueFields, input);
      if (value === undefined) return out;
      if (g.values.size < this.valueCap && !g.values.has(value)) {
        g.values.add(value);
        if (g.entries.length < this.maxIds) g.entries.push({ t: input.time, ids: input.ids });
      }
      g.count = g.values.size;
    } else {
      g.count++;
      if (g.entries.length < this.maxIds) g.entries.push({ t: input.time, ids: input.ids });
    }
    return out;
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

  add(input: Input, _p: number[], key: string, group: Record<string, unknown>): CorrelationHit[] {
    const g = this.groups.get(key) ?? { key, group, mark: input.time, seen: new Map<string, Entry>() };
    g.mark = Math.max(g.mark, input.time);
    g.seen.set(input.key, { t: input.time, ids: input.ids });
    const kept = recent([...g.seen.values()], this.rule.timespanMs);
    for (const [k, e] of g.seen) if (!kept.includes(e)) g.seen.delete(k);
    const count = g.seen.size;
    const c = this.rule.condition;
    const holds = Object.keys(c).length === 0 ? count >= this.distinct : conditionHolds(c, count);
    if (holds) {
      this.groups.delete(key);
      return [this.hit(g, count, [...g.seen.values()])];
    }
    this.touch(g);
    return [];
  }
}

interface OrderedGroup extends GroupBase {
  /** chain[i]: the latest-starting run that has matched rules 0..i in order. */
  chain: Array<{ start: number; entries: Entry[] } | undefined>;
}

/** temporal_ordered: the referenced rules match in the listed order within the timespan. */
class TemporalOrdered extends Window<OrderedGroup> {
  add(input: Input, positions: number[], key: string, group: Record<string, unknown>): CorrelationHit[] {
    const n = this.rule.ruleKeys.length;
    const span = this.rule.timespanMs;
    const g = this.groups.get(key) ?? { key, group, mark: input.time, chain: new Array(n).fill(undefined) };
    g.mark = Math.max(g.mark, input.time);
    const entry: Entry = { t: input.time, ids: input.ids };
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
      return [this.hit(g, n, done.entries)];
    }
    this.touch(g);
    return [];
  }
}

function valueKey(fields: readonly string[], input: Input): string | undefined {
  const values = fields.map((f) => input.field(f));
  if (values.some((v) => v === MISSING || v === null || v === undefined)) return undefined;
  return JSON.stringify(values);
}

interface Subscription {
  window: Window<GroupBase>;
  positions: number[];
}

function makeWindow(c: CompiledCorrelation, maxIds: number, maxGroups: number): Window<GroupBase> {
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

export class Correlator {
  private readonly windows: Window<GroupBase>[];
  /** rule key -> the correlations that reference it, with its positions in their rule lists. */
  private readonly subscribers = new Map<string, Subscription[]>();
  private readonly timeOf: (event: unknown) => number | undefined;
  private readonly idOf: (event: unknown) => string | undefined;
  private watermark = Number.NEGATIVE_INFINITY;
  private seq = 0;

  constructor(correlations: readonly CompiledCorrelation[], options: CorrelatorOptions = {}) {
    const maxIds = options.maxEventIds ?? 100;
    const maxGroups = options.maxGroups ?? 100_000;
    this.timeOf = options.time ?? defaultEventTime;
    this.idOf = options.eventId ?? defaultEventId;
    this.windows = correlations.map((c) => makeWindow(c, maxIds, maxGroups));
    for (const window of this.windows) {
      const positions = new Map<string, number[]>();
      window.rule.ruleKeys.forEach((k, i) => {
        positions.set(k, [...(positions.get(k) ?? []), i]);
      });
      for (const [k, pos] of positions) {
        this.subscribers.set(k, [...(this.subscribers.get(k) ?? []), { window, positions: pos }]);
      }
    }
  }

  /** Whether any correlation listens to this rule. */
  wants(rule: CompiledDetection): boolean {
    return this.subscribers.has(ruleKey(rule.meta));
  }

  /**
   * Feed one event and the detection rules it matched; returns the correlation hits it completes.
   * `known` overrides the time and id getters (e.g. from a record's `com.time` and `com.reference`).
   */
  observe(event: unknown, matched: readonly CompiledDetection[], known: EventFacts = {}): CorrelationHit[] {
    const relevant = matched.filter((r) => this.subscribers.has(ruleKey(r.meta)));
    const t = known.time ?? this.timeOf(event);
    const time = t ?? (this.watermark === Number.NEGATIVE_INFINITY ? 0 : this.watermark);
    const out: CorrelationHit[] = [];
    if (time > this.watermark) {
      this.watermark = time;
      for (const w of this.windows) out.push(...w.sweep(time));
    }
    if (relevant.length === 0) return this.chain(out);
    const id = known.id ?? this.idOf(event) ?? `event-${++this.seq}`;
    for (const rule of relevant) {
      const input: Input = {
        key: ruleKey(rule.meta),
        names: [rule.meta.name, rule.meta.id].filter((s): s is string => s !== undefined),
        field: (f) => rule.resolveField(event, f),
        time,
        ids: [id],
      };
      out.push(...this.feed(input));
    }
    return this.chain(out);
  }

  /** Close every open window (end of input) and return what they yield. */
  flush(): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    for (const w of this.windows) out.push(...w.flush());
    return this.chain(out);
  }

  /** Live groups across all correlations (for memory checks). */
  get liveGroups(): number {
    return this.windows.reduce((n, w) => n + w.size, 0);
  }

  private feed(input: Input): CorrelationHit[] {
    const out: CorrelationHit[] = [];
    for (const { window, positions } of this.subscribers.get(input.key) ?? []) {
      const c = window.rule;
      const group: Record<string, unknown> = {};
      for (const name of c.groupBy) {
        const aliases = c.aliases[name];
        const field = (aliases && input.names.map((n) => aliases[n]).find((f) => f !== undefined)) ?? name;
        group[name] = groupValue(input.field(field));
      }
      const key = JSON.stringify(c.groupBy.map((n) => group[n]));
      out.push(...window.add(input, positions, key, group));
    }
    return out;
  }

  /** Correlation hits feed the correlations that reference them (chains); returns all hits. */
  private chain(hits: CorrelationHit[]): CorrelationHit[] {
    const all = [...hits];
    for (let i = 0; i < all.length; i++) {
      const h = all[i]!;
      const key = ruleKey(h.rule.meta);
      if (!this.subscribers.has(key)) continue;
      all.push(
        ...this.feed({
          key,
          names: [h.rule.meta.name, h.rule.meta.id].filter((s): s is string => s !== undefined),
          field: (f) => (Object.hasOwn(h.group, f) ? h.group[f] : MISSING),
          time: h.lastTime,
          ids: h.eventIds,
        }),
      );
    }
    return all;
  }
}
