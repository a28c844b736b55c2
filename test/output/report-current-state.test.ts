import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingRecord } from '../../src/core/record.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { ScanSummary } from '../../src/store/store.js';
import { runCli } from '../helpers/run-cli.js';
import { recheckClosedBastion, scanDemo, tempDir } from '../server/helpers.js';

/*
 * After `watch` re-checks one resource, `report` describes the estate (the latest full scan with
 * the re-check applied), in every format, never the re-check's handful of resources.
 */

const dir = tempDir('cw-report-current-');
const db = join(dir, 'cw.db');
let full: ScanSummary;
let recheckId: string;
let bastionFailures: number;
const BASTION_SSH = 'bastion inbound tcp:22 from 0.0.0.0/0';

beforeAll(async () => {
  await scanDemo(db);
  const store = await openSqliteStore(db);
  full = (await store.lastScan('demo'))!;
  // results, not findings: checks that share one exposure finding each keep their own result
  bastionFailures = (await store.results(full.id)).filter(
    (r) => r.reference.includes('sg-0de00000000000001') && r.status === 'fail',
  ).length;
  await store.close();
  recheckId = (await recheckClosedBastion(db)).scan.id;
}, 90_000);

afterAll(() => undefined);

type Json = { scan: ScanSummary } & Record<'findings' | 'could_not_evaluate' | 'resolved', FindingRecord[]>;

async function json(args: string[]): Promise<Json & { all: FindingRecord[] }> {
  const r = await runCli(['--db', db, 'report', '--format', 'json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as Json;
  return { ...out, all: [...out.findings, ...out.could_not_evaluate, ...out.resolved] };
}

describe('report after a re-check', () => {
  it('describes the full scan with the re-check applied, by default and for the audit', async () => {
    for (const args of [[], ['--audit', 'demo']]) {
      const { scan, findings, resolved } = await json(args);
      expect(scan.id).toBe(full.id);
      expect(scan.counts.resources).toBe(full.counts.resources);
      expect(scan.rechecks?.scan_ids).toEqual([recheckId]);
      expect(resolved.filter((f) => f.com.name === BASTION_SSH).length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.com.name === BASTION_SSH)).toEqual([]);
      // the other findings of the full scan are all there
      expect(findings.length).toBeGreaterThan(50);
    }
  });

  it('counts the merged results: the rule open to the internet is gone, with its failures', async () => {
    const { scan, resolved: gone } = await json([]);
    expect(gone.filter((f) => f.com.name === BASTION_SSH).length).toBeGreaterThan(0);
    expect(bastionFailures).toBeGreaterThan(0);
    expect(scan.counts.results.fail).toBe(full.counts.results.fail - bastionFailures);
    expect(scan.counts.results.pass).toBeGreaterThanOrEqual(full.counts.results.pass);
    expect(scan.counts.results.error).toBe(full.counts.results.error);
  });

  it('gives the same scan in the other formats', async () => {
    const sarif = await runCli(['--db', db, 'report', '--format', 'sarif']);
    const run = (JSON.parse(sarif.stdout) as { runs: { automationDetails: { id: string } }[] }).runs[0];
    expect(run?.automationDetails.id).toBe(`demo/${full.id}`);
    const junit = await runCli(['--db', db, 'report', '--format', 'junit']);
    expect(junit.stdout).toContain(`scan ${full.id} (demo)`);
    const html = await runCli(['--db', db, 'report', '--format', 'html']);
    expect(html.stdout).toContain(`"id":"${full.id}"`);
    expect(html.stdout).toContain('"rechecks":{"count":1');
  });

  it('still reports the re-check alone when asked for it by id', async () => {
    const { scan, all } = await json(['--scan', recheckId]);
    expect(scan.id).toBe(recheckId);
    expect(scan.counts.resources).toBeLessThan(10);
    expect(all.every((f) => f.com.reference.includes('sg-0de00000000000001'))).toBe(true);
  });
});
