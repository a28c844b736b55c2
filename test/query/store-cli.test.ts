import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../server/helpers.js';
import { writeKnownStore } from '../store/query-contract.js';

/* `cloudward query` over the store: output formats, the width of a table, saved queries. */

let db: string;
const q = (...args: string[]) => runCli(['--db', db, 'query', ...args]);

beforeAll(async () => {
  db = join(tempDir('cw-query-cli-'), 'cw.db');
  const store = await openSqliteStore(db);
  await writeKnownStore(store);
  await store.close();
});

describe('cloudward query over the store', () => {
  it('answers a query as a table, JSON or CSV', async () => {
    const sql = 'SELECT resource_name, severity, compliance FROM findings ORDER BY resource_name';
    const table = await q(sql);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/resource_name\s+│\s+severity/);
    expect(table.stdout).toMatch(/3 rows\n$/);
    const json = await q('--format', 'json', sql);
    expect(JSON.parse(json.stdout)[0]).toEqual({
      resource_name: 'bucket-a',
      severity: 'critical',
      compliance: ['cis-aws-7.0:2.1.4'],
    });
    const csv = await q('--format', 'csv', sql);
    expect(parse(csv.stdout, { columns: true })[2]).toEqual({
      resource_name: 'bucket-d',
      severity: 'medium',
      compliance: '["cis-aws-7.0:2.1.4"]',
    });
  });

  it('fits a table of long cells to the terminal width, the full values staying in JSON', async () => {
    const sql = 'SELECT reference, description, recommendation, record FROM findings';
    for (const columns of ['80', '120']) {
      const r = await runCli(['--db', db, 'query', sql], { COLUMNS: columns });
      expect(r.code).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(Number(columns));
      expect(r.stdout).toContain('…');
      expect(r.stdout).toMatch(/cells cut to fit: --format json or csv shows them whole/);
    }
    const json = await q('--format', 'json', sql);
    expect(JSON.parse(json.stdout)[0].record.com.recommendation).toBe('Turn on S3 Block Public Access.');
  });

  it('runs a store sample with its parameters and lists every sample', async () => {
    const r = await q('--sample', 'new-findings-since', '--param', 'since=2026-11-23', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((x: { resource_name: string }) => x.resource_name)).toEqual(['bucket-d']);
    const list = await q('--samples');
    expect(list.stdout).toMatch(
      /Over the store[\s\S]*resources-changed-since[\s\S]*Over activity logs[\s\S]*console-sign-ins/,
    );
    const wrong = await q('--sample', 'console-sign-ins');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /reads activity logs: give --cloudtrail PATH \(or --azure-activity, --gcp-audit, --entra-id\) or --copy DIR/,
    );
  });

  it('refuses a write with exit 2, shows an engine error with its position', async () => {
    const write = await q('DELETE FROM findings');
    expect(write.code).toBe(2);
    expect(write.stderr).toMatch(/queries are read-only: DELETE is not allowed/);
    const bad = await q('SELECT actr FROM findings');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no such column: actr');
    expect(bad.stderr).toContain('LINE 1: SELECT actr FROM findings');
  });

  it('saves, runs, lists and deletes a shared query', async () => {
    const save = await q(
      'save',
      'critical-findings',
      'SELECT resource_name FROM findings WHERE severity = $sev',
      '--description',
      'the worst',
    );
    expect(save.code).toBe(0);
    const run = await q('run', 'critical-findings', '--param', 'sev=critical', '--format', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ resource_name: 'bucket-a' }]);
    const list = await q('list', '--format', 'json');
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'critical-findings', description: 'the worst' }),
    ]);
    expect((await q('delete', 'critical-findings')).code).toBe(0);
    const gone = await q('run', 'critical-findings');
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/no saved query named critical-findings/);
    const refused = await q('save', 'wipe', 'DELETE FROM findings');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not saved: queries are read-only/);
  });

  it('lists the tables and their columns', async () => {
    const r = await q('tables');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^findings: /m);
    expect(r.stdout).toMatch(/^\s+mute_expires_at\s+text/m);
  });
});

describe('docs/query.md', () => {
  it('documents every query table and column', async () => {
    const { readFileSync } = await import('node:fs');
    const { packagePath } = await import('../../src/core/package-root.js');
    const { QUERY_TABLES } = await import('../../src/store/index.js');
    const doc = readFileSync(packagePath('docs', 'query.md'), 'utf8');
    for (const t of QUERY_TABLES) {
      const section = doc.split(`#### \`${t.name}\``)[1]?.split('####')[0] ?? '';
      expect(section, t.name).not.toBe('');
      for (const c of t.columns)
        expect(section, `${t.name}.${c.name}`).toContain(`| \`${c.name}\` | ${c.type} |`);
    }
  });
});
