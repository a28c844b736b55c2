/**
 * Noise budget: on a generated day of ordinary administrative and application activity (bench/lib/benign-day.mjs,
 * smaller than the benchmark's), the whole pack raises no more detections per 1,000 events, per severity, than the
 * budget in bench/detect-noise-budget.json (stated in docs/detection.md). `node bench/detect-noise.mjs` measures the
 * full day and Panther's labelled benign cases.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benignDay } from '../../bench/lib/benign-day.mjs';
import { packagePath } from '../../src/core/package-root.js';
import { DetectionPipeline, loadDetectionRules } from '../../src/detect/detector.js';
import { cloudTrailFormat } from '../../src/detect/sources/index.js';
import { ProblemLog } from '../../src/detect/sources/source.js';

const budget = JSON.parse(readFileSync(packagePath('bench', 'detect-noise-budget.json'), 'utf8')) as {
  generated_day: Record<string, number>;
};

describe('noise on a generated day of benign activity', async () => {
  const { rules } = await loadDetectionRules();
  const day = benignDay({ events: 6_000, seed: 7 });
  const log = new ProblemLog();
  const ctx = { file: 'benign-day', origin: 'test', log };
  const pipeline = new DetectionPipeline(rules, 'cloudtrail');
  const found = day.flatMap((e, i) =>
    cloudTrailFormat
      .readMessage(JSON.stringify(e), ctx, { line: i + 1 })
      .flatMap((ev) => pipeline.process(ev)),
  );
  found.push(...pipeline.flush());

  it('reads every generated event as a real CloudTrail event', () => {
    expect(log.problems).toEqual([]);
    expect(pipeline.events).toBe(day.length);
  });

  it('stays under the budget for every severity', () => {
    const per1000 = (severity: string) =>
      (found.filter((f) => f.com.severity === severity).length * 1000) / pipeline.events;
    const byRule = found.map((f) => `${f.com.severity} ${f.ext.check_title}`);
    for (const [severity, limit] of Object.entries(budget.generated_day)) {
      expect(per1000(severity), `${severity}: ${byRule.join('; ')}`).toBeLessThanOrEqual(limit);
    }
  });

  it('is generated the same for a seed, in time order', () => {
    const again = benignDay({ events: 6_000, seed: 7 });
    expect(again).toEqual(day);
    const times = day.map((e) => String(e.eventTime));
    expect([...times].sort()).toEqual(times);
  });
});
