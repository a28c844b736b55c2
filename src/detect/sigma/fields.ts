/**
 * Field access for Sigma field names. `a.b.c` is first tried as a literal key containing dots, then as
 * nested objects (longest literal key first at every level). Arrays met on the way fan out: every element
 * is searched and the result holds all values found. A result is MISSING, one value, or an array of values
 * (arrays in the event are always flattened, so an array result always means "several values").
 */

export const MISSING = Symbol('missing');

export type FieldResolver = (event: unknown) => unknown;

/** Extra names to try, in order, when a field is missing under its Sigma name. */
export interface FieldAliases {
  exact?: Record<string, string[]>;
  /** [sigmaPrefix, eventPrefix]: `data.protoPayload.x` -> `protoPayload.x`. */
  prefixes?: Array<[string, string]>;
}

function flattenInto(value: unknown, out: unknown[]): void {
  if (Array.isArray(value)) for (const v of value) flattenInto(v, out);
  else out.push(value);
}

function leaf(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const out: unknown[] = [];
  flattenInto(value, out);
  return out;
}

function addResult(acc: unknown[], r: unknown): void {
  if (Array.isArray(r)) for (const v of r) acc.push(v);
  else acc.push(r);
}

function compilePath(name: string): FieldResolver {
  const general = generalPath(name);
  return straightPath(name, general) ?? general;
}

/**
 * The usual case of a path made fast: plain objects all the way, no key with a dot in it, no array on
 * the way. Generated as code with the path's keys written in, so that every step is a property read of
 * its own that V8 learns the event shapes of (the general walker's reads by a variable key go through
 * one shared cache that a rule set's many fields and shapes overflow: several times slower). Anything
 * else (a literal dotted key present, an array to fan out, not an object) hands the event to `general`,
 * so the answer is always the general walker's. Null when code cannot be generated here.
 */
function straightPath(name: string, general: FieldResolver): FieldResolver | null {
  const segs = name.split('.');
  const n = segs.length;
  // a key is written as a JSON string, which is also a JavaScript string literal: no name escapes it
  const lit = (key: string): string => JSON.stringify(key);
  let body = 'let o = e;\nif (typeof o !== "object" || o === null || Array.isArray(o)) return general(e);\n';
  for (let i = 0; i < n; i++) {
    // the walker tries the longest literal key first: when one is there, it decides
    for (let j = n; j > i + 1; j--)
      body += `if (o[${lit(segs.slice(i, j).join('.'))}] !== undefined) return general(e);\n`;
    const key = lit(segs[i] as string);
    body += `{\nconst v = o[${key}];\nif (v === undefined || !hasOwn(o, ${key})) return missing;\n`;
    body +=
      i === n - 1
        ? 'return Array.isArray(v) ? leaf(v) : v;\n}\n'
        : 'if (typeof v !== "object" || v === null) return missing;\nif (Array.isArray(v)) return general(e);\no = v;\n}\n';
  }
  try {
    const make = new Function('general', 'missing', 'hasOwn', 'leaf', `return function (e) {\n${body}};`);
    return make(general, MISSING, Object.hasOwn, leaf) as FieldResolver;
  } catch {
    // code generation from strings disallowed (--disallow-code-generation-from-strings): walk instead
    return null;
  }
}

/** Any path on any event: literal dotted keys, nested objects, arrays fanned out. */
function generalPath(name: string): FieldResolver {
  const segs = name.split('.');
  const n = segs.length;
  if (n === 1) {
    return (event) => {
      if (event === null || typeof event !== 'object') return MISSING;
      if (Array.isArray(event)) {
        return fanOut(event, (e) =>
          e !== null && typeof e === 'object' && !Array.isArray(e) ? single(e, name) : MISSING,
        );
      }
      return single(event, name);
    };
  }
  // keys[i][j] = segs[i..j) joined with dots
  const keys: string[][] = segs.map((_, i) => {
    const row: string[] = [];
    for (let j = i + 1; j <= n; j++) row[j] = segs.slice(i, j).join('.');
    return row;
  });
  const walk = (node: unknown, i: number): unknown => {
    if (i === n) return leaf(node);
    if (node === null || typeof node !== 'object') return MISSING;
    if (Array.isArray(node)) return fanOut(node, (e) => walk(e, i));
    const obj = node as Record<string, unknown>;
    const row = keys[i]!;
    for (let j = n; j > i; j--) {
      const key = row[j]!;
      const v = obj[key];
      if (v !== undefined && Object.hasOwn(obj, key)) {
        const r = walk(v, j);
        if (r !== MISSING) return r;
      }
    }
    return MISSING;
  };
  return (event) => walk(event, 0);
}

function single(obj: object, key: string): unknown {
  const v = (obj as Record<string, unknown>)[key];
  if (v === undefined || !Object.hasOwn(obj, key)) return MISSING;
  return leaf(v);
}

