import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadRuleText } from '../../../src/detect/sigma/loader.js';
import { RuleSet } from '../../../src/detect/sigma/ruleset.js';

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(1234);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const FIELDS = [
  'eventName',
  'a.b',
  'items.name',
  '',
  'x|contains',
  'x|re',
  'x|cidr',
  'x|gt',
  'x|base64offset|contains',
  'x|exists',
  'x|bogus',
  'x|all',
  'x|windash',
  'x|fieldref',
  'x|hour',
];
const VALUES: unknown[] = [
  'a',
  'a*b',
  '\\',
  '*',
  '10.0.0.0/8',
  '(',
  5,
  -1.5,
  true,
  null,
  [],
  ['a', null],
  { n: 1 },
  [[1]],
  '%x%',
];
const CONDITIONS = [
  's',
  's and t',
  'not s or (t',
  '1 of s*',
  'all of them',
  's | count() > 1',
  '',
  'them',
  '3 of s',
  's and not t',
  ')',
  'not not s',
];

function randomValue(depth: number): unknown {
  const r = rand();
  if (depth < 2 && r < 0.15)
    return Array.from({ length: Math.floor(rand() * 3) }, () => randomValue(depth + 1));
  if (depth < 2 && r < 0.25) return { [pick(FIELDS)]: randomValue(depth + 1) };
  return pick(VALUES);
}

const GOOD_FIELDS = [
  'eventName',
  'a.b',
  'items.name',
  'x|contains',
  'x|startswith',
  'x|cidr',
  'x|re',
  'eventName|cased',
];
const GOOD_VALUES: unknown[] = ['a', 'a*b', '*', 'A', null, ['a', 'b'], '10.0.0.0/8', 'x'];

function selection(): unknown {
  if (rand() < 0.8) {
    const field = pick(GOOD_FIELDS);
    const value = field.endsWith('cidr') ? '10.0.0.0/8' : pick(GOOD_VALUES);
    return rand() < 0.8 ? { [field]: value } : { [pick(FIELDS)]: randomValue(0) };
  }
  return randomValue(0);
}

function randomDoc(): unknown {
  const detection: Record<string, unknown> = {};
  if (rand() < 0.95) detection.s = selection();
  if (rand() < 0.7) detection.t = selection();
  if (rand() < 0.3) detection.s_1 = selection();
  if (rand() < 0.95) detection.condition = rand() < 0.9 ? pick(CONDITIONS) : randomValue(0);
  const doc: Record<string, unknown> = {
    title: rand() < 0.97 ? 'fuzz' : 7,
    logsource: rand() < 0.95 ? { product: 'aws' } : 'aws',
  };
  if (rand() < 0.95) doc.detection = rand() < 0.97 ? detection : 'nope';
  if (rand() < 0.1) {
    doc.correlation = {
      type: pick(['event_count', 'temporal', 'x']),
      rules: [pick(['s', 'fuzz'])],
      timespan: pick(['5m', 'x', 3]),
    };
  }
  return doc;
}

function randomEvent(depth = 0): unknown {
  const r = rand();
  if (depth > 3 || r < 0.3) return pick(['a', 'A*B', '10.1.2.3', 5, null, true, '', 'MTAuMC4wLjE=']);
  if (r < 0.45) return Array.from({ length: Math.floor(rand() * 3) }, () => randomEvent(depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(rand() * 4) }, () => [
      pick(['eventName', 'a', 'b', 'items', 'name', 'x', 'a.b']),
      randomEvent(depth + 1),
    ]),
  );
}

describe('malformed and random rules', () => {
  it('never throw from the loader or from a compiled matcher', () => {
    let compiled = 0;
    let failed = 0;
    for (let i = 0; i < 400; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => stringify(randomDoc())).join(
        '---\n',
      );
      const { rules, errors } = loadRuleText(text, `fuzz-${i}.yml`);
      compiled += rules.length;
      failed += errors.length;
      for (const e of errors) expect(e.reason).not.toMatch(/internal error/);
      const set = new RuleSet(rules);
      for (let j = 0; j < 20; j++) {
        const event = randomEvent();
        expect(set.match(event).map((m) => m.rule)).toEqual(set.matchAll(event).map((m) => m.rule));
      }
    }
    expect(compiled).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(20);
  });

  it.each([
    ['', 0],
    ['---\n---\n', 0],
    ['# only a comment\n', 0],
    ['{', 1],
    ['title: a\n  bad indent: [', 1],
    ['"just a string"', 1],
    ['42', 1],
    ['title: x\nlogsource: {product: aws}\ndetection: {s: {a: *anchor}, condition: s}', 1],
  ])('%j', (text, errorCount) => {
    const { rules, errors } = loadRuleText(text, 'odd.yml');
    expect(rules).toEqual([]);
    expect(errors).toHaveLength(errorCount);
  });
});
