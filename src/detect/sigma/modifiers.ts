/**
 * One detection item (`field|modifier|...: value or values`) compiled into an event predicate.
 * Value transforms are applied in a fixed order whatever the order written: windash, UTF-16 encoding,
 * base64 / base64offset, then contains / startswith / endswith.
 */
import { type Cidr, cidrContains, parseCidr, parseIp } from './cidr.js';
import { base64, base64Offsets, encodeText, type TextEncoding } from './encoding.js';
import { type FieldResolver, type FieldResolvers, lowerCase, MISSING, matchText } from './fields.js';
import { type EventMatcher, SigmaRuleError } from './types.js';
import {
  compileSigmaString,
  hasWildcards,
  literal,
  literalOf,
  lowerSigmaString,
  parseSigmaString,
  type SigmaString,
  windashVariants,
  withLeadingAny,
  withTrailingAny,
} from './wildcard.js';

export const SUPPORTED_MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'exists',
  're',
  'i',
  'm',
  's',
  'cidr',
  'gt',
  'gte',
  'lt',
  'lte',
  'neq',
  'base64',
  'base64offset',
  'wide',
  'utf16le',
  'utf16be',
  'utf16',
  'windash',
  'fieldref',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
] as const;
type Modifier = (typeof SUPPORTED_MODIFIERS)[number];
const KNOWN = new Set<string>(SUPPORTED_MODIFIERS);

type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
type CompareOp = 'gt' | 'gte' | 'lt' | 'lte';

export interface ModifierSet {
  position?: 'contains' | 'startswith' | 'endswith';
  all: boolean;
  cased: boolean;
  windash: boolean;
  encoding?: TextEncoding;
  base64?: 'base64' | 'base64offset';
  kind: 'match' | 're' | 'cidr' | 'exists' | 'compare' | 'neq' | 'fieldref';
  reFlags: string;
  compare?: CompareOp;
  timePart?: TimePart;
}

export function parseModifiers(mods: readonly string[]): ModifierSet {
  const set: ModifierSet = { all: false, cased: false, windash: false, kind: 'match', reFlags: '' };
  const setKind = (kind: ModifierSet['kind'], mod: string): void => {
    if (set.kind !== 'match' && set.kind !== kind) {
      throw new SigmaRuleError(`modifier "${mod}" cannot be combined with "${set.kind}"`);
    }
    set.kind = kind;
  };
  for (const raw of mods) {
    if (raw === 'expand') {
      throw new SigmaRuleError(
        'modifier "expand" (%placeholder% expansion) needs a processing pipeline and is not supported',
      );
    }
    if (!KNOWN.has(raw)) throw new SigmaRuleError(`unknown modifier "${raw}"`);
    const mod = raw as Modifier;
    switch (mod) {
      case 'contains':
      case 'startswith':
      case 'endswith':
        if (set.position && set.position !== mod) {
          throw new SigmaRuleError(`modifiers "${set.position}" and "${mod}" cannot be combined`);
        }
        set.position = mod;
        break;
      case 'all':
        set.all = true;
        break;
      case 'cased':
        set.cased = true;
        break;
      case 'windash':
        set.windash = true;
        break;
      case 'wide':
      case 'utf16le':
        set.encoding = 'utf16le';
        break;
      case 'utf16be':
      case 'utf16':
        set.encoding = mod;
        break;
      case 'base64':
      case 'base64offset':
        if (set.base64 && set.base64 !== mod)
          throw new SigmaRuleError('"base64" and "base64offset" cannot be combined');
        set.base64 = mod;
        break;
      case 'i':
      case 'm':
      case 's':
        if (set.kind !== 're') throw new SigmaRuleError(`modifier "${mod}" is only valid after "re"`);
        if (!set.reFlags.includes(mod)) set.reFlags += mod;
        break;
      case 're':
      case 'cidr':
      case 'exists':
      case 'neq':
      case 'fieldref':
        setKind(mod, mod);
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (set.compare)
          throw new SigmaRuleError(`modifiers "${set.compare}" and "${mod}" cannot be combined`);
        setKind('compare', mod);
        set.compare = mod;
        break;
      case 'minute':
      case 'hour':
      case 'day':
      case 'week':
      case 'month':
      case 'year':
        if (set.timePart)
          throw new SigmaRuleError(`modifiers "${set.timePart}" and "${mod}" cannot be combined`);
        set.timePart = mod;
        break;
    }
  }
  if (set.encoding && !set.base64) {
    throw new SigmaRuleError(
      'UTF-16 modifiers (wide, utf16le, utf16be, utf16) need "base64" or "base64offset"',
    );
  }
  const transforms = set.position || set.windash || set.base64;
  if (transforms && set.kind !== 'match' && set.kind !== 'neq' && set.kind !== 'fieldref') {
    throw new SigmaRuleError(`modifier "${set.kind}" cannot be combined with string transformations`);
  }
  if (set.kind === 'fieldref' && (set.windash || set.base64)) {
    throw new SigmaRuleError('"fieldref" cannot be combined with windash or base64');
  }
  if (set.timePart && set.kind !== 'match' && set.kind !== 'compare') {
    throw new SigmaRuleError(`time modifier "${set.timePart}" cannot be combined with "${set.kind}"`);
  }
  if (set.timePart && (set.position || set.windash || set.base64)) {
    throw new SigmaRuleError(
      `time modifier "${set.timePart}" cannot be combined with string transformations`,
    );
  }
  return set;
}

