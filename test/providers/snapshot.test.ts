import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBatch, CollectOptions, Provider } from '../../src/core/provider.js';
import {
  readSnapshot,
  SNAPSHOT_FORMAT,
  type Snapshot,
  SnapshotProvider,
  SnapshotRecorder,
  writeSnapshot,
} from '../../src/providers/snapshot.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cloudward-snapshot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const snapshot: Snapshot = {
  format: SNAPSHOT_FORMAT,
  label: 'unit',
  taken_at: '2025-03-03T06:00:00.000Z',
  accounts: [
    {
      cloud: 'aws',
      account: '111122223333',
      account_name: 'prod',
      collections: [
        {
          cloud: 'aws',
          account: '111122223333',
          region: 'us-east-1',
          type: 'aws.ec2.volume',
          items: [{ item: { VolumeId: 'vol-1', Encrypted: true } }],
        },
        {
          cloud: 'aws',
          account: '111122223333',
          region: 'us-east-1',
          type: 'aws.ec2.security_group',
          items: [{ item: { GroupId: 'sg-1', IpPermissions: [] } }],
        },
        {
          cloud: 'aws',
          account: '111122223333',
          region: 'eu-west-1',
          type: 'aws.rds.db_instance',
          error: 'AccessDenied: no',
        },
      ],
    },
    {
      cloud: 'gcp',
      account: 'cloudward-demo',
      collections: [
        {
          cloud: 'gcp',
          account: 'cloudward-demo',
          region: 'global',
          type: 'gcp.compute.firewall',
          items: [{ item: { name: 'fw' } }],
        },
      ],
    },
  ],
};

async function drain(p: Provider, opts: CollectOptions): Promise<AccountBatch[]> {
  const out: AccountBatch[] = [];
  for await (const b of p.collect(opts)) out.push(b);
  return out;
}

describe('snapshot files', () => {
  it('round-trips through write and read, creating parent directories', async () => {
    const path = join(dir, 'nested', 'deeper', 'snap.json');
    await writeSnapshot(path, snapshot);
    expect(await readSnapshot(path)).toEqual(snapshot);
    // no temp file is left behind
    expect(await readdir(join(dir, 'nested', 'deeper'))).toEqual(['snap.json']);
  });

  it('overwrites an existing snapshot and can pretty-print', async () => {
    const path = join(dir, 'over.json');
    await writeSnapshot(path, snapshot);
    await writeSnapshot(path, { ...snapshot, label: 'second' }, { indent: 2 });
    expect((await readSnapshot(path)).label).toBe('second');
    expect(await readFile(path, 'utf8')).toContain('\n  "label": "second"');
  });

  it('stores SDK Date values as ISO strings', async () => {
    const path = join(dir, 'dates.json');
    const withDate: Snapshot = structuredClone(snapshot);
    const col = withDate.accounts[0]?.collections[0];
    if (!col?.items) throw new Error('fixture');
    col.items[0] = { item: { VolumeId: 'vol-1', CreateTime: new Date('2025-01-02T03:04:05.000Z') } };
    await writeSnapshot(path, withDate);
    const back = await readSnapshot(path);
    expect(back.accounts[0]?.collections[0]?.items?.[0]).toEqual({
      item: { VolumeId: 'vol-1', CreateTime: '2025-01-02T03:04:05.000Z' },
    });
  });

  it('refuses to write an invalid snapshot and leaves no file', async () => {
    const path = join(dir, 'invalid.json');
    const bad = { ...snapshot, taken_at: 'yesterday' };
    await expect(writeSnapshot(path, bad)).rejects.toThrow(/invalid\.json: not a valid snapshot: taken_at/);
    await expect(readFile(path)).rejects.toThrow();
  });
});

