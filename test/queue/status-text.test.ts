import { describe, expect, it } from 'vitest';
import { clearedLines, statusLines } from '../../src/cli/queue.js';
import { sanitizeInline } from '../../src/core/terminal-text.js';
import { visibleWidth } from '../../src/output/text-layout.js';
import type { ScaleStatusRow } from '../../src/store/scale-out.js';

/*
 * What `queue status` and `queue clear` print for people fits the terminal's width, and what the
 * store holds (reasons quoting a cloud's error, names, ids) reaches the terminal on its line,
 * without control sequences.
 */

const SCAN = '20261206T200431123Z';
const REASON =
  'failed on a worker: AccessDenied: User arn:aws:iam::111122223333:role/CloudwardAudit is not authorized\n\u001b[2J\u001b]0;pwned\u0007to perform ec2:DescribeSecurityGroups';

const row = (o: Partial<ScaleStatusRow> = {}): ScaleStatusRow => ({
  scan_id: SCAN,
  audit_key: 'org-nightly',
  account: '111122223333',
  waiting: 12,
  running: 3,
  done: 140,
  retried: 2,
  failed: 1,
  abandoned: 0,
  finished: false,
  abandoned_reason: null,
  ...o,
});

function expectFits(lines: readonly string[], width: number): void {
  for (const l of lines) expect(visibleWidth(l), l).toBeLessThanOrEqual(width);
  // no escape, no bell, no line break inside a line: the fields were put on one line, cleaned
  for (const l of lines) expect(sanitizeInline(l)).toBe(l);
}

/** The text without its white space: what the lines say, wherever they were broken. */
const squashed = (text: string | readonly string[]) =>
  (typeof text === 'string' ? text : text.join('')).replace(/\s+/g, '');

/** Every phrase is said by the lines, wherever they were broken. */
function expectSays(lines: readonly string[], ...phrases: string[]): void {
  for (const p of phrases) expect(squashed(lines)).toContain(squashed(p));
}

describe('queue status text', () => {
  const units = [
    row({ account: '111122223333' }),
    row({ account: '444455556666', waiting: 0, running: 0, done: 7, retried: 0, failed: 0 }),
    row({ scan_id: 'older', abandoned_reason: REASON, waiting: 0, running: 0, abandoned: 40 }),
    row({ scan_id: 'older', account: '777788889999', abandoned_reason: REASON, abandoned: 9 }),
  ];
  const counts = { waiting: 12, active: 3, delayed: 1, failed: 1, completed: 147 };
  const workers = [
    'ip-10-0-3-17.eu-west-1.compute.internal:48213',
    'ip-10-0-3-18.eu-west-1.compute.internal:1207',
  ];

  for (const width of [40, 60, 80, 120]) {
    it(`fits ${width} columns, the abandoned scan said once with its reason`, () => {
      const lines = statusLines(counts, workers, units, width);
      expectFits(lines, width);
      expectSays(
        lines,
        `workers alive: 2 (${workers.join(', ')})`,
        'jobs: 12 waiting, 3 running, 1 delayed, 1 failed',
        `org-nightly scan ${SCAN} account 111122223333: 12 waiting, 3 running, 140 done, 1 failed, 2 retried`,
        'org-nightly scan older (abandoned) account 777788889999:',
        'org-nightly scan older abandoned: failed on a worker: AccessDenied: User arn:aws:iam::111122223333:role/CloudwardAudit is not authorized',
        'to perform ec2:DescribeSecurityGroups',
      );
      expect(squashed(lines).match(/abandoned:/g)).toHaveLength(1);
      expect(lines.join('\n')).not.toContain('pwned\u0007');
    });
  }

  it('a line that fits stays as it was', () => {
    expect(statusLines({}, [], [row({ finished: true })], 200)).toEqual([
      'workers alive: 0',
      'jobs: 0 waiting, 0 running, 0 delayed, 0 failed',
      'no scan in progress',
      `org-nightly scan ${SCAN} (finished) account 111122223333: 12 waiting, 3 running, 140 done, 1 failed, 2 retried`,
    ]);
  });
});

describe('queue clear text', () => {
  it('a scan whose commit has begun: the hint fits, the command to resume it on a line of its own', () => {
    const lines = clearedLines('org-nightly', SCAN, { outcome: 'committing', removed: 0 }, 80);
    expectFits(lines, 80);
    expect(lines).toContain(`  cloudward scan --audit org-nightly --distributed --resume ${SCAN}`);
    expectSays(
      lines,
      `scan ${SCAN}: not cleared: its commit has begun; if its committer died, resume it with`,
    );
  });

  it('fits a narrow terminal, names from the store cleaned', () => {
    for (const width of [30, 50]) {
      const lines = [
        ...clearedLines('org\u001b[31m-nightly', SCAN, { outcome: 'committing', removed: 0 }, width),
        ...clearedLines('org-nightly', SCAN, { outcome: 'abandoned', removed: 1 }, width),
        ...clearedLines('org-nightly', SCAN, { outcome: 'ended', removed: 0 }, width),
      ];
      expectFits(lines, width);
      expectSays(
        lines,
        `scan ${SCAN}: abandoned, 1 queued job removed`,
        `scan ${SCAN}: ended meanwhile, nothing to clear`,
      );
    }
  });
});
