import { describe, expect, it } from 'vitest';
import { parseTimespan } from '../../../src/detect/sigma/correlation.js';
import { Correlator, defaultEventTime } from '../../../src/detect/sigma/correlator.js';
import { loadRuleText } from '../../../src/detect/sigma/loader.js';
import { type DetectionHit, Detector } from '../../../src/detect/sigma/ruleset.js';
import type { CompiledCorrelation, CompiledRule } from '../../../src/detect/sigma/types.js';

const BASE = `title: Failed console login
id: 11111111-1111-4111-8111-111111111111
name: failed_login
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    eventName: ConsoleLogin
    responseElements.ConsoleLogin: Failure
  condition: selection
---
title: Successful console login
name: ok_login
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    eventName: ConsoleLogin
    responseElements.ConsoleLogin: Success
  condition: selection
---
title: Access denied
name: denied
logsource: {product: aws, service: cloudtrail}
detection:
  selection:
    errorCode: AccessDenied
  condition: selection
`;

function load(correlations: string): CompiledRule[] {
  const { rules, errors } = loadRuleText(`${BASE}---\n${correlations}`, 'corr.yml');
  if (errors.length > 0) throw new Error(errors.map((e) => e.reason).join('; '));
  return rules;
}

const T0 = Date.parse('2024-05-01T10:00:00Z');
let seq = 0;
function login(
  user: string,
  outcome: 'Failure' | 'Success',
  atSeconds: number,
  ip = '198.51.100.7',
): unknown {
  return {
    eventID: `e${++seq}`,
    eventTime: new Date(T0 + atSeconds * 1000).toISOString(),
    eventName: 'ConsoleLogin',
    sourceIPAddress: ip,
    userIdentity: { userName: user },
    responseElements: { ConsoleLogin: outcome },
  };
}
function denied(user: string, action: string, atSeconds: number): unknown {
  return {
    eventID: `e${++seq}`,
    eventTime: new Date(T0 + atSeconds * 1000).toISOString(),
    eventName: action,
    errorCode: 'AccessDenied',
    userIdentity: { userName: user },
  };
}

const correlationHits = (hits: DetectionHit[]) =>
  hits.flatMap((h) => (h.kind === 'correlation' ? [h.hit] : []));

function run(detector: Detector, events: unknown[]) {
  const out = events.flatMap((e) => detector.process(e));
  return [...out, ...detector.flush()];
}

