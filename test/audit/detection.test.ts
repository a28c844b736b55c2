import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DetectionRecorder,
  detectionPipeline,
  readLog,
  statefulDetections,
} from '../../src/audit/detection.js';
import { createLogger } from '../../src/core/logger.js';
import type { FindingRecord } from '../../src/core/record.js';
import { IncidentTracker } from '../../src/detect/incidents.js';
import { openSource } from '../../src/detect/sources/index.js';
import { MemoryStateStore } from '../../src/detect/stateful/index.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { attackEvents, PRINCIPAL } from '../detect/attack-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'cw-detection-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logger = createLogger({ level: 'error' });

describe('the detection runner', () => {
  it('stores each batch and saves its incident before the batch is alerted on', async () => {
    const trail = join(dir, 'trail.json');
    writeFileSync(trail, JSON.stringify({ Records: attackEvents() }));
    const store = await openSqliteStore(join(dir, 'runner.db'));
    const detections = await store.openDetections();
    const incidentStore = await store.openIncidents();
    const { pipeline } = await detectionPipeline({ type: 'cloudtrail', dirs: [], logger });
    const seen: { stored: number; counted: number; batch: number }[] = [];
    const recorder = new DetectionRecorder({
      store: detections,
      incidents: new IncidentTracker(incidentStore, { source: 'trail' }),
      // what a watch checkpoint, or the outbox, may rely on when the alert step runs
      alert: async (found: FindingRecord[]) => {
        const stored = await detections.detections({ actor: PRINCIPAL, limit: 1000, offset: 0 });
        const page = await incidentStore.incidents({ principal: PRINCIPAL, limit: 10, offset: 0 });
        seen.push({ stored: stored.length, counted: page.items[0]?.detections ?? 0, batch: found.length });
      },
      batch: 1,
      everyMs: 0,
    });
    const source = openSource(
      { type: 'cloudtrail', path: trail },
      { name: 'trail', follow: false, onProblem: () => {} },
    );
    await readLog({
      source,
      name: 'trail',
      spec: { type: 'cloudtrail', path: trail },
      pipeline,
      stateful: statefulDetections('cloudtrail', new MemoryStateStore(), pipeline),
      signal: new AbortController().signal,
      onProblem: () => {},
      onFound: (found) => recorder.add(found),
    });
    await recorder.flush();
    expect(seen.length).toBeGreaterThan(1);
    let total = 0;
    for (const s of seen) {
      total += s.batch;
      // every detection alerted so far is stored and counted in the principal's incident
      expect(s.stored).toBe(total);
      expect(s.counted).toBe(total);
    }
    expect(recorder.stored).toBe(total);
    await detections.close();
    await incidentStore.close();
    await store.close();
  });

  it('runs the stateful detections for CloudTrail only', async () => {
    const flow = await detectionPipeline({ type: 'vpcflow', dirs: [], logger });
    expect(statefulDetections('vpcflow', new MemoryStateStore(), flow.pipeline)).toBeUndefined();
    const trail = await detectionPipeline({ type: 'cloudtrail', dirs: [], logger });
    expect(statefulDetections('cloudtrail', new MemoryStateStore(), trail.pipeline)).toBeDefined();
  });
});
