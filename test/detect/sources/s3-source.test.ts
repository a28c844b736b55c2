import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../src/detect/sources/aws-clients.js';
import { MemoryCheckpoint, openSource, parseS3Url } from '../../../src/detect/sources/index.js';
import { FakeBucket } from './fake-s3.js';
import { collect, tempDir } from './helpers.js';

const ACCOUNT = '111122223333';

function key(region: string, stamp: string, id: string, ext = '.json.gz'): string {
  const [y, m, d] = [stamp.slice(0, 4), stamp.slice(4, 6), stamp.slice(6, 8)];
  return `AWSLogs/${ACCOUNT}/CloudTrail/${region}/${y}/${m}/${d}/${ACCOUNT}_CloudTrail_${region}_${stamp}_${id}${ext}`;
}

function trailFile(region: string, names: string[]): Buffer {
  const records = names.map((name, i) => ({
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/ops`, accountId: ACCOUNT },
    eventTime: '2024-05-01T12:00:00Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: name,
    awsRegion: region,
    sourceIPAddress: '198.51.100.20',
    eventID: `${region}-${name}-${i}`,
    recipientAccountId: ACCOUNT,
  }));
  return gzipSync(JSON.stringify({ Records: records }));
}

let bucket: FakeBucket | undefined;
afterEach(() => {
  bucket?.mock.restore();
  bucket = undefined;
});

describe('parseS3Url', () => {
  it('splits bucket and prefix and rejects other URLs', () => {
    expect(parseS3Url('s3://trail-bucket/AWSLogs/')).toEqual({ bucket: 'trail-bucket', prefix: 'AWSLogs/' });
    expect(parseS3Url('s3://trail-bucket')).toEqual({ bucket: 'trail-bucket', prefix: '' });
    expect(() => parseS3Url('https://trail-bucket/x')).toThrow(/not an S3 URL/);
  });
});

describe('CloudTrail from S3', () => {
  it('reads the series of every region in delivery-time order and checkpoints each series', async () => {
    bucket = new FakeBucket('org-trail');
    bucket.put(key('us-east-1', '20240501T1205Z', 'a'), trailFile('us-east-1', ['RunInstances']));
    bucket.put(
      key('us-east-1', '20240501T1215Z', 'b'),
      trailFile('us-east-1', ['StopInstances', 'StartInstances']),
    );
    bucket.put(key('eu-west-1', '20240501T1210Z', 'c'), trailFile('eu-west-1', ['CreateVpc']));
    bucket.put(
      key('eu-west-1', '20240501T1150Z', 'd', '.json'),
      Buffer.from(JSON.stringify({ Records: [] })),
    );
    bucket.put(
      `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2024/05/01/digest_20240501T1300Z.json.gz`,
      gzipSync('{}'),
    );

    const dir = tempDir();
    const cpFile = join(dir, 'state', 'checkpoint.json');
    const read = async () =>
      collect(
        openSource(
          { type: 'cloudtrail', s3: 's3://org-trail/AWSLogs/', checkpoint: cpFile },
          { clients: { s3: await createS3Client({ region: 'us-east-1' }) } },
        ),
      );

    const first = await read();
    expect(first.map((e) => e.com.action)).toEqual([
      'RunInstances',
      'CreateVpc',
      'StopInstances',
      'StartInstances',
    ]);
    expect(first[1]?.ext.source).toEqual({
      file: `s3://org-trail/${key('eu-west-1', '20240501T1210Z', 'c')}`,
      line: 1,
      index: 0,
    });
    expect(bucket.gets.some((k) => k.includes('Digest'))).toBe(false);
    const saved = JSON.parse(readFileSync(cpFile, 'utf8')) as Record<string, string>;
    expect(saved).toEqual({
      [`s3://org-trail/AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/`]: key('eu-west-1', '20240501T1210Z', 'c'),
      [`s3://org-trail/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/`]: key('us-east-1', '20240501T1215Z', 'b'),
    });

    // a rerun reads nothing old; new objects in both series are read, including one that
    // sorts before the other series' checkpoint
    expect(await read()).toEqual([]);
    bucket.put(key('eu-west-1', '20240501T1230Z', 'e'), trailFile('eu-west-1', ['DeleteVpc']));
    bucket.put(key('us-east-1', '20240501T1225Z', 'f'), trailFile('us-east-1', ['TerminateInstances']));
    bucket.put(key('ap-south-1', '20240501T1220Z', 'g'), trailFile('ap-south-1', ['CreateKeyPair']));
    const gets = bucket.gets.length;
    const third = await read();
    expect(third.map((e) => e.com.action)).toEqual(['CreateKeyPair', 'TerminateInstances', 'DeleteVpc']);
    expect(bucket.gets.length - gets).toBe(3);
    // listing starts after the checkpoint
    const listed = bucket.mock.commandCalls((await import('@aws-sdk/client-s3')).ListObjectsV2Command, {
      StartAfter: key('us-east-1', '20240501T1215Z', 'b'),
    });
    expect(listed.length).toBeGreaterThan(0);
  });

  it('stops a series at an object it cannot fetch and retries it on the next read', async () => {
    bucket = new FakeBucket('trail');
    const k1 = key('us-east-1', '20240501T1200Z', 'a');
    const k2 = key('us-east-1', '20240501T1205Z', 'b');
    const k3 = key('us-east-1', '20240501T1210Z', 'c');
    const other = key('us-west-2', '20240501T1207Z', 'd');
    bucket.put(k1, trailFile('us-east-1', ['A']));
    bucket.put(k2, trailFile('us-east-1', ['B']));
    bucket.put(k3, trailFile('us-east-1', ['C']));
    bucket.put(other, trailFile('us-west-2', ['D']));
    bucket.denied.add(k2);
    const checkpoint = new MemoryCheckpoint();
    const src = openSource(
      { type: 'cloudtrail', s3: 's3://trail' },
      { checkpoint, clients: { s3: await createS3Client({ region: 'us-east-1' }) } },
    );
    const first = await collect(src);
    expect(first.map((e) => e.com.action)).toEqual(['A', 'D']);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]).toMatchObject({ file: `s3://trail/${k2}` });
    expect(src.problems[0]?.reason).toMatch(/will retry.*AccessDenied/);
    expect(await checkpoint.get(`s3://trail/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/`)).toBe(k1);

    bucket.denied.clear();
    const second = await collect(src);
    expect(second.map((e) => e.com.action)).toEqual(['B', 'C']);
    expect(src.problems).toEqual([]);
  });

  it('reports a truncated object with its S3 URL and byte offset and moves past it', async () => {
    bucket = new FakeBucket('trail');
    const k1 = key('us-east-1', '20240501T1200Z', 'a');
    const whole = trailFile(
      'us-east-1',
      Array.from({ length: 300 }, (_, i) => `Op${i}`),
    );
    const cut = whole.subarray(0, Math.floor(whole.length * 0.7));
    bucket.put(k1, cut);
    const checkpoint = new MemoryCheckpoint();
    const src = openSource(
      { type: 'cloudtrail', s3: 's3://trail/AWSLogs' },
      { checkpoint, clients: { s3: await createS3Client({ region: 'us-east-1' }) } },
    );
    const events = await collect(src);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(300);
    expect(src.problems[0]).toMatchObject({ file: `s3://trail/${k1}`, position: { offset: cut.length } });
    expect(await checkpoint.get(`s3://trail/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/`)).toBe(k1);
  });

  it('reports a listing failure (no such bucket) instead of throwing', async () => {
    bucket = new FakeBucket('trail');
    const src = openSource(
      { type: 'cloudtrail', s3: 's3://other-bucket/' },
      { clients: { s3: await createS3Client({ region: 'us-east-1' }) } },
    );
    expect(await collect(src)).toEqual([]);
    expect(src.problems[0]?.reason).toMatch(/listing failed: NoSuchBucket/);
  });
});