describe('event_count', () => {
  const rules = load(`title: Brute force
id: 22222222-2222-4222-8222-222222222222
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [userIdentity.userName]
  timespan: 5m
  condition: {gte: 3}
level: high
`);

  it('fires when the count in the window reaches the threshold, per group', () => {
    const detector = new Detector(rules);
    const events = [
      login('alice', 'Failure', 0),
      login('bob', 'Failure', 10),
      login('alice', 'Failure', 60),
      login('bob', 'Success', 70),
      login('alice', 'Failure', 120),
    ];
    const hits = correlationHits(run(detector, events));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      group: { 'userIdentity.userName': 'alice' },
      count: 3,
      firstTime: T0,
      lastTime: T0 + 120_000,
    });
    expect(hits[0]?.eventIds).toHaveLength(3);
    expect(hits[0]?.rule.meta.title).toBe('Brute force');
    // the group key is part of the finding id: the JSON of the group-by values
    expect(hits[0]?.groupKey).toBe('["alice"]');
  });

  it('does not count events that fell out of the timespan', () => {
    const detector = new Detector(rules);
    const events = [
      login('carol', 'Failure', 0),
      login('carol', 'Failure', 200),
      login('carol', 'Failure', 400),
    ];
    expect(correlationHits(run(detector, events))).toEqual([]);
    const d2 = new Detector(rules);
    const e2 = [
      login('carol', 'Failure', 0),
      login('carol', 'Failure', 200),
      login('carol', 'Failure', 400),
      login('carol', 'Failure', 450),
    ];
    const hits = correlationHits(run(d2, e2));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.firstTime).toBe(T0 + 200_000);
  });

  it('judges events that come out of time order by the newest event seen', () => {
    const detector = new Detector(rules);
    // the late event at 0 s is older than the window of the one at 400 s: it is not counted
    const late = [login('erin', 'Failure', 400), login('erin', 'Failure', 0), login('erin', 'Failure', 200)];
    expect(correlationHits(run(detector, late))).toEqual([]);
    const d2 = new Detector(rules);
    const hits = correlationHits(
      run(d2, [...late.slice(0, 2), login('erin', 'Failure', 200), login('erin', 'Failure', 450)]),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ count: 3, firstTime: T0 + 200_000, lastTime: T0 + 450_000 });
  });

  it('starts afresh after a hit', () => {
    const detector = new Detector(rules);
    const events = Array.from({ length: 7 }, (_, i) => login('dave', 'Failure', i * 10));
    expect(correlationHits(run(detector, events))).toHaveLength(2);
  });

  it('does not report the referenced rule on its own (generate defaults to false)', () => {
    const detector = new Detector(rules);
    const hits = detector.process(login('erin', 'Failure', 0));
    expect(hits).toEqual([]);
    // A rule nobody references still reports.
    expect(detector.process(denied('erin', 'ListUsers', 1)).map((h) => h.kind)).toEqual(['match']);
  });

  it('reports the referenced rules too with generate: true', () => {
    const withGenerate = load(`title: Brute force
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [userIdentity.userName]
  timespan: 5m
  condition: {gte: 3}
  generate: true
`);
    const detector = new Detector(withGenerate);
    expect(detector.process(login('erin', 'Failure', 0)).map((h) => h.kind)).toEqual(['match']);
  });

  it('drops expired groups so memory stays bounded', () => {
    const corr = rules.filter((r): r is CompiledCorrelation => r.kind === 'correlation');
    const failed = rules.find((r) => r.meta.name === 'failed_login');
    if (failed?.kind !== 'detection') throw new Error('missing rule');
    const correlator = new Correlator(corr);
    for (let i = 0; i < 10_000; i++) correlator.observe(login(`user${i}`, 'Failure', i), [failed]);
    // Users seen in the last 5 minutes (300 s at one event a second) are all that is kept.
    expect(correlator.liveGroups).toBeLessThanOrEqual(302);
  });

  it('caps the number of groups', () => {
    const corr = rules.filter((r): r is CompiledCorrelation => r.kind === 'correlation');
    const failed = rules.find((r) => r.meta.name === 'failed_login');
    if (failed?.kind !== 'detection') throw new Error('missing rule');
    const correlator = new Correlator(corr, { maxGroups: 50 });
    for (let i = 0; i < 1000; i++) correlator.observe(login(`user${i}`, 'Failure', 0), [failed]);
    expect(correlator.liveGroups).toBe(50);
  });
});

describe('event_count with an upper bound', () => {
  it('judges the window when it closes', () => {
    const rules = load(`title: Few denials
correlation:
  type: event_count
  rules: [denied]
  group-by: [userIdentity.userName]
  timespan: 1m
  condition: {gte: 2, lte: 3}
`);
    const detector = new Detector(rules);
    const events = [
      denied('a', 'X', 0),
      denied('a', 'X', 10),
      denied('b', 'X', 10),
      denied('c', 'X', 5),
      denied('c', 'X', 6),
      denied('c', 'X', 7),
      denied('c', 'X', 8),
      denied('a', 'X', 200), // past a's window: closes it with 2
    ];
    const hits = correlationHits(events.flatMap((e) => detector.process(e)));
    expect(hits.map((h) => [h.group['userIdentity.userName'], h.count])).toEqual([['a', 2]]);
    const rest = correlationHits(detector.flush());
    expect(rest.map((h) => [h.group['userIdentity.userName'], h.count])).toEqual([]);
  });

  it('flush closes open windows', () => {
    const rules = load(`title: Exactly two
correlation:
  type: event_count
  rules: [denied]
  group-by: [userIdentity.userName]
  timespan: 1h
  condition: {eq: 2}
`);
    const detector = new Detector(rules);
    const live = [denied('a', 'X', 0), denied('a', 'X', 10)].flatMap((e) => detector.process(e));
    expect(correlationHits(live)).toEqual([]);
    expect(correlationHits(detector.flush()).map((h) => h.count)).toEqual([2]);
  });
});

