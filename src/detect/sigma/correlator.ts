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
import {
  type CorrelationHit,
  type EntryIds,
  type GroupBase,
  type Input,
  makeWindow,
  type Window,
} from './windows.js';

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
  /** The group-by values of the input at hand, refilled for each one (windows copy what they keep). */
  values: unknown[];
}

/**
 * The input of a matched detection rule: one object, refilled for every rule an event matched, since
 * windows keep only its time, ids and ref (a closure and an object per event and rule was garbage).
 */
class EventInput implements Input {
  key = '';
  names: string[] = [];
  time = 0;
  ids: EntryIds = '';
  ref: number | undefined = undefined;
  event: unknown = undefined;
  rule: CompiledDetection | undefined = undefined;

  field(name: string): unknown {
    return (this.rule as CompiledDetection).resolveField(this.event, name);
  }
}

/** `EventInput` of an event known only by what the correlations read of it (`KnownFields`). */
class KnownInput extends EventInput {
  override field(name: string): unknown {
    return (this.event as KnownFields).get(this.rule as CompiledDetection, name);
  }
}

/**
 * An event known only by what the correlations read of it (`fieldsRead`), e.g. sent so by a worker thread:
 * passed to `observeEvent` in place of the event. `get` answers as the rule's `resolveField` would, except
 * that a missing field may be null (the correlator treats missing, null and undefined alike).
 */
export abstract class KnownFields {
  abstract get(rule: CompiledDetection, name: string): unknown;
}

/**
 * The event fields the correlations read of an event that `rule` matched: the group-by fields (aliases
 * resolved as `feed` does) and the counted fields of the correlations referencing it, each once, in a fixed
 * order (the same on every thread holding the same rules).
 */
export function fieldsRead(correlations: readonly CompiledCorrelation[], rule: CompiledDetection): string[] {
  const key = ruleKey(rule.meta);
  const names = namesOf(rule.meta);
  const out: string[] = [];
  const add = (f: string): void => {
    if (!out.includes(f)) out.push(f);
  };
  for (const c of correlations) {
    if (!c.ruleKeys.includes(key)) continue;
    for (const name of c.groupBy) {
      const aliases = c.aliases[name];
      add((aliases && names.map((n) => aliases[n]).find((f) => f !== undefined)) ?? name);
    }
    for (const f of c.valueFields) add(f);
  }
  return out;
}

/** The input of a correlation hit feeding another correlation: its group values are its fields. */
class HitInput implements Input {
  readonly key: string;
  readonly names: string[];
  readonly time: number;
  readonly ids: string[];
  readonly ref: number | undefined;
  private readonly group: Record<string, unknown>;

  constructor(key: string, hit: CorrelationHit) {
    this.key = key;
    this.names = namesOf(hit.rule.meta);
    this.time = hit.lastTime;
    this.ids = hit.eventIds;
    this.ref = hit.lastRef;
    this.group = hit.group;
  }

  field(name: string): unknown {
    return Object.hasOwn(this.group, name) ? this.group[name] : MISSING;
  }
}

const NO_HITS: readonly CorrelationHit[] = Object.freeze([]);

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
  private readonly input = new EventInput();
  private readonly knownInput = new KnownInput();
  /** Hits of the event at hand (most events complete none, and then make no array). */
  private readonly pending: CorrelationHit[] = [];

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
          {
            window,
            positions: pos,
            fields: new Map(),
            keys: new GroupKeys(),
            values: new Array(window.rule.groupBy.length),
          },
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
  observe(
    event: unknown,
    matched: readonly CompiledDetection[],
    known: EventFacts = {},
  ): readonly CorrelationHit[] {
    return this.observeEvent(event, matched, known.time, known.id, known.ref);
  }

  /** `observe` with what is known of the event as arguments (no object per event). */
  observeEvent(
    event: unknown,
    matched: readonly CompiledDetection[],
    knownTime: number | undefined,
    knownId: string | undefined,
    ref?: number,
  ): readonly CorrelationHit[] {
    const t = knownTime ?? this.timeOf(event);
    const time = t ?? (this.watermark === Number.NEGATIVE_INFINITY ? 0 : this.watermark);
    const out = this.pending;
    if (time > this.watermark) {
      this.watermark = time;
      for (const w of this.windows) w.sweepInto(time, out);
    }
    let id: string | undefined;
    const input = event instanceof KnownFields ? this.knownInput : this.input;
    for (const rule of matched) {
      const feed = this.feedOf(rule);
      if (!feed) continue;
      id ??= knownId ?? this.idOf(event) ?? `event-${++this.seq}`;
      input.key = feed.key;
      input.names = feed.names;
      input.time = time;
      input.ids = id;
      input.ref = ref;
      input.event = event;
      input.rule = rule;
      this.feed(input, feed.subscriptions, out);
    }
    input.event = undefined;
    input.rule = undefined;
    if (out.length === 0) return NO_HITS;
    const hits = out.slice();
    out.length = 0;
    return this.chain(hits);
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
      const values = sub.values;
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
      this.feed(new HitInput(key, h), subscriptions, all);
    }
    return all;
  }
}
