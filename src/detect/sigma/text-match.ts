/**
 * String matching of detection values: the value's wildcard patterns after windash, UTF-16, base64 and
 * contains / startswith / endswith (applied in that order whatever the order written), compiled into one
 * test per value list that lower-cases each event value at most once.
 */
import { base64, base64Offsets, encodeText } from './encoding.js';
import { lowerCase, matchText } from './fields.js';
import type { ModifierSet } from './modifiers.js';
import { SigmaRuleError } from './types.js';
import { combineAny, type LeafTest, type Scalar } from './values.js';
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

export interface TextPattern {
  s: SigmaString;
  cased: boolean;
}

/** Patterns for one string value after windash, encoding, base64 and position modifiers. */
export function textPatterns(value: string | number | boolean, mods: ModifierSet): TextPattern[] {
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
    return remembered((t) => fn(lowerCase(t)));
  }
  return remembered((t) => {
    if (casedSet.has(t)) return true;
    for (const fn of casedFns) if (fn(t)) return true;
    if (!needLower) return false;
    const lower = lowerCase(t);
    if (ciSet.has(lower)) return true;
    for (const fn of ciFns) if (fn(lower)) return true;
    return false;
  });
}

/** Texts longer than this are tested afresh every time (and never held). */
const REMEMBER_MAX_LENGTH = 256;
/** Answers kept per test before starting over (bounds memory: at most about 150 KB per test). */
const REMEMBER_MAX_ENTRIES = 256;
/** Texts tested without looking them up after a fill of the answers that was mostly misses. */
const REMEMBER_PAUSE = 16_384;

/**
 * Pattern tests (contains, startswith, wildcards, regular expressions) with their answers remembered for
 * short texts: the same user agents, ARNs and hosts come back event after event, and a look-up costs
 * less than lower-casing the text and trying every pattern on it. Texts that hardly repeat (a source
 * address, a request id) would only fill and empty the answers: when the answers fill up after fewer
 * look-ups that found one than that missed, the test runs without them for a while, then tries again.
 * `test` must be a pure function of the text, so an answer never depends on whether it was remembered.
 */
export function remembered(test: (t: string) => boolean): (t: string) => boolean {
  const answers = new Map<string, boolean>();
  let lookups = 0;
  let paused = 0;
  return (t) => {
    if (paused > 0) {
      paused--;
      return test(t);
    }
    if (t.length > REMEMBER_MAX_LENGTH) return test(t);
    lookups++;
    let answer = answers.get(t);
    if (answer === undefined) {
      answer = test(t);
      if (answers.size >= REMEMBER_MAX_ENTRIES) {
        // every entry is a miss: fewer hits than misses since the last start
        if (lookups < 2 * REMEMBER_MAX_ENTRIES) paused = REMEMBER_PAUSE;
        answers.clear();
        lookups = 0;
      }
      answers.set(t, answer);
    }
    return answer;
  };
}

export function textLeafTest(textTest: (t: string) => boolean): LeafTest {
  return (v) => {
    const t = matchText(v);
    return t !== undefined && textTest(t);
  };
}

/** Plain equality with a YAML number or boolean: compared as a value and as text. */
export function scalarLeafTest(value: number | boolean, mods: ModifierSet): LeafTest {
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
export function valueTests(values: readonly Exclude<Scalar, null>[], mods: ModifierSet): LeafTest[] {
  return values.map((value) => {
    if (typeof value !== 'string' && !mods.position && !mods.base64 && !mods.windash) {
      return scalarLeafTest(value, mods);
    }
    return textLeafTest(anyTextTest(textPatterns(value, mods)));
  });
}

/**
 * `combinedAnyTest`, and when every value is tested as text, that text test itself (`onText`): a matcher
 * can call it straight for a field holding a string, as `test` would end up doing, without the calls in
 * between (the leaf walk, the value-to-text step), which every event pays for every item a rule tries.
 */
export function combinedTests(
  values: readonly Exclude<Scalar, null>[],
  mods: ModifierSet,
): { test: LeafTest; onText?: (t: string) => boolean } {
  const asText = (v: Exclude<Scalar, null>): boolean =>
    typeof v === 'string' || mods.position !== undefined || mods.base64 !== undefined || mods.windash;
  const texts = values.filter(asText);
  const onText = texts.length > 0 ? anyTextTest(texts.flatMap((v) => textPatterns(v, mods))) : undefined;
  const tests: LeafTest[] = [];
  if (onText) tests.push(textLeafTest(onText));
  tests.push(
    ...valueTests(
      values.filter((v) => !asText(v)),
      mods,
    ),
  );
  const test = combineAny(tests);
  return texts.length === values.length ? { test, onText } : { test };
}

/** One test for the whole value list that lower-cases each event value once. */
export function combinedAnyTest(values: readonly Exclude<Scalar, null>[], mods: ModifierSet): LeafTest {
  return combinedTests(values, mods).test;
}
