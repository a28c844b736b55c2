/** One detection item (`field|modifier|...: value or values`) compiled into an event predicate. */
import { type Cidr, cidrContains, cidrContainsRange, parseCidr, parseIp, tryParseCidr } from './cidr.js';
import { type FieldResolver, type FieldResolvers, MISSING, matchText } from './fields.js';
import { type ModifierSet, parseModifiers } from './modifiers.js';
import { compareTest } from './numeric.js';
import { compileRegex } from './regex.js';
import { combinedTests, remembered, valueTests } from './text-match.js';
import { type EventMatcher, SigmaRuleError } from './types.js';
import {
  combineAny,
  isNullish,
  type LeafTest,
  nonNull,
  numberOf,
  type Scalar,
  scalarValues,
  singleBoolean,
  someLeaf,
} from './values.js';
import { literalOf, parseSigmaString } from './wildcard.js';

export interface CompiledItem {
  match: EventMatcher;
  /** The field must hold one of these lower-cased literal values for the item to match. */
  required?: { field: string; values: Set<string> };
}

/** AND of per-value leaf tests (`all`) or OR; each test may match a different element of a list. */
export function fieldMatcher(resolve: FieldResolver, tests: LeafTest[], all: boolean): EventMatcher {
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
      // the flags are i, m and s only (no g or y): a test depends on the text alone and can be remembered
      const tests = regexes.map((re): LeafTest => {
        const test = remembered((t) => re.test(t));
        return (v) => {
          const t = matchText(v);
          return t !== undefined && test(t);
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
          if (v.includes('/')) {
            // the field holds a range itself (a firewall rule's source): it matches when it lies inside
            const inner = tryParseCidr(v);
            return inner !== undefined && cidrContainsRange(range, inner);
          }
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

export function matchItem(resolve: FieldResolver, values: Scalar[], mods: ModifierSet): CompiledItem {
  const hasNull = values.includes(null);
  if (hasNull && (mods.position || mods.base64 || mods.windash || mods.all)) {
    throw new SigmaRuleError('null cannot be combined with string modifiers or "all"');
  }
  const present = values.filter((v): v is Exclude<Scalar, null> => v !== null);
  if (present.length === 0) return { match: (event) => isNullish(resolve(event)) };
  if (mods.all && present.length > 1)
    return { match: fieldMatcher(resolve, valueTests(present, mods), true) };
  const { test, onText } = combinedTests(present, mods);
  if (!hasNull && onText) {
    // a string is its own only leaf, and the text test is what `test` runs on it
    return {
      match: (event) => {
        const r = resolve(event);
        return typeof r === 'string' ? onText(r) : someLeaf(r, test);
      },
    };
  }
  if (!hasNull) return { match: (event) => someLeaf(resolve(event), test) };
  return {
    match: (event) => {
      const r = resolve(event);
      return isNullish(r) || someLeaf(r, test);
    },
  };
}

/** Literal string values of a plain equality item: the index may require one of them. */
export function withRequirement(
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

export function fieldRefMatcher(
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
