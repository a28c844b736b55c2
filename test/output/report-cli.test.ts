import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { registerReportCommand } from '../../src/cli/report.js';
import type { FindingRecord } from '../../src/core/record.js';
import { validateAsffFinding } from '../../src/output/asff.js';
import { FORMATS } from '../../src/output/formats.js';
import { loadStoredScan, resolveScan } from '../../src/output/load-scan.js';
import { REPORT_FORMATS } from '../../src/output/render.js';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/run-cli.js';

/** `cloudward report ...` through the real program, with the report command registered as the integrator will. */
async function report(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  });
  try {
    const program = buildProgram();
    // main.ts may already have it wired (the integrator's change); register it only once
    if (!program.commands.some((c) => c.name() === 'report')) registerReportCommand(program);
    for (const c of program.commands) c.exitOverride();
    await program.parseAsync(['node', 'cloudward', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const er = e as Error & { exitCode?: number };
    return {
      code: er.name === 'UserError' ? 2 : (er.exitCode ?? 3),
      stdout,
      stderr: `${stderr}${er.message}`,
    };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('report command and scan --format', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudward-report-'));
    db = join(dir, 'cw.db');
    expect((await runCli(['--db', db, '-q', 'scan', '--demo', '--no-progress'])).code).toBe(0);
    expect((await runCli(['--db', db, '-q', 'scan', '--demo', 'day2', '--no-progress'])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scan --format offers the table and every report format', () => {
    expect([...FORMATS].sort()).toEqual(['table', ...REPORT_FORMATS].sort());
  });

  it('writes every format from the last scan, each readable by its parser', async () => {
    for (const format of REPORT_FORMATS) {
      const file = join(dir, `last.${format}`);
      const r = await report(['--db', db, '-q', 'report', '--format', format, '--output', file]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      const text = readFileSync(file, 'utf8');
      switch (format) {
        case 'html':
        case 'compliance-html':
          expect(text.startsWith('<!doctype html>')).toBe(true);
          break;
        case 'json':
          expect((JSON.parse(text) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
          break;
        case 'jsonl':
          expect(
            text
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l) as unknown).length,
          ).toBeGreaterThan(0);
          break;
        case 'csv':
        case 'compliance-csv':
          expect((parseCsv(text, { columns: true }) as unknown[]).length).toBeGreaterThan(0);
          break;
        case 'junit':
          expect(XMLValidator.validate(text)).toBe(true);
          break;
        case 'sarif':
          expect((JSON.parse(text) as { version: string }).version).toBe('2.1.0');
          break;
        case 'ocsf':
          expect((JSON.parse(text) as unknown[]).length).toBeGreaterThan(0);
          break;
        case 'asff':
          for (const f of JSON.parse(text) as unknown[]) expect(validateAsffFinding(f)).toEqual([]);
          break;
      }
    }
  });

  it('the written-to line counts failures apart from results that could not be evaluated', async () => {
    const file = join(dir, 'counted.json');
    const r = await report(['--db', db, 'report', '--format', 'json', '--output', file]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      findings: unknown[];
      could_not_evaluate: unknown[];
      resolved: unknown[];
    };
    expect(doc.could_not_evaluate.length).toBeGreaterThan(0);
    expect(r.stderr).toContain(
      `(${doc.findings.length} failing, ${doc.could_not_evaluate.length} could not evaluate, ${doc.resolved.length} resolved) written to ${file}`,
    );
  });

  it('reports an older scan with the states it had then, the latest with current states', async () => {
    const store = await openStore({ type: 'sqlite', path: db });
    try {
      const scans = await store.listScans({ audit_key: 'demo' });
      expect(scans).toHaveLength(2);
      const [day2, day1] = scans;
      const r1 = await report(['--db', db, '-q', 'report', '--scan', day1!.id, '--format', 'json']);
      const old = JSON.parse(r1.stdout) as {
        scan: { id: string };
        findings: FindingRecord[];
        could_not_evaluate: FindingRecord[];
      };
      expect(old.scan.id).toBe(day1!.id);
      const live = [...old.findings, ...old.could_not_evaluate];
      expect(live.length).toBe(day1!.counts.findings.new);
      expect(new Set(live.map((f) => f.com.state))).toEqual(new Set(['new']));
      const latest = await loadStoredScan(store, await resolveScan(store, { auditKey: 'demo' }));
      expect(latest.scan.id).toBe(day2!.id);
      const states = latest.findings.map((f) => f.com.state);
      for (const [s, n] of Object.entries(day2!.counts.findings))
        expect(states.filter((x) => x === s)).toHaveLength(n);
      expect(latest.warnings).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('restricts the compliance report to --framework and refuses unknown frameworks', async () => {
    const ok = await report([
      '--db',
      db,
      '-q',
      'report',
      '--format',
      'compliance-csv',
      '--framework',
      'cloudward-baseline-1.0',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('cloudward-baseline-1.0,1.0,framework');
    const bad = await report([
      '--db',
      db,
      '-q',
      'report',
      '--format',
      'compliance-csv',
      '--framework',
      'cis-nope-9',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown framework "cis-nope-9"');
  });

  it('says clearly when the scan or audit does not exist, or the store has no scan', async () => {
    const noScan = await report(['--db', db, 'report', '--scan', '20990101T000000000Z']);
    expect(noScan.code).toBe(2);
    expect(noScan.stderr).toContain('no scan with id "20990101T000000000Z"');
    const noAudit = await report(['--db', db, 'report', '--audit', 'nightly']);
    expect(noAudit.code).toBe(2);
    expect(noAudit.stderr).toContain('audit "nightly" has no complete scan');
    // a read command never creates a store at a mistyped path
    const missing = await runCli(['--db', join(dir, 'empty.db'), 'report']);
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toContain(`store ${join(dir, 'empty.db')}: no store here`);
    expect(existsSync(join(dir, 'empty.db'))).toBe(false);
    const badFormat = await report(['--db', db, 'report', '--format', 'pdf']);
    expect(badFormat.code).not.toBe(0);
  });

  it('scan --format sarif / ocsf / junit write the scan just run', async () => {
    const sarif = join(dir, 'scan.sarif');
    const r = await runCli([
      '--db',
      db,
      '-q',
      'scan',
      '--demo',
      'day3',
      '--no-progress',
      '--format',
      'sarif',
      '--output',
      sarif,
    ]);
    expect(r.code).toBe(0);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: unknown[] }[] };
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    const junit = await runCli(['--db', db, '-q', 'scan', '--demo', '--no-progress', '--format', 'junit']);
    expect(XMLValidator.validate(junit.stdout)).toBe(true);
    const asff = await runCli(['--db', db, 'scan', '--demo', '--no-progress', '--format', 'asff']);
    expect(asff.stderr).toContain('left out');
  });
});