/**
 * A bucket over HTTP answering ListObjectsV2 (prefix, delimiter, start-after) and GetObject in S3's
 * shapes, refusing requests that are not signed with the test's key.
 */
async function serveBucket(name: string, objects: Record<string, Buffer>) {
  const paths: string[] = [];
  const gets: string[] = [];
  const unsigned: string[] = [];
  const keys = Object.keys(objects).sort();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    paths.push(url.pathname);
    if (!/^AWS4-HMAC-SHA256 Credential=local-test-key\//.test(req.headers.authorization ?? '')) {
      unsigned.push(url.pathname);
      res.statusCode = 403;
      res.end();
      return;
    }
    if (url.pathname.replace(/\/$/, '') === `/${name}` && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const delimiter = url.searchParams.get('delimiter');
      const after = url.searchParams.get('start-after') ?? '';
      const contents: string[] = [];
      const common = new Set<string>();
      for (const key of keys) {
        if (!key.startsWith(prefix) || key <= after) continue;
        const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
        if (cut >= 0) common.add(key.slice(0, cut + 1));
        else contents.push(key);
      }
      res.setHeader('content-type', 'application/xml');
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${name}</Name><Prefix>${prefix}</Prefix><KeyCount>${contents.length + common.size}</KeyCount><MaxKeys>1000</MaxKeys>${delimiter ? `<Delimiter>${delimiter}</Delimiter>` : ''}<IsTruncated>false</IsTruncated>${contents
          .map(
            (k) =>
              `<Contents><Key>${k}</Key><LastModified>2024-05-01T13:00:00.000Z</LastModified><ETag>"e"</ETag><Size>${objects[k]?.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
          )
          .join(
            '',
          )}${[...common].map((c) => `<CommonPrefixes><Prefix>${c}</Prefix></CommonPrefixes>`).join('')}</ListBucketResult>`,
      );
      return;
    }
    const key = decodeURIComponent(url.pathname.slice(name.length + 2));
    const body = objects[key];
    if (req.method === 'GET' && body) {
      gets.push(key);
      res.setHeader('content-length', String(body.length));
      res.end(body);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'local-test-key';
  process.env.AWS_SECRET_ACCESS_KEY = 'local-test-secret';
  return { paths, gets, unsigned, close: () => server.close() };
}

describe('AWS_ENDPOINT_URL', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('sends S3 requests, path-style, to the endpoint in AWS_ENDPOINT_URL', async () => {
    const body = gzipSync(
      JSON.stringify({
        Records: [
          {
            eventTime: '2024-05-01T00:00:00Z',
            eventName: 'GetObject',
            eventSource: 's3.amazonaws.com',
            eventID: 'ep-1',
          },
        ],
      }),
    );
    const objectKey = 'logs/111122223333_CloudTrail_us-east-1_20240501T0000Z_x.json.gz';
    const bucket = await serveBucket('local-bucket', { [objectKey]: body });
    try {
      const src = openSource({ type: 'cloudtrail', s3: 's3://local-bucket/logs/' });
      const events = await collect(src);
      expect(src.problems).toEqual([]);
      expect(events.map((e) => e.com.reference)).toEqual(['ep-1']);
      expect(bucket.paths.every((p) => p.startsWith('/local-bucket'))).toBe(true);
      expect(bucket.unsigned).toEqual([]);
    } finally {
      bucket.close();
    }
  });
});

describe('VPC flow logs from S3', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads the objects of a CloudWatch Logs export (000000.gz) and skips what is not flow log text', async () => {
    const stream = 'exported/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/eni-0a1b2c3d4e5f60718-all';
    const record = (port: number) =>
      `2024-05-01T12:01:05.000Z 2 111122223333 eni-0a1b2c3d4e5f60718 203.0.113.12 10.0.1.15 49152 ${port} 6 20 4249 1714564800 1714564860 ACCEPT OK\n`;
    const bucket = await serveBucket('flow-exports', {
      [`${stream}/000000.gz`]: gzipSync(record(22)),
      [`${stream}/000001.gz`]: gzipSync(record(3389)),
      // what the export task writes to test its access: not flow log text
      'exported/aws-logs-write-test': Buffer.from('Permission Check Successful'),
    });
    try {
      const src = openSource({ type: 'vpcflow', s3: 's3://flow-exports/exported/' });
      const events = await collect(src);
      expect(src.problems).toEqual([]);
      expect(events.map((e) => e.ext.dstport)).toEqual([22, 3389]);
      expect(bucket.gets).toEqual([`${stream}/000000.gz`, `${stream}/000001.gz`]);
      expect(bucket.unsigned).toEqual([]);
      // a CloudTrail source over the same bucket reads none of them
      const trail = openSource({ type: 'cloudtrail', s3: 's3://flow-exports/exported/' });
      expect(await collect(trail)).toEqual([]);
      expect(bucket.gets).toHaveLength(2);
    } finally {
      bucket.close();
    }
  });
});
