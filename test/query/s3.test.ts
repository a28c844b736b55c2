import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * `query --cloudtrail s3://...` against a loopback S3 endpoint (AWS_ENDPOINT_URL_S3) that
 * answers ListObjectsV2 (prefix, delimiter, start-after) and GetObject in S3's XML shapes and
 * refuses any request not signed with SigV4 by the test's key.
 */

const BUCKET = 'org-trail';
const ACCOUNT = '111122223333';
const KEY_ID = 'AKIDLOCALTEST000';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const event = (i: number, name: string, time: string, extra: object = {}) => ({
  eventVersion: '1.09',
  eventTime: time,
  eventSource: 'ec2.amazonaws.com',
  eventName: name,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.9',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT },
  eventID: `s3-ev-${i}`,
  recipientAccountId: ACCOUNT,
  ...extra,
});

const objects = new Map<string, Buffer>();
const dayKey = (day: string, name: string) =>
  `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/${day}/${ACCOUNT}_CloudTrail_us-east-1_202611${day}T1000Z_${name}.json.gz`;
objects.set(
  dayKey('03', 'a'),
  gzipSync(
    JSON.stringify({
      Records: [
        event(1, 'AuthorizeSecurityGroupIngress', '2026-11-03T10:00:00Z', {
          requestParameters: { groupId: 'sg-1' },
        }),
        event(2, 'DescribeInstances', '2026-11-03T10:01:00Z'),
      ],
    }),
  ),
);
objects.set(
  dayKey('04', 'b'),
  gzipSync(JSON.stringify({ Records: [event(3, 'DescribeInstances', '2026-11-04T09:00:00Z')] })),
);
objects.set(dayKey('04', 'c'), Buffer.from('this is not gzip'));

const requests: { method: string; path: string; signed: boolean }[] = [];
let server: Server;
let endpoint: string;

function listXml(url: URL): string {
  const prefix = url.searchParams.get('prefix') ?? '';
  const delimiter = url.searchParams.get('delimiter');
  const after = url.searchParams.get('start-after') ?? '';
  const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
  const contents: string[] = [];
  const common = new Set<string>();
  for (const k of keys) {
    const rest = k.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    if (delimiter && cut >= 0) common.add(prefix + rest.slice(0, cut + 1));
    else contents.push(k);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    `<Name>${BUCKET}</Name><Prefix>${esc(prefix)}</Prefix><KeyCount>${contents.length + common.size}</KeyCount>` +
    `<MaxKeys>1000</MaxKeys>${delimiter ? `<Delimiter>${esc(delimiter)}</Delimiter>` : ''}<IsTruncated>false</IsTruncated>` +
    contents
      .map(
        (k) =>
          `<Contents><Key>${esc(k)}</Key><LastModified>2026-11-05T00:00:00.000Z</LastModified><ETag>"e"</ETag>` +
          `<Size>${objects.get(k)?.length ?? 0}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      )
      .join('') +
    [...common].map((p) => `<CommonPrefixes><Prefix>${esc(p)}</Prefix></CommonPrefixes>`).join('') +
    '</ListBucketResult>'
  );
}

function s3Error(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${esc(message)}</Message><RequestId>r1</RequestId></Error>`,
  );
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = String(req.headers.authorization ?? '');
    const signed = new RegExp(
      `^AWS4-HMAC-SHA256 Credential=${KEY_ID}/\\d{8}/us-east-1/s3/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`,
    ).test(auth);
    requests.push({ method: req.method ?? '', path: url.pathname, signed });
    if (!signed) return s3Error(res, 403, 'AccessDenied', 'Access Denied');
    if (req.method !== 'GET') return s3Error(res, 405, 'MethodNotAllowed', 'read-only test bucket');
    const [, bucket, ...rest] = url.pathname.split('/');
    if (bucket !== BUCKET) return s3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(listXml(url));
    }
    const body = objects.get(decodeURIComponent(rest.join('/')));
    if (!body) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const env = () => ({
  AWS_ENDPOINT_URL_S3: endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: KEY_ID,
  AWS_SECRET_ACCESS_KEY: 'local-test-secret',
  AWS_PROFILE: '',
});

describe('cloudward query --cloudtrail s3://bucket/prefix', () => {
  it('lists and reads the objects, signed, read-only; a broken object is reported and skipped', async () => {
    requests.length = 0;
    const r = await runCli(
      [
        'query',
        '--cloudtrail',
        `s3://${BUCKET}/AWSLogs/${ACCOUNT}/`,
        '--format',
        'json',
        'SELECT day, event_name, resource, count(*) AS n FROM events GROUP BY ALL ORDER BY day, event_name',
      ],
      env(),
    );
    expect(r.stderr).toContain('_c.json.gz');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { day: '2026-11-03', event_name: 'AuthorizeSecurityGroupIngress', resource: 'sg-1', n: 1 },
      { day: '2026-11-03', event_name: 'DescribeInstances', resource: null, n: 1 },
      { day: '2026-11-04', event_name: 'DescribeInstances', resource: null, n: 1 },
    ]);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((q) => q.signed && q.method === 'GET')).toBe(true);
    expect(requests.filter((q) => q.path.endsWith('.json.gz'))).toHaveLength(3);
  });

  it('says so when the prefix holds no events, and when the credentials are refused', async () => {
    const empty = await runCli(
      ['query', '--cloudtrail', `s3://${BUCKET}/nothing-here/`, 'SELECT count(*) FROM events'],
      env(),
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no CloudTrail events under this prefix/);
    const denied = await runCli(
      ['query', '--cloudtrail', `s3://${BUCKET}/AWSLogs/`, 'SELECT count(*) FROM events'],
      { ...env(), AWS_ACCESS_KEY_ID: 'AKIDSOMEONEELSE0' },
    );
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/Access Denied|AccessDenied/);
  });
});