describe('readSnapshot errors', () => {
  it('names a missing file', async () => {
    const path = join(dir, 'nope.json');
    await expect(readSnapshot(path)).rejects.toThrow(`${path}: cannot read snapshot: no such file`);
  });

  it('gives line:column for bad JSON', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{\n  "format": "cloudward.snapshot/v1",\n  "label" "x"\n}\n');
    await expect(readSnapshot(path)).rejects.toThrow(
      new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:11: invalid JSON`),
    );
  });

  it('reports an empty file as invalid JSON', async () => {
    const path = join(dir, 'empty.json');
    await writeFile(path, '');
    await expect(readSnapshot(path)).rejects.toThrow(/empty\.json.*invalid JSON/);
  });

  it('names the file and the JSON path of a wrong shape', async () => {
    const path = join(dir, 'shape.json');
    const bad = structuredClone(snapshot) as unknown as {
      accounts: { collections: Record<string, unknown>[] }[];
    };
    const c = bad.accounts[0]?.collections[1];
    if (!c) throw new Error('fixture');
    c.items = 'not a list';
    await writeFile(path, JSON.stringify(bad));
    await expect(readSnapshot(path)).rejects.toThrow(
      /shape\.json: not a valid snapshot: accounts\[0\]\.collections\[1\]\.items: /,
    );
  });

  it('rejects another format, a bad collector type and a collection with neither items nor error', async () => {
    const path = join(dir, 'format.json');
    await writeFile(path, JSON.stringify({ ...snapshot, format: 'cloudward.snapshot/v9' }));
    await expect(readSnapshot(path)).rejects.toThrow(/format: /);

    const bad = structuredClone(snapshot);
    const acc = bad.accounts[0];
    if (!acc) throw new Error('fixture');
    acc.collections = [
      { cloud: 'aws', account: 'a', region: 'r', type: 'S3 Buckets', items: [] },
      { cloud: 'aws', account: 'a', region: 'r', type: 'aws.s3.bucket' },
    ];
    await writeFile(path, JSON.stringify(bad));
    const err = await readSnapshot(path).catch((e: Error) => e.message);
    expect(err).toMatch(/accounts\[0\]\.collections\[0\]\.type: expected a collector type/);
    expect(err).toMatch(/accounts\[0\]\.collections\[1\]: a collection has either items or an error/);
  });
});

describe('SnapshotProvider', () => {
  it('yields every account, keeping only the collections the requested types need', async () => {
    const p = new SnapshotProvider(snapshot);
    expect(p.name).toBe('snapshot:unit');
    const progress: string[] = [];
    const batches = await drain(p, {
      types: new Set(['firewall_rule']),
      onProgress: (done, total, what) => progress.push(`${done}/${total} ${what}`),
    });
    expect(batches.map((b) => [b.account, b.collections.map((c) => c.type)])).toEqual([
      ['111122223333', ['aws.ec2.security_group']],
      ['cloudward-demo', ['gcp.compute.firewall']],
    ]);
    expect(batches[0]?.account_name).toBe('prod');
    expect(progress).toEqual([
      '1/2 aws.ec2.security_group 111122223333/us-east-1',
      '2/2 gcp.compute.firewall cloudward-demo/global',
    ]);
  });

  it('passes failed collections through when their type is requested', async () => {
    const batches = await drain(new SnapshotProvider(snapshot), {
      types: new Set(['rdbms', 'aws.ec2.volume']),
    });
    expect(batches[0]?.collections.map((c) => [c.type, c.error ?? c.items?.length])).toEqual([
      ['aws.ec2.volume', 1],
      ['aws.rds.db_instance', 'AccessDenied: no'],
    ]);
    expect(batches[1]?.collections).toEqual([]);
  });

  it('loads from a file', async () => {
    const path = join(dir, 'provider.json');
    await writeSnapshot(path, snapshot);
    const p = await SnapshotProvider.fromFile(path);
    expect((await drain(p, { types: new Set(['disk']) }))[0]?.collections).toHaveLength(1);
  });
});

describe('SnapshotRecorder', () => {
  it('passes batches through unchanged and turns them into a snapshot', async () => {
    const recorder = new SnapshotRecorder();
    const inner = new SnapshotProvider(snapshot);
    const wrapped = recorder.record(inner);
    expect(wrapped.name).toBe(inner.name);
    const opts = { types: new Set(['disk', 'firewall_rule', 'rdbms']) };
    const seen = await drain(wrapped, opts);
    expect(seen).toEqual(await drain(inner, opts));
    const snap = recorder.toSnapshot('saved');
    expect(snap).toMatchObject({ format: SNAPSHOT_FORMAT, label: 'saved', accounts: seen });
    expect(Number.isNaN(Date.parse(snap.taken_at))).toBe(false);
    const path = join(dir, 'recorded.json');
    await writeSnapshot(path, snap);
    expect((await readSnapshot(path)).accounts).toEqual(seen);
  });
});
