import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkById } from '../../src/checks/index.js';
import type { FindingRecord } from '../../src/core/record.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from './fixtures.js';

/*
 * Item 12 of issue 9: a check's title states the requirement ("Root account has no access
 * keys"); shown beside a finding it must not read as the finding. Every place that lists a
 * finding says FAIL, COULD NOT EVALUATE or RESOLVED, and `findings show` says the requirement
 * is not met.
 */

const dir = tempDir('cw-verdict-');
const db = join(dir, 'cw.db');
const cli = (...args: string[]) => runCli(['--db', db, ...args]);
const ROOT_KEYS = 'aws.iam.root_account_has_no_access_keys';

describe('the verdict is unmistakable wherever a finding is shown', () => {
  let live: FindingRecord[];
  let errors: FindingRecord[];

  beforeAll(async () => {
    await cli('scan', '--demo', 'day1', '--quiet', '--no-progress');
    const r = await cli('scan', '--demo', 'day2', '--quiet', '--no-progress', '--format', 'json');
    const doc = JSON.parse(r.stdout) as { findings: FindingRecord[]; could_not_evaluate: FindingRecord[] };
    live = doc.findings;
    errors = doc.could_not_evaluate;
  });

  it('findings show: the first line is the verdict and what is wrong; the title is a requirement NOT MET', async () => {
    const f = live.find((x) => x.ext.check_id === ROOT_KEYS);
    expect(f).toBeDefined();
    const r = await cli('findings', 'show', f?.com.finding_id ?? '');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`FAIL: ${f?.com.description}`);
    const title = checkById(ROOT_KEYS)?.title ?? '';
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`requirement ${title}: NOT MET`);
    expect(r.stdout).toMatch(/^result +FAIL \(open\)$/m);
  });

  it('findings show of a result that could not be evaluated says so', async () => {
    const e = errors[0];
    expect(e).toBeDefined();
    const r = await cli('findings', 'show', e?.com.finding_id ?? '');
    expect(r.stdout.split('\n')[0]).toMatch(/^COULD NOT EVALUATE: /);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('NOT EVALUATED: its data could not be read');
  });

  it('findings list names the verdict on every row', async () => {
    const r = await cli('findings', 'list', '--state', 'all', '--limit', '1000');
    const rows = r.stdout.split('\n').filter((l) => /^[0-9a-f]{8} /.test(l));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(row).toMatch(/^[0-9a-f]{8} +\S+ +(FAIL|COULD NOT|RESOLVED)\b/);
    expect(r.stdout).toMatch(/\d+ finding\(s\): \d+ failing, \d+ could not evaluate, \d+ resolved/);
  });

  it('findings list cut at --limit says it is the first part, never a total', async () => {
    const all = await cli('findings', 'list', '--limit', '100000');
    const total = Number(/^(\d+) finding\(s\): /m.exec(all.stdout)?.[1]);
    expect(total).toBeGreaterThan(200);
    // the default limit (200) is smaller than the demo's live findings
    const r = await cli('findings', 'list');
    const summary = r.stdout.replace(/\n {2}/g, ' ');
    expect(summary).not.toMatch(/^200 finding\(s\)/m);
    expect(summary).toMatch(
      /^the first 200 findings \(\d+ failing, \d+ could not evaluate, 0 resolved\); more match: raise --limit/m,
    );
    // machine formats keep stdout clean and say it on stderr
    const j = await cli('findings', 'list', '--format', 'jsonl', '--limit', '5');
    expect(j.stdout.trim().split('\n')).toHaveLength(5);
    expect(j.stderr).toContain('only the first 5 findings written: more match (raise --limit)');
    const whole = await cli('findings', 'list', '--format', 'jsonl', '--limit', String(total));
    expect(whole.stdout.trim().split('\n')).toHaveLength(total);
    expect(whole.stderr).not.toContain('raise --limit');
  });

  it('history and diff name the verdict of each finding', async () => {
    const h = await cli('history', 'root');
    expect(h.stdout).toMatch(/^ {2}FAIL open \[\w+\] aws\.iam\.root_account_has_no_access_keys: /m);
    const d = await cli('diff');
    expect(d.stdout).toMatch(/^ {2}\+ FAIL \[\w+\] /m);
  });
});
