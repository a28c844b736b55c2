import { afterEach, describe, expect, it } from 'vitest';
import type { FindingRecord } from '../../src/core/record.js';
import { matchDetection } from '../../src/detect/detection-record.js';
import type { EventRecord } from '../../src/detect/event.js';
import { loadRuleText } from '../../src/detect/sigma/loader.js';
import type { CompiledRule } from '../../src/detect/sigma/types.js';
import type { DetectionStore } from '../../src/store/detections.js';
import type { Store } from '../../src/store/store.js';

/*
 * What every store's detections must do, whatever database is behind it. A store's contract
 * test file runs detectionsContract(name, factory, reopen): factory gives a new, empty store,
 * reopen a second handle on the same one.
 */

function rule(id: string, title: string, level: string): CompiledRule {
  const { rules, errors } = loadRuleText(
    `title: ${title}\nid: ${id}\nlevel: ${level}\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  s: {eventName: X}\n  condition: s\n`,
  );
  expect(errors).toEqual([]);
  return rules[0]!;
}

function event(id: string, time: string, actor: string | null, ip: string | null): EventRecord {
  return {
    raw: { eventID: id, eventName: 'X', eventTime: time },
    ext: { record_type: 'aws.cloudtrail.event', source: { file: 'f.json', line: 1, index: 0 } },
    com: {
      cloud_type: 'aws',
      record_type: 'event',
      account: '111122223333',
      region: 'us-east-1',
      time,
      actor,
      source_ip: ip,
      action: 'X',
      outcome: 'success',
      reference: id,
      service: 'ec2',
      origin_key: 'cloudtrail:test',
      origin_type: 'cloud',
    },
  };
}

const HIGH = rule('rule-high', 'High rule', 'high');
const LOW = rule('rule-low', 'Low rule', 'low');
const INFO = rule('rule-info', 'Info rule', 'informational');
export const ALICE = 'arn:aws:iam::111122223333:user/alice';

/** four detections of three rules, e1 (oldest) to e4 */
export const records: FindingRecord[] = [
  matchDetection(HIGH, event('e1', '2026-05-04T09:00:00Z', ALICE, '203.0.113.10')),
  matchDetection(HIGH, event('e2', '2026-05-04T10:00:00Z', 'bob', '203.0.113.11')),
  matchDetection(LOW, event('e3', '2026-05-04T11:00:00Z', ALICE, null)),
  matchDetection(INFO, event('e4', '2026-05-04T12:00:00Z', null, '198.51.100.1')),
];

export function detectionsContract(
  name: string,
  factory: () => Promise<Store>,
  reopen: (store: Store) => Promise<Store>,
): void {
  describe(`detections contract: ${name}`, () => {
    const opened: { close(): Promise<void> }[] = [];
    let main: Store;
    let store: DetectionStore;
    afterEach(async () => {
      for (const o of opened.splice(0).reverse()) await o.close();
    });
    const open = async (): Promise<DetectionStore> => {
      main = await factory();
      opened.push(main);
      const d = await main.openDetections();
      opened.push(d);
      return d;
    };

    it('adds detections once, by finding id', async () => {
      store = await open();
      expect(await store.addDetections(records)).toBe(4);
      expect(await store.addDetections(records.slice(0, 2))).toBe(0);
      expect(await store.addDetections([])).toBe(0);
      expect(await store.detections({ limit: 100, offset: 0 })).toHaveLength(4);
    });

    it('queries by time, rule, severity, actor and source IP, newest first, with paging', async () => {
      store = await open();
      await store.addDetections(records);
      const ids = async (q: Partial<Parameters<DetectionStore['detections']>[0]>) =>
        (await store.detections({ limit: 100, offset: 0, ...q })).map((r) => r.com.reference);
      expect(await ids({})).toEqual(['e4', 'e3', 'e2', 'e1']);
      expect(await ids({ since: '2026-05-04T10:00:00Z' })).toEqual(['e4', 'e3', 'e2']);
      expect(await ids({ until: new Date('2026-05-04T10:00:00Z') })).toEqual(['e1']);
      expect(await ids({ rule: 'rule-high' })).toEqual(['e2', 'e1']);
      expect(await ids({ severity: 'info' })).toEqual(['e4']);
      expect(await ids({ min_severity: 'low' })).toEqual(['e3', 'e2', 'e1']);
      expect(await ids({ actor: ALICE })).toEqual(['e3', 'e1']);
      expect(await ids({ source_ip: '203.0.113.11' })).toEqual(['e2']);
      expect(await ids({ limit: 2, offset: 1 })).toEqual(['e3', 'e2']);
      const [first] = await store.detections({ rule: 'rule-low', limit: 1, offset: 0 });
      expect(first).toEqual(records[2]);
    });

    it('counts detections by rule', async () => {
      store = await open();
      await store.addDetections(records);
      expect(await store.countByRule()).toEqual([
        {
          rule_id: 'rule-high',
          rule_title: 'High rule',
          severity: 'high',
          count: 2,
          last_time: '2026-05-04T10:00:00.000Z',
        },
        {
          rule_id: 'rule-info',
          rule_title: 'Info rule',
          severity: 'info',
          count: 1,
          last_time: '2026-05-04T12:00:00.000Z',
        },
        {
          rule_id: 'rule-low',
          rule_title: 'Low rule',
          severity: 'low',
          count: 1,
          last_time: '2026-05-04T11:00:00.000Z',
        },
      ]);
    });

    it('refuses records that are not detection findings, and bad queries, naming what is wrong', async () => {
      store = await open();
      const notDetection = { ...records[0]!, com: { ...records[0]!.com, origin_type: 'check' as const } };
      await expect(store.addDetections([notDetection])).rejects.toThrow(/is not a detection/);
      const broken = { ...records[0]!, com: { ...records[0]!.com, finding_id: 'x' } };
      await expect(store.addDetections([records[1]!, broken])).rejects.toThrow(/com\.finding_id/);
      // nothing of a refused batch is written
      expect(await store.detections({ limit: 10, offset: 0 })).toEqual([]);
      await expect(store.detections({ limit: -1, offset: 0 })).rejects.toThrow(/limit/);
      await expect(store.detections({ since: 'soon', limit: 1, offset: 0 })).rejects.toThrow(
        /since: "soon" is not a time/,
      );
    });

    it('keeps them in the store: another handle on it reads them, and the store itself is unchanged', async () => {
      store = await open();
      await store.addDetections(records);
      const other = await reopen(main);
      opened.push(other);
      const second = await other.openDetections();
      opened.push(second);
      expect(await second.detections({ limit: 10, offset: 0 })).toEqual([...records].reverse());
      expect(await second.addDetections(records)).toBe(0);
      expect(await main.listScans()).toEqual([]);
    });

    it('stores an event whose actor holds a NUL character, and returns its record exactly', async () => {
      store = await open();
      const odd = matchDetection(HIGH, event('e9', '2026-05-05T09:00:00Z', 'ev\u0000il', '203.0.113.9'));
      expect(await store.addDetections([odd])).toBe(1);
      expect(await store.detections({ limit: 1, offset: 0 })).toEqual([odd]);
    });

    it('refuses use after close with a clear error', async () => {
      store = await open();
      await store.close();
      await expect(store.detections({ limit: 1, offset: 0 })).rejects.toThrow(/closed/);
    });
  });
}
