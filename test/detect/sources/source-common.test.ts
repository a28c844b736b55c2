import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { FileCheckpoint, openSource, type SourceSpec } from '../../../src/detect/sources/index.js';
import { detectLayout } from '../../../src/detect/sources/json-records.js';
import { collect, tempDir } from './helpers.js';

const event = (i: number) =>
  JSON.stringify({
    eventTime: '2024-05-01T00:00:00Z',
    eventName: `Op${i}`,
    eventSource: 'sts.amazonaws.com',
    eventID: `id-${i}`,
  });

describe('openSource', () => {
  it('rejects inconsistent specs with a clear message', () => {
    const bad: [SourceSpec, RegExp][] = [
      [{ type: 'cloudtrail' }, /exactly one of path, s3, log_group, queue_url \(got none\)/],
      [{ type: 'cloudtrail', path: '/x', s3: 's3://b/' }, /got path, s3/],
      [{ type: 'gcp_audit', s3: 's3://b/' }, /gcp_audit: cannot read from s3 \(supported: path\)/],
      [
        { type: 'vpcflow', queue_url: 'https://sqs.us-east-1.amazonaws.com/1/q' },
        /cannot read from queue_url/,
      ],
      [{ type: 'syslog' as SourceSpec['type'], path: '/x' }, /unknown log source type "syslog"/],
      [{ type: 'vpcflow', path: '/x', format: '${version} ${Bad Name}' }, /not a field name/],
      [{ type: 'cloudtrail', s3: 'https://bucket/prefix' }, /not an S3 URL/],
    ];
    for (const [spec, msg] of bad) expect(() => openSource(spec), JSON.stringify(spec)).toThrow(msg);
  });
});

describe('detectLayout', () => {
  const keys = ['Records'];
  it('tells JSON lines from records files and pretty-printed documents', () => {
    expect(detectLayout('{"Records":[{"a":1}', false, keys)).toBe('split');
    expect(detectLayout('\uFEFF  {\n  "Records" : [\n', false, keys)).toBe('split');
    expect(detectLayout('[{"a":1},', false, keys)).toBe('split');
    expect(detectLayout('{"a":1}\n{"b":2}\n{"c"', false, keys)).toBe('lines');
    // a broken first line does not hide JSON lines
    expect(detectLayout('{"a":\n{"b":2}\n', true, keys)).toBe('lines');
    expect(detectLayout('{\n  "a": 1,\n  "b": [\n', false, keys)).toBe('split');
    expect(detectLayout('garbage\nmore garbage\n', true, keys)).toBe('lines');
  });
});

describe('FileCheckpoint', () => {
  it('persists values across instances and writes atomically', async () => {
    const dir = tempDir();
    const path = join(dir, 'nested', 'cp.json');
    const a = new FileCheckpoint(path);
    expect(await a.get('s3://b/p/')).toBeUndefined();
    await Promise.all([a.set('s3://b/p/', 'key-1'), a.set('cloudwatch-logs:g', '{"time":1,"ids":[]}')]);
    await a.set('s3://b/p/', 'key-2');
    const b = new FileCheckpoint(path);
    expect(await b.get('s3://b/p/')).toBe('key-2');
    expect(await b.get('cloudwatch-logs:g')).toBe('{"time":1,"ids":[]}');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['cp.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      's3://b/p/': 'key-2',
      'cloudwatch-logs:g': '{"time":1,"ids":[]}',
    });
  });

  it('refuses a corrupt checkpoint file instead of starting over', async () => {
    const dir = tempDir();
    const path = join(dir, 'cp.json');
    writeFileSync(path, '{"s3://b/": ');
    await expect(new FileCheckpoint(path).get('x')).rejects.toThrow(`checkpoint ${path}: not JSON`);
    writeFileSync(path, '["a"]');
    await expect(new FileCheckpoint(path).get('x')).rejects.toThrow(/expected a JSON object/);
    writeFileSync(path, '{"k": 5}');
    await expect(new FileCheckpoint(path).get('x')).rejects.toThrow(/value of "k" is not a string/);
  });
});

describe('reading controls', () => {
  it('keeps the first maxProblems problems but counts and reports all of them', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${Array.from({ length: 50 }, (_, i) => `not json ${i}`).join('\n')}\n${event(1)}\n`);
    let seen = 0;
    const src = openSource({ type: 'cloudtrail', path: file }, { maxProblems: 5, onProblem: () => seen++ });
    const events = await collect(src);
    expect(events).toHaveLength(1);
    expect(src.problems).toHaveLength(5);
    expect(src.stats.problems).toBe(50);
    expect(seen).toBe(50);
  });

  it('stops when the signal aborts', async () => {
    const dir = tempDir();
    const file = join(dir, 'many.jsonl');
    writeFileSync(file, Array.from({ length: 100 }, (_, i) => event(i)).join('\n'));
    const controller = new AbortController();
    const src = openSource({ type: 'cloudtrail', path: file });
    let n = 0;
    for await (const _ of src.read({ signal: controller.signal })) {
      if (++n === 10) controller.abort();
    }
    expect(n).toBe(10);
  });

  it('closes the input when the consumer stops early', async () => {
    for (const gzip of [false, true]) {
      let closed = false;
      const body = Buffer.from(Array.from({ length: 2000 }, (_, i) => event(i)).join('\n'));
      const data = gzip ? gzipSync(body) : body;
      async function* chunks() {
        try {
          for (let i = 0; i < data.length; i += 4096) yield data.subarray(i, i + 4096);
        } finally {
          closed = true;
        }
      }
      const stdin = Readable.from(chunks());
      const spy = vi.spyOn(process, 'stdin', 'get').mockReturnValue(stdin as unknown as typeof process.stdin);
      try {
        const src = openSource({ type: 'cloudtrail', path: '-' });
        for await (const ev of src.read()) {
          expect(ev.com.action).toBe('Op0');
          break;
        }
        await new Promise((r) => setImmediate(r));
        expect(closed, gzip ? 'gzip' : 'plain').toBe(true);
      } finally {
        spy.mockRestore();
      }
    }
  });

  it('follows a directory: new files are read on the next poll, old ones are not read again', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'one_20240501T0000Z_x.json'), `{"Records":[${event(1)}]}`);
    const controller = new AbortController();
    const src = openSource({ type: 'cloudtrail', path: dir }, { follow: true, pollIntervalMs: 20 });
    const seen: string[] = [];
    for await (const ev of src.read({ signal: controller.signal })) {
      seen.push(ev.com.action);
      if (seen.length === 1)
        writeFileSync(join(dir, 'a', 'two_20240501T0005Z_x.json'), `{"Records":[${event(2)}]}`);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(['Op1', 'Op2']);
  });
});