type Scalar = string | number | boolean | null;
type LeafTest = (v: unknown) => boolean;

export interface CompiledItem {
  match: EventMatcher;
  /** The field must hold one of these lower-cased literal values for the item to match. */
  required?: { field: string; values: Set<string> };
}

function scalarValues(raw: unknown): Scalar[] {
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new SigmaRuleError('empty value list');
  return list.map((v) => {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return v.toISOString();
    throw new SigmaRuleError(`value ${JSON.stringify(v)} is not a string, number, boolean or null`);
  });
}

/** Every value's leaf present in a resolved field (MISSING -> none). */
function someLeaf(r: unknown, test: LeafTest): boolean {
  if (r === MISSING) return false;
  if (Array.isArray(r)) {
    for (const v of r) if (test(v)) return true;
    return false;
  }
  return test(r);
}

const isNullish = (r: unknown): boolean =>
  r === MISSING || r === null || (Array.isArray(r) && r.some((v) => v === null));

interface TextPattern {
  s: SigmaString;
  cased: boolean;
}

/** Patterns for one string value after windash, encoding, base64 and position modifiers. */
function textPatterns(value: string | number | boolean, mods: ModifierSet): TextPattern[] {
  let variants: SigmaString[] =
    typeof value === 'string' ? [parseSigmaString(value)] : [literal(String(value))];
  if (mods.windash) {
    try {
      variants = variants.flatMap((v) => windashVariants(v));
    } catch (e) {
      throw new SigmaRuleError(`windash: ${(e as Error).message}`);
    }
  }
  let cased = mods.cased;
  if (mods.base64) {
    variants = variants.flatMap((v) => {
      const text = literalOf(v);
      if (text === undefined || hasWildcards(v)) {
        throw new SigmaRuleError(
          `${mods.base64} cannot encode a value with wildcards: ${JSON.stringify(value)}`,
        );
      }
      const bytes = encodeText(text, mods.encoding ?? 'utf8');
      return mods.base64 === 'base64' ? [literal(base64(bytes))] : base64Offsets(bytes).map(literal);
    });
    // Base64 text is case-significant whatever the default.
    cased = true;
  }
  if (mods.position === 'contains') variants = variants.map((v) => withTrailingAny(withLeadingAny(v)));
  else if (mods.position === 'startswith') variants = variants.map(withTrailingAny);
  else if (mods.position === 'endswith') variants = variants.map(withLeadingAny);
  return variants.map((s) => ({ s: cased ? s : lowerSigmaString(s), cased }));
}

/** A test over one text that is true when any pattern matches; lower-cases the text at most once. */
export function anyTextTest(patterns: readonly TextPattern[]): (text: string) => boolean {
  const ciSet = new Set<string>();
  const casedSet = new Set<string>();
  const ciFns: Array<(t: string) => boolean> = [];
  const casedFns: Array<(t: string) => boolean> = [];
  for (const p of patterns) {
    const lit = literalOf(p.s);
    if (lit !== undefined) (p.cased ? casedSet : ciSet).add(lit);
    else (p.cased ? casedFns : ciFns).push(compileSigmaString(p.s));
  }
  const needLower = ciSet.size > 0 || ciFns.length > 0;
  if (!needLower && casedFns.length === 0) return (t) => casedSet.has(t);
  if (casedSet.size === 0 && casedFns.length === 0 && ciFns.length === 0) {
    return (t) => ciSet.has(lowerCase(t));
  }
  if (casedSet.size === 0 && casedFns.length === 0 && ciSet.size === 0 && ciFns.length === 1) {
    const fn = ciFns[0]!;
    return (t) => fn(lowerCase(t));
  }
  return (t) => {
    if (casedSet.has(t)) return true;
    for (const fn of casedFns) if (fn(t)) return true;
    if (!needLower) return false;
    const lower = lowerCase(t);
    if (ciSet.has(lower)) return true;
    for (const fn of ciFns) if (fn(lower)) return true;
    return false;
  };
}

