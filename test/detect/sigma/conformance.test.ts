/**
 * Conformance against the SigmaHQ cloud rules in ../shared/data (skipped when that folder is absent, as in
 * a user's clone): every rule loads without throwing, and every AWS CloudTrail, Azure Activity and GCP
 * Audit rule compiles. The SigmaHQ AWS rules also run over the labelled CloudTrail events as a smoke test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRuleDir } from '../../../src/detect/sigma/loader.js';
import { SOURCES, sourceFor, sourceKey } from '../../../src/detect/sigma/logsource.js';
import { Detector, RuleSet } from '../../../src/detect/sigma/ruleset.js';
import type { CompiledRule, RuleLoadError } from '../../../src/detect/sigma/types.js';
import { validateRules } from '../../../src/detect/sigma/validate.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const SIGMA = `${DATA}sigma`;
const PANTHER = `${DATA}logs/panther/panther_tests.jsonl`;
const present = existsSync(`${SIGMA}/rules`);
if (!present) console.log(`skipping SigmaHQ conformance: ${SIGMA}/rules not found`);

function logsourceKey(rule: CompiledRule | RuleLoadError, all: CompiledRule[]): string {
  if ('kind' in rule) {
    if (rule.kind === 'correlation') return 'correlation';
    return [rule.logsource.product, rule.logsource.service ?? rule.logsource.category].join('/');
  }
  const same = all.find((r) => r.meta.file === rule.file);
  return same ? logsourceKey(same, []) : (rule.product ?? 'unknown');
}

describe.skipIf(!present)('SigmaHQ conformance', () => {
  it('loads every rule under rules/ and compiles every AWS, Azure and GCP cloud rule', async () => {
    const { rules, errors } = await loadRuleDir(`${SIGMA}/rules`);
    const counts = new Map<string, { compiled: number; failed: number }>();
    for (const r of rules) {
      const k = logsourceKey(r, rules);
      const c = counts.get(k) ?? { compiled: 0, failed: 0 };
      c.compiled++;
      counts.set(k, c);
    }
    for (const e of errors) {
      const k = e.product ?? 'unknown';
      const c = counts.get(k) ?? { compiled: 0, failed: 0 };
      c.failed++;
      counts.set(k, c);
    }
    const table = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, c]) => `  ${k.padEnd(36)} ${c.compiled} compiled, ${c.failed} failed`);
    console.log(`SigmaHQ rules/: ${rules.length} compiled, ${errors.length} failed\n${table.join('\n')}`);
    for (const e of errors) console.log(`  not compiled: ${e.file}: ${e.title}: ${e.reason}`);

    const bySource = (key: string) =>
      rules.filter(
        (r) => r.kind === 'detection' && sourceFor(r.logsource) && sourceKey(sourceFor(r.logsource)!) === key,
      );
    expect(bySource(sourceKey(SOURCES.cloudtrail)).length).toBeGreaterThanOrEqual(57);
    expect(bySource(sourceKey(SOURCES.azureActivity)).length).toBeGreaterThanOrEqual(35);
    expect(bySource(sourceKey(SOURCES.gcpAudit)).length).toBeGreaterThanOrEqual(16);
    const cloudFailures = errors.filter((e) => /\/cloud\/(aws|azure|gcp)\//.test(e.file));
    expect(cloudFailures).toEqual([]);
  });

  it('loads the whole folder (deprecated and unsupported rules too) without throwing, with reasons', async () => {
    const report = await validateRules(SIGMA);
    console.log(
      `SigmaHQ folder: ${report.loaded} rules, ${report.compiled} compiled, ${report.failed} not compiled`,
    );
    for (const e of report.failures)
      console.log(`  not compiled: ${e.file.slice(SIGMA.length + 1)}: ${e.title}: ${e.reason}`);
    expect(report.loaded).toBeGreaterThanOrEqual(300);
    for (const e of report.failures) {
      expect(e.reason.length).toBeGreaterThan(0);
      expect(e.title).toBeTruthy();
    }
  });

  it.skipIf(!existsSync(PANTHER))(
    'runs the SigmaHQ AWS rules over the labelled CloudTrail events',
    async () => {
      const { rules } = await loadRuleDir(`${SIGMA}/rules/cloud/aws`);
      const lines = readFileSync(PANTHER, 'utf8').split('\n').filter(Boolean);
      const events = lines
        .map((l) => JSON.parse(l) as { log_types: string[]; log: unknown })
        .filter((c) => c.log_types.includes('AWS.CloudTrail'))
        .map((c) => c.log);
      const set = new RuleSet(rules, { source: SOURCES.cloudtrail });
      const detector = new Detector(rules, { source: SOURCES.cloudtrail });
      let matches = 0;
      for (const event of events) {
        const indexed = set.match(event).map((m) => m.rule.meta.id);
        expect(indexed).toEqual(set.matchAll(event).map((m) => m.rule.meta.id));
        matches += indexed.length;
        detector.process(event);
      }
      detector.flush();
      console.log(
        `${events.length} labelled CloudTrail events, ${set.detections.length} SigmaHQ AWS rules: ${matches} matches`,
      );
      expect(events.length).toBeGreaterThan(400);
      expect(matches).toBeGreaterThan(0);
    },
  );

  it.skipIf(!existsSync(PANTHER))(
    'runs the SigmaHQ Azure and GCP rules over the labelled Azure and GCP events',
    async () => {
      const { rules } = await loadRuleDir(`${SIGMA}/rules/cloud`);
      const cases = readFileSync(PANTHER, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { log_types: string[]; log: unknown });
      for (const [logType, source] of [
        ['Azure.MonitorActivity', SOURCES.azureActivity],
        ['GCP.AuditLog', SOURCES.gcpAudit],
      ] as const) {
        const events = cases.filter((c) => c.log_types.includes(logType)).map((c) => c.log);
        const set = new RuleSet(rules, { source });
        let matches = 0;
        for (const event of events) {
          const indexed = set.match(event).map((m) => m.rule.meta.id);
          expect(indexed).toEqual(set.matchAll(event).map((m) => m.rule.meta.id));
          matches += indexed.length;
        }
        console.log(
          `${events.length} labelled ${logType} events, ${set.detections.length} SigmaHQ rules: ${matches} matches`,
        );
        expect(events.length).toBeGreaterThan(100);
        expect(matches).toBeGreaterThan(0);
      }
    },
  );
});
