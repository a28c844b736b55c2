import { describe, expect, it } from 'vitest';
import { withDerived } from '../../../src/detect/sigma/fields.js';
import { loadRuleText } from '../../../src/detect/sigma/loader.js';
import { Detector, RuleSet } from '../../../src/detect/sigma/ruleset.js';

const rule = (name: string, detection: string): string =>
  `title: ${name}\nname: ${name}\nlogsource: {product: aws, service: vpcflow}\ndetection:\n${detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`;

const RULES = [
  rule('inside', 'sel:\n  action: ACCEPT\n  inside: true\ncondition: sel'),
  rule('not-inside', 'sel:\n  action: ACCEPT\nf:\n  inside: true\ncondition: sel and not f'),
  rule('inside-no', "sel:\n  inside: 'no'\ncondition: sel"),
  rule('has-zone', 'sel:\n  zone|exists: true\ncondition: sel'),
  rule('no-zone', 'sel:\n  action: ACCEPT\n  zone: null\ncondition: sel'),
  rule('keyword', 'kw:\n  - marker-text\ncondition: kw'),
];

function ruleSet(): RuleSet {
  const { rules, errors } = loadRuleText(RULES.join('---\n'), 'derived.yml');
  if (errors.length > 0) throw new Error(errors.map((e) => e.reason).join('; '));
  return new RuleSet(rules);
}

const names = (set: RuleSet, raw: object, derived?: Record<string, unknown>): string[] =>
  set
    .match(withDerived(raw, derived))
    .map((m) => m.rule.meta.name ?? '')
    .sort();

describe('derived fields', () => {
  it('are matched under their name when the record has no such field, and the record is not changed', () => {
    const set = ruleSet();
    const raw = { action: 'ACCEPT', srcaddr: '2600:1f18:6d4:a1ff::20' };
    expect(names(set, raw, { inside: true })).toEqual(['inside', 'no-zone']);
    expect(names(set, raw, { inside: false })).toEqual(['no-zone', 'not-inside']);
    // without them, as before: the field is missing
    expect(names(set, raw)).toEqual(['no-zone', 'not-inside']);
    expect(raw).toEqual({ action: 'ACCEPT', srcaddr: '2600:1f18:6d4:a1ff::20' });
    expect(JSON.stringify(withDerived(raw, { inside: true }))).toBe(JSON.stringify(raw));
  });

  it('lose to a field of the same name in the record', () => {
    const set = ruleSet();
    const raw = { action: 'ACCEPT', inside: 'no' };
    expect(names(set, raw, { inside: true })).toEqual(['inside-no', 'no-zone', 'not-inside']);
    expect(withDerived(raw, { inside: true })).toBe(raw);
  });

  it('leave a field that neither has missing, and are not searched by keywords', () => {
    const set = ruleSet();
    const raw = { action: 'ACCEPT' };
    expect(names(set, raw, { inside: false })).toEqual(['no-zone', 'not-inside']);
    expect(names(set, raw, { zone: 'eu', note: 'marker-text' })).toEqual(['has-zone', 'not-inside']);
    expect(names(set, { ...raw, note: 'marker-text' })).toEqual(['keyword', 'no-zone', 'not-inside']);
  });

  it('group correlations like the record own fields', () => {
    const corr = `title: same zone
name: same_zone
correlation:
  type: event_count
  rules: [not-inside]
  group-by: [zone]
  timespan: 5m
  condition: {gte: 2}
`;
    const { rules, errors } = loadRuleText(`${RULES.join('---\n')}---\n${corr}`, 'derived.yml');
    expect(errors).toEqual([]);
    const detector = new Detector(rules);
    const hits = [1, 2].flatMap((i) =>
      detector.process(withDerived({ action: 'ACCEPT', n: i }, { zone: 'eu' }), {
        time: i * 1000,
        id: `e${i}`,
      }),
    );
    const found = hits.flatMap((h) => (h.kind === 'correlation' ? [h.hit] : []));
    expect(found.map((h) => [h.rule.meta.name, h.group])).toEqual([['same_zone', { zone: 'eu' }]]);
  });
});
