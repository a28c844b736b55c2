/**
 * Our rule pack: every rule compiles, has tests beside it, fires on its `match` events and stays quiet
 * on its `nomatch` events. Events go through the real log format readers, so the rules are tested on
 * exactly what `cloudward detect` hands them.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDetectionRules } from '../../src/detect/detector.js';
import { validateRules } from '../../src/detect/sigma/validate.js';
import { RULES_DIR as DIR, fires, readTests, ruleFiles } from './pack-helpers.js';

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

describe.each(ruleFiles)('rule $file', ({ folder, file, testsFile }) => {
  const rule = loaded.rules.find((r) => r.meta.file === file);

  it('compiled and has a tests file with true and false cases', () => {
    expect(rule, 'rule did not load').toBeDefined();
    expect(existsSync(testsFile), `${testsFile} is missing`).toBe(true);
    const tests = readTests(testsFile)!;
    expect(tests.match.length).toBeGreaterThan(0);
    expect(tests.nomatch.length).toBeGreaterThan(0);
  });

  const tests = readTests(testsFile);
  if (!rule || !tests) return;

  it.each(tests.match.map((c, i) => ({ c, i })))('fires on match case $i', ({ c }) => {
    expect(fires(loaded.rules, rule, folder, c, testsFile)).toBe(true);
  });
  it.each(tests.nomatch.map((c, i) => ({ c, i })))('stays quiet on nomatch case $i', ({ c }) => {
    expect(fires(loaded.rules, rule, folder, c, testsFile)).toBe(false);
  });
});
