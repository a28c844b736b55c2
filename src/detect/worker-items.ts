/**
 * What a detect worker sends of an event that feeds a correlation but raised no finding: only the parts
 * the main thread reads. The correlator reads a few fields of the raw record; which ones is decided by the
 * rules' own field resolution, watched through a proxy while it runs in the worker, so the partial
 * record answers every one of those fields exactly as the whole record would.
 */
import type { EventRecord } from './event.js';

type Obj = Record<string, unknown>;

/** What resolving fields touched of one object: its members read (by name), or all of it. */
interface Touched {
  whole: boolean;
  members: Map<string, Touched>;
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const touched = (): Touched => ({ whole: false, members: new Map() });

/**
 * The part of `raw` that `read` touches (it resolves fields of the probe it is given and returns what they
 * resolved to): the members it read, nested objects as deep as it went, arrays and anything it listed or
 * got back whole. Undefined when it listed the record's own keys: then only the whole record will do.
 */
export function partialRecord(raw: Obj, read: (probe: Obj) => readonly unknown[]): Obj | undefined {
  const root = touched();
  const touchOf = new WeakMap<object, Touched>();
  const watch = (target: Obj, seen: Touched): Obj => {
    const member = (key: string): Touched => {
      let t = seen.members.get(key);
      if (!t) {
        t = touched();
        seen.members.set(key, t);
      }
      return t;
    };
    // a member's value as the resolver sees it: objects watched in turn, leaves and arrays copied whole
    // (a proxy may not stand in for a fixed member: that too is copied whole)
    const seenValue = (t: Obj, key: string, v: unknown): unknown => {
      const m = member(key);
      if (isObject(v) && Reflect.getOwnPropertyDescriptor(t, key)?.configurable) return watch(v, m);
      m.whole = true;
      return v;
    };
    const proxy = new Proxy(target, {
      get: (t, key) => {
        const v = Reflect.get(t, key);
        return typeof key === 'string' && Object.hasOwn(t, key) ? seenValue(t, key, v) : v;
      },
      has: (t, key) => {
        if (typeof key === 'string' && Object.hasOwn(t, key)) member(key).whole = true;
        return Reflect.has(t, key);
      },
      // Object.hasOwn asks this: the answer carries the value as `get` gives it
      getOwnPropertyDescriptor: (t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(t, key);
        if (typeof key !== 'string' || !d) return d;
        if (!('value' in d)) {
          member(key).whole = true;
          return d;
        }
        return { ...d, value: seenValue(t, key, d.value) };
      },
      ownKeys: (t) => {
        seen.whole = true;
        return Reflect.ownKeys(t);
      },
    });
    touchOf.set(proxy, seen);
    return proxy;
  };
  // what a field resolved to is used whole (grouped by, counted): so is every object it holds
  const wholly = (v: unknown, depth: number): void => {
    if (typeof v !== 'object' || v === null || depth > 8) return;
    const t = touchOf.get(v);
    if (t) t.whole = true;
    else for (const item of Array.isArray(v) ? v : Object.values(v)) wholly(item, depth + 1);
  };
  for (const answer of read(watch(raw, root))) wholly(answer, 0);
  if (root.whole) return undefined;
  const copy = (source: Obj, seen: Touched): Obj => {
    const out: Obj = {};
    for (const [key, t] of seen.members) {
      const v = source[key];
      // defined, not assigned: a member named __proto__ stays a member
      Object.defineProperty(out, key, {
        value: t.whole || !isObject(v) ? v : copy(v, t),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return copy(raw, root);
}

/**
 * The event as the main thread needs it to remember it for correlation findings and to correlate it:
 * its com, its record type and position, and `raw` (a partial record).
 */
export function eventForCorrelation(event: EventRecord, raw: Obj): EventRecord {
  return { raw, ext: { record_type: event.ext.record_type, source: event.ext.source }, com: event.com };
}