function fanOut(items: unknown[], get: (item: unknown) => unknown): unknown {
  let acc: unknown[] | undefined;
  for (const item of items) {
    const r = get(item);
    if (r === MISSING) continue;
    acc ??= [];
    addResult(acc, r);
  }
  return acc ?? MISSING;
}

/** The exact aliases of a name, then the prefix rewrites of the name and of each exact alias. */
function alternativesFor(name: string, aliases: FieldAliases | undefined): string[] {
  if (!aliases) return [];
  const exact = aliases.exact?.[name] ?? [];
  const alts = [...exact];
  for (const n of [name, ...exact]) {
    for (const [from, to] of aliases.prefixes ?? []) {
      if (n.startsWith(from)) alts.push(to + n.slice(from.length));
    }
  }
  return [...new Set(alts)].filter((a) => a !== name);
}

// The event a rule set is matching right now, and a number that changes with every such event. While
// one event is matched, the index and every rule resolve the same few fields (eventName, eventSource,
// userIdentity.type...) again and again; each resolver keeps its answer for that event. Outside a
// rule set's match (a rule's matcher called directly, an event changed between calls) nothing is kept.
let matching: object | undefined;
let generation = 0;

/**
 * From here until `leaveEvent`, resolvers remember their answers for `event` (callers must not mutate
 * the answers, nor the event). Returns what `leaveEvent` needs to restore.
 */
export function enterEvent(event: unknown): object | undefined {
  const outer = matching;
  matching = event !== null && typeof event === 'object' ? event : undefined;
  generation += 1;
  return outer;
}

export function leaveEvent(outer: object | undefined): void {
  matching = outer;
  generation += 1;
}

function remembering(resolve: FieldResolver): FieldResolver {
  let seen = -1;
  let answer: unknown;
  return (event) => {
    if (event !== matching || matching === undefined) return resolve(event);
    if (seen === generation) return answer;
    answer = resolve(event);
    seen = generation;
    return answer;
  };
}

/** A resolver for one Sigma field name, trying its aliases when the name itself is missing. */
export function compileField(name: string, aliases?: FieldAliases): FieldResolver {
  const primary = compilePath(name);
  const alts = alternativesFor(name, aliases).map(compilePath);
  if (alts.length === 0) return remembering(primary);
  return remembering((event) => {
    const r = primary(event);
    if (r !== MISSING) return r;
    for (const alt of alts) {
      const a = alt(event);
      if (a !== MISSING) return a;
    }
    return MISSING;
  });
}

/** Cache of resolvers by name, shared by all rules with the same aliases. */
export class FieldResolvers {
  private readonly cache = new Map<string, FieldResolver>();
  constructor(readonly aliases?: FieldAliases) {}

  get(name: string): FieldResolver {
    let r = this.cache.get(name);
    if (!r) {
      r = compileField(name, this.aliases);
      this.cache.set(name, r);
    }
    return r;
  }
}

/**
 * What rules read of an event whose source derived fields of its own (facts worked out from the record,
 * not written in it): the record, plus each derived field the record has no top-level key for (the
 * record's own field wins). Derived fields are own properties that are not enumerable: field names find
 * them, keyword searches (which walk the record's keys and values) and JSON.stringify do not. The record
 * itself is returned, not copied, when no derived field is added; it is never changed.
 */
export function withDerived<T extends object>(
  record: T,
  derived: Readonly<Record<string, unknown>> | undefined,
): T {
  if (derived === undefined) return record;
  let view: T | undefined;
  for (const name in derived) {
    if (!Object.hasOwn(derived, name) || Object.hasOwn(record, name)) continue;
    view ??= { ...record };
    Object.defineProperty(view, name, { value: derived[name], enumerable: false });
  }
  return view ?? record;
}

/** The string form a value is matched as: strings as is, numbers and booleans as text, others none. */
export function matchText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

// Many rules lower-case the same few event values (eventName, eventSource...) one after the other; a tiny
// cache keyed by the string itself saves most of those allocations.
const LOWER_SLOTS = 8;
const lowerIn: string[] = new Array<string>(LOWER_SLOTS).fill('');
const lowerOut: string[] = new Array<string>(LOWER_SLOTS).fill('');
let lowerNext = 0;

/** `text.toLowerCase()`, remembered for the last few texts. */
export function lowerCase(text: string): string {
  for (let i = 0; i < LOWER_SLOTS; i++) if (lowerIn[i] === text) return lowerOut[i]!;
  const out = text.toLowerCase();
  lowerIn[lowerNext] = text;
  lowerOut[lowerNext] = out;
  lowerNext = (lowerNext + 1) % LOWER_SLOTS;
  return out;
}
