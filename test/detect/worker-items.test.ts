import { describe, expect, it } from 'vitest';
import { loadDetectionRules, SOURCE_IDS } from '../../src/detect/detector.js';
import { RuleSet } from '../../src/detect/sigma/ruleset.js';
import { partialRecord } from '../../src/detect/worker-items.js';

type Obj = Record<string, unknown>;

const events: Obj[] = [
  {
    eventName: 'ListBuckets',
    eventSource: 's3.amazonaws.com',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.9',
    userIdentity: { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/r/s', sessionContext: { a: 1 } },
    requestParameters: { bucketName: 'b', key: 'k', instanceId: ['i-1', 'i-2'], name: { nested: true } },
  },
  // a literal dotted key, arrays on the way, missing members, a member named __proto__
  {
    eventName: 'GetParameters',
    'userIdentity.arn': 'arn:aws:iam::1:user/dotted',
    userIdentity: [{ arn: 'arn:aws:iam::1:user/in-array' }],
    requestParameters: JSON.parse('{"__proto__": {"x": 1}, "names": ["a", "b"]}') as Obj,
  },
  { eventName: 'StartSession', requestParameters: null, userIdentity: { arn: null } },
];

describe('partialRecord', () => {
  it('answers every field the correlations read exactly as the whole record does', async () => {
    const loaded = await loadDetectionRules();
    const rules = new RuleSet(loaded.rules, { source: SOURCE_IDS.cloudtrail });
    const fields = [
      ...new Set(rules.correlations.flatMap((c) => [...c.groupBy, ...c.valueFields])),
      'requestParameters.name',
      'requestParameters',
    ];
    const rule = rules.detections[0];
    if (!rule) throw new Error('no rules');
    for (const raw of events) {
      const view = partialRecord(raw, (probe) => fields.map((f) => rule.resolveField(probe, f)));
      expect(view).toBeDefined();
      // what crosses to the main thread is JSON
      const sent = JSON.parse(JSON.stringify(view)) as Obj;
      for (const f of fields) expect(rule.resolveField(sent, f)).toEqual(rule.resolveField(raw, f));
      expect(JSON.stringify(sent).length).toBeLessThanOrEqual(JSON.stringify(raw).length);
    }
  });

  it('keeps only the members read, nested as deep as the reading went', () => {
    const raw = events[0] as Obj;
    const view = partialRecord(raw, (probe) => [((probe.userIdentity as Obj).arn as string).length]);
    expect(view).toEqual({ userIdentity: { arn: 'arn:aws:sts::1:assumed-role/r/s' } });
  });

  it('gives a member whole when the reading got it back, and nothing when it listed the keys', () => {
    const raw = events[0] as Obj;
    expect(partialRecord(raw, (probe) => [probe.requestParameters])).toEqual({
      requestParameters: raw.requestParameters,
    });
    expect(partialRecord(raw, (probe) => [Object.keys(probe)])).toBeUndefined();
  });
});
