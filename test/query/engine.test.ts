import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCopy, COPY_MARKER, QueryError, QueryTimeout, queryEvents } from '../../src/query/engine.js';
import { EVENT_COLUMNS } from '../../src/query/events-table.js';

let dir: string;
let trail: string;

const ACCOUNT = '111122223333';
const consoleFailure = {
  eventTime: '2026-11-03T10:00:00Z',
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.4',
  userAgent: 'Mozilla/5.0',
  userIdentity: {
    type: 'IAMUser',
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    accountId: ACCOUNT,
    userName: 'alice',
  },
  responseElements: { ConsoleLogin: 'Failure' },
  errorMessage: 'Failed authentication',
  eventID: 'ev-1',
  readOnly: false,
  recipientAccountId: ACCOUNT,
};
const serviceCall = {
  eventTime: '2026-11-04T23:59:59Z',
  eventSource: 'kms.amazonaws.com',
  eventName: 'Decrypt',
  awsRegion: 'eu-west-1',
  sourceIPAddress: 'cloudtrail.amazonaws.com',
  userAgent: 'cloudtrail.amazonaws.com',
  userIdentity: { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' },
  resources: [{ ARN: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`, type: 'AWS::KMS::Key' }],
  requestParameters: { keyId: 'should-not-win' },
  eventID: 'ev-2',
  readOnly: true,
  recipientAccountId: ACCOUNT,
};
const denied = {
  eventTime: '2026-11-04T08:00:00.123Z',
  eventSource: 'ec2.amazonaws.com',
  eventName: 'AuthorizeSecurityGroupIngress',
  awsRegion: 'us-east-1',
  sourceIPAddress: '2001:db8::1',
  userIdentity: {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ops/bob`,
    accountId: '444455556666',
  },
  requestParameters: { groupId: 'sg-1' },
  errorCode: 'Client.UnauthorizedOperation',
  errorMessage: 'You are not authorized',
  eventID: 'ev-3',
};

const records = (...events: object[]) => JSON.stringify({ Records: events });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cloudward-query-'));
  trail = path.join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail');
  await mkdir(path.join(trail, 'us-east-1'), { recursive: true });
  await writeFile(path.join(trail, 'us-east-1', 'a.json.gz'), gzipSync(records(consoleFailure, denied)));
  await writeFile(path.join(trail, 'us-east-1', 'b.json'), records(serviceCall));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const opts = { timeoutMs: 30_000 };
const all = (source: { cloudtrail: string } | { copy: string }, sql = 'SELECT * FROM events ORDER BY time') =>
  queryEvents(source, sql, opts);

describe('the events table over CloudTrail files', () => {
  it('has the documented columns, in order, with their types', async () => {
    const res = await all({ cloudtrail: trail });
    expect(res.columns.map((c) => c.name)).toEqual(EVENT_COLUMNS.map((c) => c.name));
    const types = Object.fromEntries(res.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({
      time: 'TIMESTAMP WITH TIME ZONE',
      day: 'DATE',
      read_only: 'BOOLEAN',
      raw: 'JSON',
    });
  });

  it('normalises who, where, what and the outcome, keeping the event in raw', async () => {
    const [login, deny, service] = (await all({ cloudtrail: trail })).rows;
    expect(login).toMatchObject({
      cloud: 'aws',
      time: '2026-11-03 10:00:00+00',
      day: '2026-11-03',
      account: ACCOUNT,
      region: 'us-east-1',
      actor: `arn:aws:iam::${ACCOUNT}:user/alice`,
      actor_type: 'IAMUser',
      source_ip: '198.51.100.4',
      service: 'signin',
      event_name: 'ConsoleLogin',
      action: 'signin.amazonaws.com:ConsoleLogin',
      outcome: 'Failure',
      error_message: 'Failed authentication',
      read_only: false,
      event_id: 'ev-1',
      raw: consoleFailure,
    });
    expect(deny).toMatchObject({
      time: '2026-11-04 08:00:00.123+00',
      account: '444455556666', // no recipientAccountId: the caller's account
      source_ip: '2001:db8::1',
      resource: 'sg-1',
      outcome: 'Client.UnauthorizedOperation',
      read_only: null,
    });
    expect(service).toMatchObject({
      day: '2026-11-04',
      actor: 'cloudtrail.amazonaws.com',
      actor_type: 'AWSService',
      source_ip: null, // a service name, not an address
      resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k1`,
      outcome: 'success',
      read_only: true,
    });
  });

  it('binds $parameters as values, never as SQL', async () => {
    const res = await queryEvents(
      { cloudtrail: trail },
      'SELECT count(*) AS n FROM events WHERE contains(actor, $who)',
      {
        ...opts,
        params: { who: "alice' OR 1=1 --" },
      },
    );
    expect(res.rows).toEqual([{ n: 0 }]);
    await expect(
      queryEvents({ cloudtrail: trail }, 'SELECT 1 AS x WHERE $a = 1', { ...opts, params: { b: '1' } }),
    ).rejects.toThrow(/no parameter \$b/);
  });

  it('names a file it cannot read and answers from the rest', async () => {
    await writeFile(path.join(trail, 'us-east-1', 'broken.json'), '{"Records": [{"eventTime": ');
    await writeFile(path.join(trail, 'us-east-1', 'notgzip.json.gz'), 'plain text');
    const skipped: string[] = [];
    const res = await queryEvents({ cloudtrail: trail }, 'SELECT count(*) AS n FROM events', {
      ...opts,
      onSkip: (s) => skipped.push(s.file),
    });
    expect(res.rows).toEqual([{ n: 3 }]);
    expect(skipped.sort()).toEqual(
      [path.join(trail, 'us-east-1', 'broken.json'), path.join(trail, 'us-east-1', 'notgzip.json.gz')].sort(),
    );
    expect(res.skipped.find((s) => s.file.endsWith('broken.json'))?.reason).toMatch(/Malformed JSON/);
  });

  it('reads a single file given as the path', async () => {
    const res = await all(
      { cloudtrail: path.join(trail, 'us-east-1', 'a.json.gz') },
      'SELECT event_id FROM events ORDER BY 1',
    );
    expect(res.rows).toEqual([{ event_id: 'ev-1' }, { event_id: 'ev-3' }]);
  });

  it('docs/query.md documents every column', async () => {
    const doc = await readFile(path.join(process.cwd(), 'docs', 'query.md'), 'utf8');
    for (const c of EVENT_COLUMNS) expect(doc).toContain(`| \`${c.name}\` | ${c.type} | ${c.cloudtrail} |`);
  });

  it('refuses a path with no logs, naming it', async () => {
    await expect(all({ cloudtrail: path.join(dir, 'missing') })).rejects.toThrow(/missing: no such file/);
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    await expect(all({ cloudtrail: empty })).rejects.toThrow(/no \.json, \.jsonl or \.ndjson files/);
  });
});

describe('read-only queries', () => {
  const refused = async (sql: string) => {
    const e = await queryEvents({ cloudtrail: trail }, sql, opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryError);
    return (e as Error).message;
  };

  it('refuses COPY ... TO, even into the log directory it may read', async () => {
    const target = path.join(trail, 'us-east-1', 'out.csv');
    expect(await refused(`COPY (SELECT * FROM events) TO '${target}'`)).toMatch(/only SELECT .*not COPY/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses ATTACH, SET, INSTALL and several statements', async () => {
    expect(await refused(`ATTACH '${path.join(trail, 'x.db')}'`)).toMatch(/not ATTACH/);
    expect(existsSync(path.join(trail, 'x.db'))).toBe(false);
    expect(await refused('SET enable_external_access = true')).toMatch(/only SELECT/);
    expect(await refused('INSTALL httpfs')).toMatch(/only SELECT/);
    expect(await refused('SELECT 1; SELECT 2')).toMatch(/exactly one SELECT statement \(found 2\)/);
  });

  it('cannot read files outside the logs it was given', async () => {
    const outside = path.join(dir, 'secret.csv');
    await writeFile(outside, 'a\n1\n');
    expect(await refused(`SELECT * FROM read_csv('${outside}')`)).toMatch(/Permission Error/);
    expect(await refused(`SELECT * FROM read_text('${trail}/../../../secret.csv')`)).toMatch(
      /Permission Error/,
    );
    // a sibling whose name starts with the allowed directory's is outside it too
    await mkdir(`${trail}-other`);
    await writeFile(`${trail}-other/x.csv`, 'a\n1\n');
    expect(await refused(`SELECT * FROM read_csv('${trail}-other/x.csv')`)).toMatch(/Permission Error/);
    expect(await refused(`SELECT * FROM read_text('https://example.com/')`)).toMatch(
      /Permission Error|disabled/,
    );
  });

  it("shows the engine's message and where in the query it went wrong", async () => {
    const message = await refused('SELECT actr FROM events');
    expect(message).toMatch(/Referenced column "actr" not found/);
    expect(message).toMatch(/LINE 1: SELECT actr FROM events\n\s+\^/);
  });

  it('cancels a query past its time limit', async () => {
    const e = await queryEvents(
      { cloudtrail: trail },
      'SELECT count(*) FROM range(100000000) a, range(100000000) b',
      { timeoutMs: 300 },
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QueryTimeout);
    expect((e as Error).message).toBe('query cancelled: it ran longer than the 300ms limit (--timeout)');
  });
});

describe('the local copy', () => {
  it('holds the same rows as the files, partitioned by day, with a marker', async () => {
    const copy = path.join(dir, 'copy');
    const summary = await buildCopy(trail, copy, opts);
    expect(summary).toMatchObject({ events: 3, files: 2, days: 2, skipped: [] });
    expect((await readdir(copy)).sort()).toEqual([COPY_MARKER, 'day=2026-11-03', 'day=2026-11-04']);
    expect(JSON.parse(await readFile(path.join(copy, COPY_MARKER), 'utf8'))).toMatchObject({
      events: 3,
      files: 2,
    });
    const fromCopy = await all({ copy });
    expect(fromCopy.columns).toEqual((await all({ cloudtrail: trail })).columns);
    expect(fromCopy.rows).toEqual((await all({ cloudtrail: trail })).rows);
  });

  it('is rebuilt in place, and never replaces a directory that is not a copy', async () => {
    const copy = path.join(dir, 'copy');
    await buildCopy(trail, copy, opts);
    await writeFile(path.join(trail, 'us-east-1', 'c.json'), records({ ...serviceCall, eventID: 'ev-4' }));
    expect((await buildCopy(trail, copy, opts)).events).toBe(4);
    expect((await all({ copy }, 'SELECT count(*) AS n FROM events')).rows).toEqual([{ n: 4 }]);
    const other = path.join(dir, 'other');
    await mkdir(other);
    await writeFile(path.join(other, 'notes.txt'), 'mine');
    await expect(buildCopy(trail, other, opts)).rejects.toThrow(/not a cloudward copy/);
    expect(await readFile(path.join(other, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses writes into the copy', async () => {
    const copy = path.join(dir, 'copy');
    await buildCopy(trail, copy, opts);
    await expect(queryEvents({ copy }, `COPY (SELECT 1) TO '${copy}/x.csv'`, opts)).rejects.toThrow(
      /not COPY/,
    );
    expect(existsSync(path.join(copy, 'x.csv'))).toBe(false);
  });
});

describe('the shapes CloudTrail events come in', () => {
  it('reads JSON lines of events, EventBridge envelopes, LookupEvents answers and top-level arrays', async () => {
    const shapes = path.join(dir, 'shapes');
    await mkdir(shapes);
    await writeFile(
      path.join(shapes, 'lines.json'),
      `${JSON.stringify(consoleFailure)}\n${JSON.stringify(denied)}\n`,
    );
    await writeFile(
      path.join(shapes, 'eventbridge.json'),
      JSON.stringify({
        'detail-type': 'AWS API Call via CloudTrail',
        source: 'aws.kms',
        detail: serviceCall,
      }),
    );
    await writeFile(
      path.join(shapes, 'lookup.json.gz'),
      gzipSync(
        JSON.stringify([
          {
            EventId: 'x',
            EventName: 'ConsoleLogin',
            CloudTrailEvent: JSON.stringify({ ...consoleFailure, eventID: 'ev-9' }),
          },
        ]),
      ),
    );
    await writeFile(
      path.join(shapes, 'other.json'),
      JSON.stringify({ digestStartTime: '2026-11-01T00:00:00Z' }),
    );
    const res = await all({ cloudtrail: shapes }, 'SELECT event_id, outcome FROM events ORDER BY event_id');
    expect(res.rows).toEqual([
      { event_id: 'ev-1', outcome: 'Failure' },
      { event_id: 'ev-2', outcome: 'success' },
      { event_id: 'ev-3', outcome: 'Client.UnauthorizedOperation' },
      { event_id: 'ev-9', outcome: 'Failure' },
    ]);
  });

  const plaso = path.join(process.cwd(), '..', 'shared', 'data', 'logs', 'plaso', 'aws_cloudtrail.jsonl');
  it.skipIf(!existsSync(plaso))(
    'reads a recorded LookupEvents export (../shared/data/logs/plaso)',
    async () => {
      const res = await all(
        { cloudtrail: plaso },
        'SELECT count(*) AS n, count(time) AS timed, count(actor) AS actors FROM events',
      );
      // six events; SharedSnapshotVolumeCreated has no caller, so no actor
      expect(res.rows).toEqual([{ n: 6, timed: 6, actors: 5 }]);
      const first = await all(
        { cloudtrail: plaso },
        'SELECT time, action, actor FROM events ORDER BY time DESC LIMIT 1',
      );
      expect(first.rows).toEqual([
        {
          time: '2022-02-07 22:23:37+00',
          action: 'ec2.amazonaws.com:DescribeInstances',
          actor: 'arn:aws:iam::012345678901:user/fakeusername',
        },
      ]);
    },
  );
});