describe('value_count', () => {
  const rules = load(`title: Enumeration
correlation:
  type: value_count
  rules: [denied]
  group-by: [userIdentity.userName]
  timespan: 10m
  condition:
    field: eventName
    gte: 3
`);

  it('counts distinct values of the field per group', () => {
    const detector = new Detector(rules);
    const events = [
      denied('mallory', 'ListUsers', 0),
      denied('mallory', 'ListUsers', 1),
      denied('mallory', 'ListRoles', 2),
      denied('trent', 'ListBuckets', 3),
      denied('mallory', 'ListUsers', 4),
      denied('mallory', 'GetSecretValue', 5),
    ];
    const hits = correlationHits(run(detector, events));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ group: { 'userIdentity.userName': 'mallory' }, count: 3 });
  });

  it('forgets values older than the timespan', () => {
    const detector = new Detector(rules);
    const events = [denied('m', 'A', 0), denied('m', 'B', 100), denied('m', 'C', 700), denied('m', 'D', 800)];
    expect(correlationHits(run(detector, events))).toEqual([]);
  });

  it('forgets a late value older than the timespan of the newest event', () => {
    const detector = new Detector(rules);
    const events = [denied('m', 'A', 700), denied('m', 'B', 0), denied('m', 'C', 650), denied('m', 'D', 690)];
    const hits = correlationHits(run(detector, events));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ count: 3, firstTime: T0 + 650_000, lastTime: T0 + 700_000 });
    expect(hits[0]?.eventIds).toHaveLength(3);
  });
});

describe('temporal', () => {
  const rules = load(`title: Denied then logged in
correlation:
  type: temporal
  rules: [denied, ok_login]
  group-by: [user]
  timespan: 10m
  aliases:
    user:
      denied: userIdentity.userName
      ok_login: userIdentity.userName
`);

  it('fires when all rules match in one group within the timespan, in any order', () => {
    const detector = new Detector(rules);
    const hits = correlationHits(
      run(detector, [login('oscar', 'Success', 0), denied('oscar', 'ListUsers', 60)]),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ group: { user: 'oscar' }, count: 2 });
  });

  it('does not fire across groups or outside the timespan', () => {
    const detector = new Detector(rules);
    expect(correlationHits(run(detector, [login('a', 'Success', 0), denied('b', 'ListUsers', 60)]))).toEqual(
      [],
    );
    const d2 = new Detector(rules);
    expect(correlationHits(run(d2, [login('a', 'Success', 0), denied('a', 'ListUsers', 601)]))).toEqual([]);
  });
});

describe('temporal_ordered', () => {
  const rules = load(`title: Brute force then success
id: 33333333-3333-4333-8333-333333333333
correlation:
  type: temporal_ordered
  rules: [many_failed, ok_login]
  group-by: [userIdentity.userName]
  timespan: 10m
level: critical
---
title: Many failed logins
name: many_failed
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [userIdentity.userName]
  timespan: 10m
  condition: {gte: 3}
`);

  it('chains correlations and requires the listed order', () => {
    const detector = new Detector(rules);
    const events = [
      login('p', 'Failure', 0),
      login('p', 'Failure', 10),
      login('p', 'Failure', 20),
      login('p', 'Success', 30),
    ];
    const hits = correlationHits(run(detector, events));
    // Only the outer correlation is reported; the inner one is an intermediate step.
    expect(hits.map((h) => h.rule.meta.title)).toEqual(['Brute force then success']);
    expect(hits[0]?.eventIds).toHaveLength(4);
    expect(hits[0]?.group).toEqual({ 'userIdentity.userName': 'p' });
  });

  it('does not fire when the order is reversed', () => {
    const detector = new Detector(rules);
    const events = [
      login('q', 'Success', 0),
      login('q', 'Failure', 10),
      login('q', 'Failure', 20),
      login('q', 'Failure', 30),
    ];
    expect(correlationHits(run(detector, events))).toEqual([]);
  });
});

