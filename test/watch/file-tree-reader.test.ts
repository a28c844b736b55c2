import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileCheckpoint, MemoryCheckpoint, type SourceProblem } from '../../src/detect/sources/index.js';
import { type FileTreeItem, FileTreeReader } from '../../src/watch/file-tree-reader.js';
import { GatedCheckpoint, WorkTracker } from '../../src/watch/work-tracker.js';
import { ACCOUNT, REGION, trailRecord } from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-tree-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(day: string, hhmm: string, names: string[]): string {
  const d = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, '2026', '01', day);
  mkdirSync(d, { recursive: true });
  const p = join(d, `${ACCOUNT}_CloudTrail_${REGION}_202601${day}T${hhmm}Z_x.json`);
  writeFileSync(p, JSON.stringify({ Records: names.map((n) => trailRecord(n, {})) }));
  return p;
}

async function readAll(reader: FileTreeReader, commitEvery = true, stopAfter = Number.POSITIVE_INFINITY) {
  const names: string[] = [];
  for await (const item of reader.read()) {
    if (item.event) {
      if (names.length >= stopAfter) break;
      names.push(item.event.com.action);
    }
    if (commitEvery) await reader.commit(item.position);
  }
  return names;
}

const spec = () => ({ type: 'cloudtrail' as const, path: dir });

describe('FileTreeReader', () => {
  it('reads files in delivery order and, with its checkpoint, never the same event twice', async () => {
    file('01', '1200', ['A', 'B']);
    file('02', '0900', ['D']);
    file('01', '1300', ['C']);
    const cp = new MemoryCheckpoint();
    const opts = { follow: false, pollIntervalMs: 10 };
    expect(await readAll(new FileTreeReader(spec(), 'trail', cp, opts))).toEqual(['A', 'B', 'C', 'D']);
    expect(await readAll(new FileTreeReader(spec(), 'trail', cp, opts))).toEqual([]);
    file('02', '1000', ['E']);
    expect(await readAll(new FileTreeReader(spec(), 'trail', cp, opts))).toEqual(['E']);
  });

  it('reads the objects of a CloudWatch Logs export of VPC flow logs (000000.gz), in order', async () => {
    const stream = join(dir, 'exportedlogs', '0f1e2d3c-4b5a', 'eni-0a1b2c3d4e5f60718-all');
    mkdirSync(stream, { recursive: true });
    const record = (action: string) =>
      `2026-01-01T12:00:05.000Z 2 ${ACCOUNT} eni-0a1b2c3d4e5f60718 203.0.113.12 10.0.1.15 49152 22 6 20 4249 1767268800 1767268860 ${action} OK\n`;
    writeFileSync(join(stream, '000001.gz'), gzipSync(record('REJECT')));
    writeFileSync(join(stream, '000000.gz'), gzipSync(record('ACCEPT')));
    const cp = new MemoryCheckpoint();
    const flows = { type: 'vpcflow' as const, path: dir };
    const opts = { follow: false, pollIntervalMs: 10 };
    expect(await readAll(new FileTreeReader(flows, 'flows', cp, opts))).toEqual(['ACCEPT', 'REJECT']);
    expect(await readAll(new FileTreeReader(spec(), 'trail', new MemoryCheckpoint(), opts))).toEqual([]);
  });

  it('resumes inside a file after the last event handled', async () => {
    file('01', '1200', ['A', 'B', 'C']);
    const path = join(dir, 'cp.json');
    const opts = { follow: false, pollIntervalMs: 10 };
    const first = new FileTreeReader(spec(), 'trail', new FileCheckpoint(path), opts);
    expect(await readAll(first, true, 2)).toEqual(['A', 'B']);
    const second = new FileTreeReader(spec(), 'trail', new FileCheckpoint(path), opts);
    expect(await readAll(second)).toEqual(['C']);
  });

  it('a bad record is reported with its file and the rest is read', async () => {
    const d = join(dir, 'x');
    mkdirSync(d);
    writeFileSync(join(d, 'a.json'), '{"Records": [{"eventName": "A"}, 7, ');
    file('01', '1200', ['B']);
    const problems: SourceProblem[] = [];
    const reader = new FileTreeReader(spec(), 'trail', new MemoryCheckpoint(), {
      follow: false,
      pollIntervalMs: 10,
      onProblem: (p) => problems.push(p),
    });
    expect(await readAll(reader)).toContain('B');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.file).toContain('a.json');
  });

  it('refuses a checkpoint it cannot read, naming it', async () => {
    file('01', '1200', ['A']);
    const cp = new MemoryCheckpoint();
    await cp.set(`files:${dir}`, 'not json');
    const reader = new FileTreeReader(spec(), 'trail', cp, { follow: false, pollIntervalMs: 10 });
    await expect(readAll(reader)).rejects.toThrow(/checkpoint files:.*not JSON/);
    await cp.set(`files:${dir}`, '[1]');
    await expect(
      readAll(new FileTreeReader(spec(), 'trail', cp, { follow: false, pollIntervalMs: 10 })),
    ).rejects.toThrow(/expected/);
  });

  it('follows the tree until the read is aborted', async () => {
    file('01', '1200', ['A']);
    const reader = new FileTreeReader(spec(), 'trail', new MemoryCheckpoint(), {
      follow: true,
      pollIntervalMs: 20,
    });
    const abort = new AbortController();
    const seen: string[] = [];
    let added = false;
    for await (const item of reader.read(abort.signal) as AsyncIterable<FileTreeItem>) {
      if (item.event) seen.push(item.event.com.action);
      if (item.position.done && !added) {
        added = true;
        file('01', '1300', ['B']);
      }
      if (seen.length === 2) abort.abort();
    }
    expect(seen).toEqual(['A', 'B']);
  });
});

describe('GatedCheckpoint', () => {
  it('writes only once the work of earlier events has ended, and never after poison()', async () => {
    const tracker = new WorkTracker();
    const inner = new MemoryCheckpoint();
    const gated = new GatedCheckpoint(inner, tracker);
    let finish!: () => void;
    tracker.track(
      new Promise<void>((r) => {
        finish = r;
      }),
    );
    const write = gated.set('k', 'v');
    await new Promise((r) => setTimeout(r, 20));
    expect(await inner.get('k')).toBeUndefined();
    finish();
    await write;
    expect(await inner.get('k')).toBe('v');
    tracker.track(Promise.reject(new Error('failed work still ends')));
    await gated.set('k', 'w');
    tracker.poison();
    await expect(gated.set('k', 'x')).rejects.toThrow(/checkpoint not saved/);
    expect(await inner.get('k')).toBe('w');
  });
});
