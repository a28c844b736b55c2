import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFrameworks } from '../../src/frameworks/framework.js';
import type { COMPLIANCE_CSV_COLUMNS } from '../../src/output/compliance-report.js';
import { runCli } from '../helpers/run-cli.js';

type Row = Record<(typeof COMPLIANCE_CSV_COLUMNS)[number], string>;

/** The frameworks an auditor asks for beside the two CIS versions that came first. */
const NEW_FRAMEWORKS = [
  'cis-aws-1.4',
  'cis-aws-1.5',
  'cis-aws-2.0',
  'cis-aws-3.0',
  'cis-aws-4.0',
  'cis-aws-6.0',
  'nist-800-53-r5',
  'pci-dss-4.0',
  'iso-27001-2022',
];

describe('compliance reports of the bundled frameworks, over the demo estate', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudward-fw-reports-'));
    db = join(dir, 'cw.db');
    const scan = await runCli(['--db', db, '-q', 'scan', '--demo', '--no-progress', '--no-notify']);
    expect(scan.code, scan.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every framework with its requirement and manual counts, in the terminal width', async () => {
    const r = await runCli(['frameworks', 'list'], { COLUMNS: '80' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FRAMEWORK +REQUIREMENTS +MANUAL +NAME$/m);
    for (const fw of loadFrameworks()) {
      const manual = fw.requirements.filter((q) => q.manual).length;
      expect(r.stdout).toMatch(
        new RegExp(`^${fw.id.replace(/\./g, '\\.')}\\s+${fw.requirements.length}\\s+${manual}\\s`, 'm'),
      );
    }
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('frameworks show fits 80 columns: header, section titles and totals wrap', async () => {
    const r = await runCli(['--db', db, 'frameworks', 'show', 'cis-aws-7.0'], { COLUMNS: '80' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.replace(/\n {2}/g, ' ')).toMatch(
      /\d+ pass, \d+ fail, \d+ could not evaluate, .*; coverage \d+%/,
    );
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  for (const id of NEW_FRAMEWORKS) {
    it(`${id}: the CSV has a row per requirement and section, with the demo's passes and failures`, async () => {
      const fw = loadFrameworks().find((f) => f.id === id);
      if (!fw) throw new Error(`${id} is not bundled`);
      const r = await runCli(['--db', db, '-q', 'report', '--format', 'compliance-csv', '--framework', id]);
      expect(r.code, r.stderr).toBe(0);
      const rows = parseCsv(r.stdout, { columns: true }) as Row[];
      expect(new Set(rows.map((x) => x.framework))).toEqual(new Set([id]));
      const reqs = rows.filter((x) => x.level === 'requirement');
      expect(reqs.map((x) => x.requirement)).toEqual(
        fw.sections.flatMap((s) => fw.requirements.filter((q) => q.section === s.id).map((q) => q.id)),
      );
      // the demo's neglected account fails most requirements; the well-kept one passes checks
      expect(reqs.some((x) => x.status === 'fail')).toBe(true);
      expect(reqs.some((x) => Number(x.results_pass) > 0)).toBe(true);
      const total = rows.find((x) => x.level === 'framework');
      expect(total?.framework_version).toBe(fw.version);
      expect(Number(total?.coverage_percent)).toBeGreaterThan(0);
    });

    it(`${id}: the HTML report renders every requirement`, async () => {
      const r = await runCli(['--db', db, '-q', 'report', '--format', 'compliance-html', '--framework', id]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
      const fw = loadFrameworks().find((f) => f.id === id);
      // each requirement is a table row: its id, then its title (the totals rows hold numbers)
      const ids = [...r.stdout.matchAll(/<tr><td>([^<]+)<\/td><td>[A-Za-z]/g)].map((m) => m[1]);
      expect(ids.sort()).toEqual((fw?.requirements ?? []).map((q) => q.id).sort());
    });
  }
});
