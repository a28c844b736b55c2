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
import { defaultEventId, defaultEventTime, type EventFacts } from './event-facts.js';
import { MISSING } from './fields.js';
import { GroupKeys } from './group-keys.js';
import { type CompiledCorrelation, type CompiledDetection, ruleKey } from './types.js';
import { type CorrelationHit, type GroupBase, type Input, makeWindow, type Window } from './windows.js';

export { defaultEventId, defaultEventTime, type EventFacts } from './event-facts.js';
export type { CorrelationHit } from './windows.js';

export interface CorrelatorOptions {
  /** Event time in epoch milliseconds. Events without a time are given the latest time seen. */
  time?: (event: unknown) => number | undefined;
  eventId?: (event: unknown) => string | undefined;
  /** Cap on the event ids kept per window and reported per hit (default 100). */
  maxEventIds?: number;
  /** Cap on live groups per correlation; the least recently active is dropped beyond it (default 100000). */
  maxGroups?: number;
}

function groupValue(v: unknown): unknown {
  if (v === MISSING || v === undefined) return null;
  return v;
}

interface Subscription {
  window: Window<GroupBase>;
  keys: GroupKeys;
  positions: number[];
  /** input key -> the event field read for each group-by name (aliases resolved once per rule) */
  fields: Map<string, string[]>;
}

/** What observe needs of a matched detection rule, worked out once per rule. */
interface RuleFeed {
  key: string;
  names: string[];
  subscriptions: Subscription[];
}

const namesOf = (meta: { name?: string; id?: string }): string[] =>
  [meta.name, meta.id].filter((s): s is string => s !== undefined);

export class Correlator {
  private readonly windows: Window<GroupBase>[];
  /** rule key -> the correlations that reference it, with its positions in their rule lists. */
  private readonly subscribers = new Map<string, Subscription[]>();
  /** matched rule -> its feed, null when no correlation listens to it */
  private readonly feeds = new WeakMap<CompiledDetection, RuleFeed | null>();
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
        this.subscribers.set(k, [
          ...(this.subscribers.get(k) ?? []),
          { window, positions: pos, fields: new Map(), keys: new GroupKeys() },
        ]);
      }
    }
  }

  /** Whether any correlation listens to this rule. */
  wants(rule: CompiledDetection): boolean {
    return this.subscribers.has(ruleKey(rule.meta));
  }

  private feedOf(rule: CompiledDetection): RuleFeed | null {
    let feed = this.feeds.get(rule);
    if (feed === undefined) {
      const key = ruleKey(rule.meta);
      const subscriptions = this.subscribers.get(key);
      feed = subscriptions ? { key, names: namesOf(rule.meta), subscriptions } : null;
      this.feeds.set(rule, feed);
    }
    return feed;
  }

  /**
   * Feed one event and the detection rules it matched; returns the correlation hits it completes.
   * `known` overrides the time and id getters (e.g. from a record's `com.time` and `com.reference`).
   */
  observe(event: unknown, matched: readonly CompiledDetection[], known: EventFacts = {}): CorrelationHit[] {
    const t = known.time ?? this.timeOf(event);
    const time = t ?? (this.watermark === Number.NEGATIVE_INFINITY ? 0 : this.watermark);
    const out: CorrelationHit[] = [];
    if (time > this.watermark) {
      this.watermark = time;
      for (const w of this.windows) w.sweepInto(time, out);
    }
    let ids: string[] | undefined;
    for (const rule of matched) {
      const feed = this.feedOf(rule);
      if (!feed) continue;
      ids ??= [known.id ?? this.idOf(event) ?? `event-${++this.seq}`];
      const input: Input = {
        key: feed.key,
        names: feed.names,
        field: (f) => rule.resolveField(event, f),
        time,
        ids,
      };
      this.feed(input, feed.subscriptions, out);
    }
    return out.length === 0 ? out : this.chain(out);
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

  private feed(input: Input, subscriptions: readonly Subscription[], out: CorrelationHit[]): void {
    for (const sub of subscriptions) {
      const c = sub.window.rule;
      let fields = sub.fields.get(input.key);
      if (!fields) {
        fields = c.groupBy.map((name) => {
          const aliases = c.aliases[name];
          return (aliases && input.names.map((n) => aliases[n]).find((f) => f !== undefined)) ?? name;
        });
        sub.fields.set(input.key, fields);
      }
      const values: unknown[] = new Array(fields.length);
      for (let i = 0; i < fields.length; i++) values[i] = groupValue(input.field(fields[i] as string));
      sub.window.add(input, sub.positions, sub.keys.of(values), values, out);
    }
  }

  /** Correlation hits feed the correlations that reference them (chains); returns all hits. */
  private chain(hits: CorrelationHit[]): CorrelationHit[] {
    const all = hits;
    for (let i = 0; i < all.length; i++) {
      const h = all[i]!;
      const key = ruleKey(h.rule.meta);
      const subscriptions = this.subscribers.get(key);
      if (!subscriptions) continue;
      this.feed(
        {
          key,
          names: namesOf(h.rule.meta),
          field: (f) => (Object.hasOwn(h.group, f) ? h.group[f] : MISSING),
          time: h.lastTime,
          ids: h.eventIds,
        },
        subscriptions,
        all,
      );
    }
    return all;
  }
}