describe('correlation rule errors', () => {
  const corr = (section: string) =>
    loadRuleText(`${BASE}---\ntitle: Bad correlation\ncorrelation:\n${section}`, 'c.yml');

  it.each([
    [
      '  type: event_sum\n  rules: [denied]\n  timespan: 5m\n  condition: {gte: 1}',
      /unknown correlation type/,
    ],
    ['  type: event_count\n  rules: [nope]\n  timespan: 5m\n  condition: {gte: 1}', /references rule "nope"/],
    ['  type: event_count\n  rules: [denied]\n  timespan: 5 minutes\n  condition: {gte: 1}', /timespan/],
    ['  type: event_count\n  rules: [denied]\n  timespan: 5m', /needs a "condition"/],
    [
      '  type: value_count\n  rules: [denied]\n  timespan: 5m\n  condition: {gte: 2}',
      /needs condition.field/,
    ],
    [
      '  type: event_count\n  rules: [denied]\n  timespan: 5m\n  condition: {above: 2}',
      /unknown correlation condition/,
    ],
    ['  type: temporal\n  rules: [denied]\n  timespan: 5m', /at least two rules/],
    ['  type: event_count\n  timespan: 5m\n  condition: {gte: 1}', /rules is missing/],
  ])('%s', (section, reason) => {
    const { rules, errors } = corr(section);
    expect(rules).toHaveLength(3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ title: 'Bad correlation', file: 'c.yml', product: 'correlation' });
    expect(errors[0]?.reason).toMatch(reason);
  });

  it('reports correlations that reference each other in a cycle', () => {
    const { errors } = loadRuleText(`${BASE}---
title: one
name: c1
correlation: {type: temporal, rules: [c2, denied], timespan: 5m}
---
title: two
name: c2
correlation: {type: temporal, rules: [c1, denied], timespan: 5m}
`);
    expect(errors.map((e) => e.reason)).toEqual([
      'correlation rules reference each other in a cycle',
      'correlation rules reference each other in a cycle',
    ]);
  });

  it('drops a correlation built on a failed correlation', () => {
    const { errors } = loadRuleText(`${BASE}---
title: outer
correlation: {type: temporal, rules: [inner, denied], timespan: 5m}
---
title: inner
name: inner
correlation: {type: bogus, rules: [denied], timespan: 5m}
`);
    expect(errors.map((e) => e.title).sort()).toEqual(['inner', 'outer']);
  });
});

describe('known event facts', () => {
  it('take precedence over the time and id getters', () => {
    const rules = load(`title: c
correlation:
  type: event_count
  rules: [denied]
  timespan: 1m
  condition: {gte: 2}
`);
    const detector = new Detector(rules);
    const raw = { errorCode: 'AccessDenied' };
    const hits = correlationHits([
      ...detector.process(raw, { time: 1_000, id: 'vpcflow:a' }),
      ...detector.process(raw, { time: 2_000, id: 'vpcflow:b' }),
    ]);
    expect(hits.map((h) => [h.eventIds, h.firstTime, h.lastTime])).toEqual([
      [['vpcflow:a', 'vpcflow:b'], 1_000, 2_000],
    ]);
  });
});

describe('helpers', () => {
  it('parses timespans', () => {
    expect(parseTimespan('30s')).toBe(30_000);
    expect(parseTimespan('5m')).toBe(300_000);
    expect(parseTimespan('2h')).toBe(7_200_000);
    expect(parseTimespan('1d')).toBe(86_400_000);
    expect(() => parseTimespan('0m')).toThrow();
    expect(() => parseTimespan('1w')).toThrow();
    expect(() => parseTimespan(5)).toThrow();
  });

  it('reads event times of each cloud', () => {
    expect(defaultEventTime({ eventTime: '2024-05-01T10:00:00Z' })).toBe(T0);
    expect(defaultEventTime({ time: '2024-05-01T10:00:00.0000000Z' })).toBe(T0);
    expect(defaultEventTime({ timestamp: '2024-05-01T10:00:00Z' })).toBe(T0);
    expect(defaultEventTime({ start: T0 / 1000 })).toBe(T0);
    expect(defaultEventTime({ com: { time: '2024-05-01T10:00:00Z' } })).toBe(T0);
    expect(defaultEventTime({ eventTime: 'garbage' })).toBeUndefined();
  });

  it('uses a custom time getter', () => {
    const rules = load(`title: c
correlation:
  type: event_count
  rules: [denied]
  timespan: 1m
  condition: {gte: 2}
`);
    const detector = new Detector(rules, {
      time: (e) => (e as { t: number }).t,
      eventId: (e) => (e as { id: string }).id,
    });
    const hits = correlationHits([
      ...detector.process({ errorCode: 'AccessDenied', t: 0, id: 'first' }),
      ...detector.process({ errorCode: 'AccessDenied', t: 30_000, id: 'second' }),
    ]);
    expect(hits.map((h) => h.eventIds)).toEqual([['first', 'second']]);
  });
});
