import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FindingRecord } from '../../src/core/record.js';
import { matchDetection } from '../../src/detect/detection-record.js';
import type { EventRecord } from '../../src/detect/event.js';
import { loadRuleText } from '../../src/detect/sigma/loader.js';
import type { CompiledRule } from '../../src/detect/sigma/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { type DetectionStore, openDetectionStore } from '../../src/store/sqlite-detections.js';

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
const ALICE = 'arn:aws:iam::111122223333:user/alice';

const records: FindingRecord[] = [
  matchDetection(HIGH, event('e1', '2026-05-04T09:00:00Z', ALICE, '203.0.113.10')),
  matchDetection(HIGH, event('e2', '2026-05-04T10:00:00Z', 'bob', '203.0.113.11')),
  matchDetection(LOW, event('e3', '2026-05-04T11:00:00Z', ALICE, null)),
  matchDetection(INFO, event('e4', '2026-05-04T12:00:00Z', null, '198.51.100.1')),
];

let store: DetectionStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('detections in a SQLite file (the behaviour of every store: test/store/detections-contract.ts)', () => {
  it('shares the file of the SQLite store, survives reopening, and refuses foreign files untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-detections-'));
    const path = join(dir, 'cloudward.db');
    const main = await openSqliteStore(path);
    store = openDetectionStore(path);
    await store.addDetections(records);
    await store.close();
    store = openDetectionStore(path);
    expect(await store.detections({ limit: 10, offset: 0 })).toHaveLength(4);
    expect(await main.listScans()).toEqual([]);
    await main.close();

    const foreign = join(dir, 'notes.txt');
    writeFileSync(foreign, 'not a database at all, just some text that is long enough to have a header');
    expect(() => openDetectionStore(foreign)).toThrow(/not a SQLite database/);
    expect(() => openDetectionStore('  ')).toThrow(/empty/);
  });
});
