import { describe, expect, it } from 'vitest';
import { parseAggregation } from '../../../src/detect/sigma/aggregation.js';
import { loadRuleText } from '../../../src/detect/sigma/loader.js';
import { Detector } from '../../../src/detect/sigma/ruleset.js';
import { SigmaRuleError } from '../../../src/detect/sigma/types.js';

const rule = (condition: string, timeframe = 'timeframe: 10m') => `title: Storage enumeration
id: 44444444-4444-4444-8444-444444444444
level: low
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    eventSource: s3.amazonaws.com
    eventName: [ListBuckets, GetBucketPolicy, GetBucketAcl]
  ${timeframe}
  condition: ${condition}
`;

const T0 = Date.parse('2024-05-01T10:00:00Z');
const call = (name: string, ip: string, sec: number, user = 'u1') => ({
  eventID: `${ip}-${sec}-${name}`,
  eventTime: new Date(T0 + sec * 1000).toISOString(),
  eventSource: 's3.amazonaws.com',
  eventName: name,
  sourceIPAddress: ip,
  userIdentity: { userName: user },
});

describe('Sigma 1 aggregations', () => {
  it('parse count() with by, field and every operator', () => {
    expect(parseAggregation('selection | count() > 5')).toEqual({
      search: 'selection',
      field: undefined,
      groupBy: [],
      condition: { gt: 5 },
    });
    // Only a pipe outside parentheses starts the aggregation.
    expect(parseAggregation('sel and not (a | b) | count() >= 3')?.search).toBe('sel and not (a | b)');
    expect(parseAggregation('(sel and not f) | count(user) by ip, host <= 3')).toEqual({
      search: '(sel and not f)',
      field: 'user',
      groupBy: ['ip', 'host'],
      condition: { lte: 3 },
    });
    expect(parseAggregation('s | count() = 2')?.condition).toEqual({ eq: 2 });
    expect(parseAggregation('s | count() < 2')?.condition).toEqual({ lt: 2 });
    expect(parseAggregation('selection')).toBeUndefined();
    expect(() => parseAggregation('a | near b')).toThrow(SigmaRuleError);
    expect(() => parseAggregation('a | sum(x) > 1')).toThrow(/unsupported aggregation/);
    expect(() => parseAggregation(' | count() > 1')).toThrow(/without a search/);
  });

  it('load as an event_count correlation over a hidden search rule', () => {
    const { rules, errors } = loadRuleText(rule('selection | count() by sourceIPAddress > 2'));
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.kind)).toEqual(['detection', 'correlation']);
    const [search, corr] = rules;
    expect(search).toMatchObject({ standalone: false, derived: true });
    expect(corr).toMatchObject({ type: 'event_count', groupBy: ['sourceIPAddress'], timespanMs: 600_000 });
    expect(corr?.meta.title).toBe('Storage enumeration');

    const detector = new Detector(rules);
    const events = [
      call('ListBuckets', '1.1.1.1', 0),
      call('GetBucketPolicy', '2.2.2.2', 1),
      call('GetBucketPolicy', '1.1.1.1', 2),
      call('GetObject', '1.1.1.1', 3),
      call('GetBucketAcl', '1.1.1.1', 4),
    ];
    const hits = events.flatMap((e) => detector.process(e));
    expect(hits).toHaveLength(1);
    const hit = hits[0];
    if (hit?.kind !== 'correlation') throw new Error('expected a correlation hit');
    expect(hit.hit).toMatchObject({ count: 3, group: { sourceIPAddress: '1.1.1.1' } });
    expect(hit.hit.rule.meta.id).toBe('44444444-4444-4444-8444-444444444444');
  });

  it('count(field) becomes a value_count', () => {
    const { rules } = loadRuleText(rule('selection | count(eventName) by userIdentity.userName >= 2'));
    const detector = new Detector(rules);
    const hits = [
      call('ListBuckets', 'a', 0),
      call('ListBuckets', 'b', 1),
      call('GetBucketAcl', 'c', 2),
    ].flatMap((e) => detector.process(e));
    expect(hits.map((h) => (h.kind === 'correlation' ? h.hit.count : 0))).toEqual([2]);
  });

  it('need a timeframe', () => {
    const { rules, errors } = loadRuleText(rule('selection | count() > 5', ''), 'agg.yml');
    expect(rules).toEqual([]);
    expect(errors[0]).toMatchObject({ title: 'Storage enumeration', product: 'aws' });
    expect(errors[0]?.reason).toMatch(/needs detection.timeframe/);
  });
});