function textLeafTest(textTest: (t: string) => boolean): LeafTest {
  return (v) => {
    const t = matchText(v);
    return t !== undefined && textTest(t);
  };
}

/** Plain equality with a YAML number or boolean: compared as a value and as text. */
function scalarLeafTest(value: number | boolean, mods: ModifierSet): LeafTest {
  const text = String(value);
  if (typeof value === 'boolean') {
    return (v) =>
      v === value || (typeof v === 'string' && (mods.cased ? v === text : v.toLowerCase() === text));
  }
  return (v) => {
    if (typeof v === 'number') return v === value;
    if (typeof v === 'bigint') return Number(v) === value;
    if (typeof v !== 'string') return false;
    return v === text || (v.trim() !== '' && Number(v) === value);
  };
}

/** Leaf tests for the values of a plain match (OR within one value's variants). */
function valueTests(values: readonly Exclude<Scalar, null>[], mods: ModifierSet): LeafTest[] {
  return values.map((value) => {
    if (typeof value !== 'string' && !mods.position && !mods.base64 && !mods.windash) {
      return scalarLeafTest(value, mods);
    }
    return textLeafTest(anyTextTest(textPatterns(value, mods)));
  });
}

function combineAny(tests: readonly LeafTest[]): LeafTest {
  if (tests.length === 1) return tests[0]!;
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

/** One test for the whole value list that lower-cases each event value once. */
function combinedAnyTest(values: readonly Exclude<Scalar, null>[], mods: ModifierSet): LeafTest {
  const asText = (v: Exclude<Scalar, null>): boolean =>
    typeof v === 'string' || mods.position !== undefined || mods.base64 !== undefined || mods.windash;
  const texts = values.filter(asText);
  const tests: LeafTest[] = [];
  if (texts.length > 0) tests.push(textLeafTest(anyTextTest(texts.flatMap((v) => textPatterns(v, mods)))));
  tests.push(
    ...valueTests(
      values.filter((v) => !asText(v)),
      mods,
    ),
  );
  return combineAny(tests);
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

function timePartOf(v: unknown, part: TimePart): number | undefined {
  let ms: number;
  if (typeof v === 'number') ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string') ms = Date.parse(v);
  else return undefined;
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    case 'week': {
      // ISO 8601 week number: the week with the year's first Thursday is week 1.
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const dayNum = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - dayNum);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
    }
  }
}

function compareTest(op: CompareOp | undefined, bound: number, part: TimePart | undefined): LeafTest {
  const extract = part ? (v: unknown) => timePartOf(v, part) : numberOf;
  const cmp: (n: number) => boolean =
    op === 'gt'
      ? (n) => n > bound
      : op === 'gte'
        ? (n) => n >= bound
        : op === 'lt'
          ? (n) => n < bound
          : op === 'lte'
            ? (n) => n <= bound
            : (n) => n === bound;
  return (v) => {
    const n = extract(v);
    return n !== undefined && cmp(n);
  };
}

/**
 * An unanchored search for `.+X` holds exactly when `.X` does (and `.*X` when `X` does), but V8 backtracks
 * over every start position for the former: drop such leading and trailing runs. Patterns with an
 * alternation are left alone, since the run belongs to one branch only.
 */
