import { describe, expect, it } from 'vitest';
import { findingRecordSchema } from '../../src/core/record.js';
import { severityOfLevel } from '../../src/detect/detection-record.js';
import { DetectionPipeline } from '../../src/detect/detector.js';
import { ruleView } from '../../src/detect/rule-view.js';
import { loadRuleText } from '../../src/detect/sigma/loader.js';
import { cloudTrailFormat, vpcFlowFormat } from '../../src/detect/sources/index.js';
import { toEvents } from './pack-helpers.js';

const RULES = loadRuleText(`title: Denied call
name: denied
id: 5b3f0a52-6c0e-4d1e-9a55-0f2a7f0d1c01
level: low
logsource: {product: aws, service: cloudtrail}
detection:
  s: {errorCode: AccessDenied}
  condition: s
---
title: Three denied calls
id: 5b3f0a52-6c0e-4d1e-9a55-0f2a7f0d1c02
level: high
correlation:
  type: event_count
  rules: [denied]
  group-by: [userIdentity.arn]
  timespan: 5m
  condition: {gte: 3}
---
title: Exactly two denied calls in an hour
id: 5b3f0a52-6c0e-4d1e-9a55-0f2a7f0d1c03
level: critical
correlation:
  type: event_count
  rules: [denied]
  group-by: [userIdentity.arn]
  timespan: 1h
  condition: {eq: 2}
`);

