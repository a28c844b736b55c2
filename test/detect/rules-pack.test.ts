/**
 * Our rule pack: every rule compiles, has tests beside it, fires on its `match` events and stays quiet
 * on its `nomatch` events. Events go through the real log format readers, so the rules are tested on
 * exactly what `cloudward detect` hands them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingRecordSchema } from '../../src/core/record.js';
import { builtinRulesDir, DetectionPipeline, loadDetectionRules } from '../../src/detect/detector.js';
import { ruleKey } from '../../src/detect/sigma/types.js';
import { validateRules } from '../../src/detect/sigma/validate.js';
import {
  azureActivityFormat,
  cloudTrailFormat,
  gcpAuditFormat,
  type LogFormat,
  type SourceType,
  vpcFlowFormat,
} from '../../src/detect/sources/index.js';
import { type TestEvent, toEvents } from './pack-helpers.js';

const DIR = builtinRulesDir();
const FOLDERS: Record<string, { type: SourceType; format: LogFormat }> = {
  aws: { type: 'cloudtrail', format: cloudTrailFormat },
  azure: { type: 'azure_activity', format: azureActivityFormat },
  gcp: { type: 'gcp_audit', format: gcpAuditFormat },
  vpcflow: { type: 'vpcflow', format: vpcFlowFormat() },
};

/** A case: one event, or a sequence of events (correlations). */
type TestCase = TestEvent | TestEvent[];
interface RuleTests {
  match: TestCase[];
  nomatch: TestCase[];
}

const ruleFiles = Object.keys(FOLDERS).flatMap((folder) =>
  readdirSync(join(DIR, folder))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({ folder, file: join(DIR, folder, f) })),
);

const loaded = await loadDetectionRules();

describe('the rule pack', () => {
  it('loads without errors and covers every cloud', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.rules.length).toBe(ruleFiles.length);
    expect(ruleFiles.length).toBeGreaterThanOrEqual(30);
  });

  it('passes `rules validate` with no failure', async () => {
    const report = await validateRules(DIR);
    expect(report.failed).toBe(0);
    expect(report.compiled).toBe(ruleFiles.length);
  });

  it('gives every rule our own unique id, author, level and description', () => {
    const ids = new Set<string>();
    for (const rule of loaded.rules) {
      const m = rule.meta;
      expect(m.id, m.file).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.has(m.id!), `${m.file}: duplicate id`).toBe(false);
      ids.add(m.id!);
      expect(m.author, m.file).toBe('Cloudward');
      expect(m.level, m.file).toBeDefined();
      expect(m.description?.length ?? 0, m.file).toBeGreaterThan(40);
    }
  });

  it('has the classes issue 4 asks for', () => {
    const titles = loaded.rules.map((r) => r.meta.title.toLowerCase());
    for (const words of [
      'administrator policy',
      'administrators group',
      'to the internet',
      'route table',
      'gateway',
      'cloudtrail logging stopped',
      'cloudtrail configuration',
      'denied',
      'root account',
      'without mfa',
      'console sign-in failed',
      'kms key disabled',
      's3 bucket policy',
      'aws config',
      'network acl',
      'vpc created',
      'organizations',
      'repeated failed console',
      'burst of denied',
      'network security group',
      'activity log',
      'owner',
      'key vault',
      'gcp firewall',
      'gcp audit log',
      'gcp kms',
      'port scan',
      'sensitive port',
    ]) {
      expect(
        titles.some((t) => t.includes(words)),
        words,
      ).toBe(true);
    }
  });
});

describe.each(ruleFiles)('rule $file', ({ folder, file }) => {
  const { type, format } = FOLDERS[folder]!;
  const rule = loaded.rules.find((r) => r.meta.file === file);
  const testsFile = join(DIR, folder, `${basename(file, '.yml')}.tests.json`);

  it('compiled and has a tests file with true and false cases', () => {
    expect(rule, 'rule did not load').toBeDefined();
    expect(existsSync(testsFile), `${testsFile} is missing`).toBe(true);
    const tests = JSON.parse(readFileSync(testsFile, 'utf8')) as RuleTests;
    expect(tests.match.length).toBeGreaterThan(0);
    expect(tests.nomatch.length).toBeGreaterThan(0);
  });

  if (!rule || !existsSync(testsFile)) return;
  const tests = JSON.parse(readFileSync(testsFile, 'utf8')) as RuleTests;
  const id = ruleKey(rule.meta);

  /** Does the rule fire on this case, with the whole pack loaded as `detect` loads it? */
  const fires = (c: TestCase): boolean => {
    const events = toEvents(format, Array.isArray(c) ? c : [c], testsFile);
    if (rule.kind === 'detection' && !rule.standalone) {
      // a step of a correlation raises nothing itself: test its matcher
      return events.some((e) => rule.match(e.raw));
    }
    const pipeline = new DetectionPipeline(loaded.rules, type);
    const found = [...events.flatMap((e) => pipeline.process(e)), ...pipeline.flush()];
    for (const f of found) findingRecordSchema.parse(f);
    return found.some((f) => f.ext.check_id === id);
  };

  it.each(tests.match.map((c, i) => ({ c, i })))('fires on match case $i', ({ c }) => {
    expect(fires(c)).toBe(true);
  });
  it.each(tests.nomatch.map((c, i) => ({ c, i })))('stays quiet on nomatch case $i', ({ c }) => {
    expect(fires(c)).toBe(false);
  });
});