export function simplifyUnanchored(source: string): string {
  if (source.includes('|')) return source;
  return source
    .replace(/^\.\*\??(?![*+?{])/, '')
    .replace(/^\.\+\??(?![*+?{])/, '.')
    .replace(/(?<!\\)\.\*\??$/, '')
    .replace(/(?<!\\)\.\+\??$/, '.');
}

function compileRegex(pattern: string, flags: string): RegExp {
  let source = pattern;
  let allFlags = flags;
  // Leading inline flags such as (?i) are common in Sigma (PCRE); JavaScript takes them as flags.
  const inline = /^\(\?([ims]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (!allFlags.includes(f)) allFlags += f;
  }
  source = simplifyUnanchored(source.replace(/\(\?P</g, '(?<'));
  try {
    return new RegExp(source, allFlags);
  } catch (e) {
    throw new SigmaRuleError(
      `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`,
    );
  }
}

function singleBoolean(values: Scalar[], mod: string): boolean {
  if (values.length !== 1 || typeof values[0] !== 'boolean') {
    throw new SigmaRuleError(`modifier "${mod}" needs a single true or false value`);
  }
  return values[0];
}

function nonNull(values: Scalar[], mod: string): Exclude<Scalar, null>[] {
  if (values.some((v) => v === null)) throw new SigmaRuleError(`modifier "${mod}" cannot take a null value`);
  return values as Exclude<Scalar, null>[];
}

/** AND of per-value leaf tests (`all`) or OR; each test may match a different element of a list. */
function fieldMatcher(resolve: FieldResolver, tests: LeafTest[], all: boolean): EventMatcher {
  if (all && tests.length > 1) {
    return (event) => {
      const r = resolve(event);
      for (const t of tests) if (!someLeaf(r, t)) return false;
      return true;
    };
  }
  const test = combineAny(tests);
  return (event) => someLeaf(resolve(event), test);
}

/** Compile one `field|modifiers: values` item. */
export function compileFieldItem(
  field: string,
  modifierNames: readonly string[],
  rawValue: unknown,
  resolvers: FieldResolvers,
): CompiledItem {
  const mods = parseModifiers(modifierNames);
  const values = scalarValues(rawValue);
  const resolve = resolvers.get(field);
  switch (mods.kind) {
    case 'exists': {
      const want = singleBoolean(values, 'exists');
      return { match: (event) => (resolve(event) !== MISSING) === want };
    }
    case 're': {
      const regexes = nonNull(values, 're').map((v) => compileRegex(String(v), mods.reFlags));
      const tests = regexes.map((re): LeafTest => {
        return (v) => {
          const t = matchText(v);
          return t !== undefined && re.test(t);
        };
      });
      return { match: fieldMatcher(resolve, tests, mods.all) };
    }
    case 'cidr': {
      const ranges: Cidr[] = nonNull(values, 'cidr').map((v) => {
        try {
          return parseCidr(String(v));
        } catch (e) {
          throw new SigmaRuleError((e as Error).message);
        }
      });
      const tests = ranges.map((range): LeafTest => {
        return (v) => {
          if (typeof v !== 'string') return false;
          const ip = parseIp(v);
          return ip !== undefined && cidrContains(range, ip);
        };
      });
      return { match: fieldMatcher(resolve, tests, mods.all) };
    }
    case 'compare': {
      const tests = nonNull(values, mods.compare ?? 'compare').map((v) => {
        const n = numberOf(v);
        if (n === undefined)
          throw new SigmaRuleError(`modifier "${mods.compare}" needs a number, got ${JSON.stringify(v)}`);
        return compareTest(mods.compare, n, mods.timePart);
      });
      return { match: fieldMatcher(resolve, tests, mods.all) };
    }
    case 'fieldref':
      return { match: fieldRefMatcher(resolve, nonNull(values, 'fieldref'), mods, resolvers) };
    case 'neq': {
      const inner = matchItem(resolve, values, { ...mods, kind: 'match', all: false });
      return { match: (event) => !inner.match(event) };
    }
    case 'match':
      if (mods.timePart) {
        const tests = nonNull(values, mods.timePart).map((v) => {
          const n = numberOf(v);
          if (n === undefined) throw new SigmaRuleError(`modifier "${mods.timePart}" needs a number`);
          return compareTest(undefined, n, mods.timePart);
        });
        return { match: fieldMatcher(resolve, tests, mods.all) };
      }
      return withRequirement(field, values, mods, matchItem(resolve, values, mods));
  }
}

function matchItem(resolve: FieldResolver, values: Scalar[], mods: ModifierSet): CompiledItem {
  const hasNull = values.includes(null);
  if (hasNull && (mods.position || mods.base64 || mods.windash || mods.all)) {
    throw new SigmaRuleError('null cannot be combined with string modifiers or "all"');
  }
  const present = values.filter((v): v is Exclude<Scalar, null> => v !== null);
  if (present.length === 0) return { match: (event) => isNullish(resolve(event)) };
  if (mods.all && present.length > 1)
    return { match: fieldMatcher(resolve, valueTests(present, mods), true) };
  const test = combinedAnyTest(present, mods);
  if (!hasNull) return { match: (event) => someLeaf(resolve(event), test) };
  return {
    match: (event) => {
      const r = resolve(event);
      return isNullish(r) || someLeaf(r, test);
    },
  };
}

/** Literal string values of a plain equality item: the index may require one of them. */
function withRequirement(
  field: string,
  values: Scalar[],
  mods: ModifierSet,
  item: CompiledItem,
): CompiledItem {
  if (mods.position || mods.base64 || mods.windash || (mods.all && values.length > 1)) return item;
  const set = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') return item;
    const lit = literalOf(parseSigmaString(v));
    if (lit === undefined) return item;
    set.add(lit.toLowerCase());
  }
  return { ...item, required: { field, values: set } };
}

function fieldRefMatcher(
  resolve: FieldResolver,
  refs: Exclude<Scalar, null>[],
  mods: ModifierSet,
  resolvers: FieldResolvers,
): EventMatcher {
  const refResolvers = refs.map((r) => resolvers.get(String(r)));
  const compare = (a: string, b: string): boolean => {
    const x = mods.cased ? a : a.toLowerCase();
    const y = mods.cased ? b : b.toLowerCase();
    if (mods.position === 'contains') return x.includes(y);
    if (mods.position === 'startswith') return x.startsWith(y);
    if (mods.position === 'endswith') return x.endsWith(y);
    return x === y;
  };
  const tests = refResolvers.map((refResolve) => {
    return (event: unknown): boolean => {
      const target = resolve(event);
      const other = refResolve(event);
      if (target === MISSING || other === MISSING) return false;
      const others = (Array.isArray(other) ? other : [other]).map(matchText);
      return someLeaf(target, (v) => {
        const t = matchText(v);
        return t !== undefined && others.some((o) => o !== undefined && compare(t, o));
      });
    };
  });
  if (mods.all) return (event) => tests.every((t) => t(event));
  return (event) => tests.some((t) => t(event));
}

/** Keywords: a value anywhere in the event (any string, number or boolean, or any object key). */
export function compileKeywords(modifierNames: readonly string[], rawValue: unknown): EventMatcher {
  const mods = parseModifiers(modifierNames);
  if (mods.kind === 're') {
    const regexes = nonNull(scalarValues(rawValue), 're').map((v) => compileRegex(String(v), mods.reFlags));
    const tests = regexes.map((re) => (t: string) => re.test(t));
    return keywordMatcher(tests, mods.all);
  }
  if (mods.kind !== 'match' || mods.timePart) {
    throw new SigmaRuleError(
      `modifier "${mods.kind === 'match' ? mods.timePart : mods.kind}" needs a field name`,
    );
  }
  const values = nonNull(scalarValues(rawValue), 'keywords');
  // Keywords are searched as substrings unless a position modifier says otherwise.
  const kwMods: ModifierSet = { ...mods, position: mods.position ?? 'contains' };
  if (!mods.all) return keywordMatcher([anyTextTest(values.flatMap((v) => textPatterns(v, kwMods)))], false);
  return keywordMatcher(
    values.map((v) => anyTextTest(textPatterns(v, kwMods))),
    true,
  );
}

function anyText(node: unknown, test: (t: string) => boolean, depth: number): boolean {
  if (depth > 64) return false;
  if (node === null || node === undefined) return false;
  if (typeof node === 'object') {
    if (Array.isArray(node)) {
      for (const item of node) if (anyText(item, test, depth + 1)) return true;
      return false;
    }
    const obj = node as Record<string, unknown>;
    for (const k in obj) {
      if (!Object.hasOwn(obj, k)) continue;
      if (test(k) || anyText(obj[k], test, depth + 1)) return true;
    }
    return false;
  }
  const t = matchText(node);
  return t !== undefined && test(t);
}

function keywordMatcher(tests: Array<(t: string) => boolean>, all: boolean): EventMatcher {
  if (all) return (event) => tests.every((t) => anyText(event, t, 0));
  const test = tests[0]!;
  if (tests.length === 1) return (event) => anyText(event, test, 0);
  return (event) => tests.some((t) => anyText(event, t, 0));
}
