/** Keyword selections: a value anywhere in the event (any string, number or boolean, or any object key). */
import { matchText } from './fields.js';
import { type ModifierSet, parseModifiers } from './modifiers.js';
import { compileRegex } from './regex.js';
import { anyTextTest, textPatterns } from './text-match.js';
import { type EventMatcher, SigmaRuleError } from './types.js';
import { nonNull, scalarValues } from './values.js';

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

export function anyText(node: unknown, test: (t: string) => boolean, depth: number): boolean {
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

export function keywordMatcher(tests: Array<(t: string) => boolean>, all: boolean): EventMatcher {
  if (all) return (event) => tests.every((t) => anyText(event, t, 0));
  const test = tests[0]!;
  if (tests.length === 1) return (event) => anyText(event, test, 0);
  return (event) => tests.some((t) => anyText(event, t, 0));
}