function denied(user: string, sec: number, id: string) {
  return {
    eventTime: new Date(Date.UTC(2026, 4, 4, 9, 0, sec)).toISOString(),
    eventName: 'ListUsers',
    eventSource: 'iam.amazonaws.com',
    eventID: id,
    awsRegion: 'us-east-1',
    recipientAccountId: '111122223333',
    sourceIPAddress: '192.0.2.9',
    errorCode: 'AccessDenied',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}` },
  };
}

function run(events: ReturnType<typeof denied>[], maxRemembered?: number, rules = RULES) {
  expect(rules.errors).toEqual([]);
  const pipeline = new DetectionPipeline(rules.rules, 'cloudtrail', { maxRemembered });
  const found = toEvents(cloudTrailFormat, events, 'test.json').flatMap((e) => pipeline.process(e));
  return { pipeline, found: [...found, ...pipeline.flush()] };
}

describe('the detection pipeline', () => {
  it('maps Sigma levels to finding severities', () => {
    expect(
      (['informational', 'low', 'medium', 'high', 'critical', undefined] as const).map(severityOfLevel),
    ).toEqual(['info', 'low', 'medium', 'high', 'critical', 'medium']);
  });

  it('describes correlation hits with the latest event of the group, under a stable finding id', () => {
    const events = [denied('eve', 0, 'a1'), denied('eve', 10, 'a2'), denied('eve', 20, 'a3')];
    const first = run(events).found.filter((f) => f.ext.check_title === 'Three denied calls');
    expect(first).toHaveLength(1);
    const hit = findingRecordSchema.parse(first[0]);
    expect(hit.com).toMatchObject({
      severity: 'high',
      reference: 'a3',
      actor: 'arn:aws:iam::111122223333:user/eve',
      source_ip: '192.0.2.9',
      account: '111122223333',
      time: '2026-05-04T09:00:20.000Z',
    });
    expect(hit.ext.correlation).toMatchObject({ count: 3, event_ids: ['a1', 'a2', 'a3'] });
    expect(hit.raw.last_event).toMatchObject({ eventID: 'a3' });
    expect(hit.com.description).toContain('3 events for userIdentity.arn=arn:aws:iam::111122223333:user/eve');
    // the same logs read again give the same finding id
    expect(run(events).found.find((f) => f.ext.check_title === 'Three denied calls')?.com.finding_id).toBe(
      hit.com.finding_id,
    );
  });

  it('judges windows still open at the end of input', () => {
    const { found, pipeline } = run([
      denied('ann', 0, 'b1'),
      denied('ann', 30, 'b2'),
      denied('ben', 40, 'b3'),
    ]);
    const exact = found.filter((f) => f.ext.check_title === 'Exactly two denied calls in an hour');
    expect(exact.map((f) => [f.com.severity, f.com.actor, f.com.reference])).toEqual([
      ['critical', 'arn:aws:iam::111122223333:user/ann', 'b2'],
    ]);
    expect(pipeline.byRule()).toEqual([
      expect.objectContaining({ title: 'Exactly two denied calls in an hour', count: 1, level: 'critical' }),
    ]);
    expect(pipeline.events).toBe(3);
  });

  it('describes a window closed later from its last event while remembered, from the source type once forgotten', () => {
    const events = [
      denied('ann', 0, 'c1'),
      denied('ann', 30, 'c2'),
      denied('ben', 40, 'c3'),
      denied('cat', 50, 'c4'),
    ];
    const exact = (maxRemembered?: number) =>
      run(events, maxRemembered).found.find(
        (f) => f.ext.check_title === 'Exactly two denied calls in an hour',
      );
    // c2 is still among the last events remembered
    expect(exact()?.com).toMatchObject({
      reference: 'c2',
      actor: 'arn:aws:iam::111122223333:user/ann',
      source_ip: '192.0.2.9',
      account: '111122223333',
    });
    // two later events pushed it out: the finding still names its event, but knows no more of it
    expect(exact(2)?.com).toMatchObject({ reference: 'c2', actor: null, source_ip: null, account: '' });
  });

  it('describes a correlation of correlations from the last event of the hits it counts', () => {
    const chained = loadRuleText(`title: Denied call
name: denied
id: 5b3f0a52-6c0e-4d1e-9a55-0f2a7f0d1c01
level: low
logsource: {product: aws, service: cloudtrail}
detection:
  s: {errorCode: AccessDenied}
  condition: s
---
title: Two denied calls
name: two_denied
id: 5b3f0a52-6c0e-4d1e-9a55-0f2a7f0d1c04
level: low
correlation:
  type: event_count
  rules: [denied]
  group-by: [userIdentity.arn]
  timespan: 5m
  condition: {gte: 2}
---
title: Two pairs of denied calls
id: 5b3f0a52-6c0e-4d1e-9a55-0f2a7f0d1c05
level: high
correlation:
  type: event_count
  rules: [two_denied]
  group-by: [userIdentity.arn]
  timespan: 10m
  condition: {gte: 2}
`);
    const events = [
      denied('eve', 0, 'd1'),
      denied('eve', 10, 'd2'),
      denied('bob', 15, 'd3'),
      denied('eve', 20, 'd4'),
      denied('eve', 30, 'd5'),
      denied('bob', 35, 'd6'),
    ];
    const pairs = run(events, undefined, chained).found.filter(
      (f) => f.ext.check_title === 'Two pairs of denied calls',
    );
    expect(pairs.map((f) => [f.com.reference, f.com.actor, f.com.source_ip])).toEqual([
      ['d5', 'arn:aws:iam::111122223333:user/eve', '192.0.2.9'],
    ]);
    expect(pairs[0]?.ext.correlation).toMatchObject({ event_ids: ['d1', 'd2', 'd4', 'd5'] });
  });

  it("matches and groups by a source's derived fields, quoting raw as the log holds it", () => {
    const rules = loadRuleText(`title: Accepted inside one VPC
name: inside
logsource: {product: aws, service: vpcflow}
detection:
  s: {action: ACCEPT, same_vpc_ipv6: true}
  condition: s
---
title: Two accepted flows inside one VPC
correlation:
  type: event_count
  rules: [inside]
  group-by: [same_vpc_ipv6]
  timespan: 5m
  condition: {gte: 2}
  generate: true
`);
    expect(rules.errors).toEqual([]);
    const flow = (src: string, sec: number) =>
      `2 111122223333 eni-0a1b2c3d4e5f60718 ${src} 2600:1f18:6d4:a100::15 50123 22 6 4 240 ${1777885200 + sec} ${1777885260 + sec} ACCEPT OK`;
    const events = toEvents(
      vpcFlowFormat(),
      [flow('2600:1f18:6d4:a1ff::20', 0), flow('2a02:cf40:1:2::9', 1), flow('2600:1f18:6d4:a1ff::21', 2)],
      'flows.log',
    );
    const inOrder = new DetectionPipeline(rules.rules, 'vpcflow');
    // as the parallel path does: the rules found elsewhere, the event handed over whole
    const handed = new DetectionPipeline(rules.rules, 'vpcflow');
    for (const [pipeline, found] of [
      [inOrder, events.flatMap((e) => inOrder.process(e))],
      [handed, events.flatMap((e) => handed.processMatched(e, handed.ruleSet.matchRules(ruleView(e))))],
    ] as const) {
      expect(found.map((f) => [f.ext.check_title, f.com.source_ip])).toEqual([
        ['Accepted inside one VPC', '2600:1f18:6d4:a1ff::20'],
        ['Accepted inside one VPC', '2600:1f18:6d4:a1ff::21'],
        ['Two accepted flows inside one VPC', '2600:1f18:6d4:a1ff::21'],
      ]);
      expect(found[2]?.ext.correlation).toMatchObject({ group: { same_vpc_ipv6: true } });
      expect(found[0]?.raw).not.toHaveProperty('same_vpc_ipv6');
      expect(found[2]?.raw.last_event).toEqual(events[2]?.raw);
      expect(found[2]?.raw.last_event).not.toHaveProperty('same_vpc_ipv6');
      expect(pipeline.events).toBe(3);
    }
  });
});
