import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureActivityFile, azureActivityRecord } from '../../bench/lib/cloud-logs.mjs';
import { configuredEventsQueries } from '../../src/cli/serve-events.js';
import { createLogger } from '../../src/core/logger.js';
import { buildCopy } from '../../src/query/engine.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { writeKnownStore } from '../store/query-contract.js';
import { jsonInit, startTestServer, type TestServer, tempDir } from './helpers.js';

/*
 * The Query page over activity logs: `events` of the kept copy and of the config's log files,
 * behind the dashboard's token and CSRF rules, reading nothing outside those locations.
 */

const TOKEN = 'a-test-token-of-32-characters-xx';
let t: TestServer;
let root: string;
const warnings: string[] = [];

interface Answer {
  rows: Record<string, unknown>[];
  row_count: number;
  skipped?: { file: string; reason: string }[];
  error?: string;
}

const ctEvent = (i: number, name: string, extra: object = {}) => ({
  eventTime: `2026-11-0${1 + (i % 3)}T10:00:0${i}Z`,
  eventSource: 'ec2.amazonaws.com',
  eventName: name,
  awsRegion: 'us-east-1',
  sourceIPAddress: '203.0.113.1',
  userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/u${i}` },
  recipientAccountId: '111122223333',
  eventID: `ev-${i}`,
  ...extra,
});

beforeAll(async () => {
  root = tempDir('cw-sql-events-');
  const trail = join(root, 'trail');
  const azure = join(root, 'azure');
  await mkdir(trail);
  await mkdir(azure);
  await writeFile(
    join(trail, 'a.json'),
    JSON.stringify({
      Records: [
        ctEvent(1, 'DescribeInstances'),
        ctEvent(2, 'AuthorizeSecurityGroupIngress', { errorCode: 'AccessDenied' }),
      ],
    }),
  );
  await writeFile(join(trail, 'broken.json'), '{"Records": [');
  await writeFile(join(azure, 'PT1H.json'), azureActivityFile([0, 1, 2].map((i) => azureActivityRecord(i))));
  const copy = join(root, 'copy');
  await buildCopy(trail, copy, { timeoutMs: 60_000 });
  const db = join(root, 'cw.db');
  const store = await openSqliteStore(db);
  await writeKnownStore(store);
  await store.close();
  const events = configuredEventsQueries(
    {
      events_copy: { path: copy, batch_events: 20_000, flush_seconds: 60 },
      logs: {
        'org-trail': { type: 'cloudtrail', path: trail },
        activity: { type: 'azure_activity', path: azure },
        flows: { type: 'vpcflow', path: azure },
        queue: { type: 'cloudtrail', queue_url: 'https://sqs.us-east-1.amazonaws.com/1/q' },
      },
    },
    createLogger({ level: 'warn', write: (l) => warnings.push(l) }),
  );
  t = await startTestServer(db, { token: TOKEN, queryTimeoutMs: 1000, ...(events ? { events } : {}) });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const post = (source: string, sql: string, params?: Record<string, string>) =>
  t.json<Answer>('/api/sql', jsonInit('POST', { sql, source, ...(params ? { params } : {}) }));

describe('POST /api/sql over activity logs', () => {
  it('lists the kept copy and the configured log files as sources, with the log samples', async () => {
    const r = await t.json<{
      events: {
        sources: { id: string }[];
        table: { columns: { name: string }[] };
        samples: { name: string; params: Record<string, string> }[];
      };
    }>('/api/sql/catalog');
    expect(r.body.events.sources.map((s) => s.id)).toEqual(['copy', 'log:org-trail', 'log:activity']);
    expect(r.body.events.table.columns.map((c) => c.name)).toContain('source_ip');
    expect(r.body.events.samples.find((s) => s.name === 'access-denied')?.params.since).toMatch(
      /^\d{4}-\d{2}-\d{2}$/,
    );
  });

  it('queries the kept copy, CloudTrail in place (naming the file it skipped) and Azure Activity files', async () => {
    const sql = 'SELECT event_name, outcome FROM events ORDER BY event_name';
    const copy = await post('copy', sql);
    expect(copy.status).toBe(200);
    expect(copy.body.rows).toEqual([
      { event_name: 'AuthorizeSecurityGroupIngress', outcome: 'AccessDenied' },
      { event_name: 'DescribeInstances', outcome: 'success' },
    ]);
    const inPlace = await post('log:org-trail', sql);
    expect(inPlace.body.rows).toEqual(copy.body.rows);
    expect(inPlace.body.skipped?.map((s) => s.file)).toEqual([join(root, 'trail', 'broken.json')]);
    const azure = await post('log:activity', 'SELECT cloud, count(*) AS n FROM events GROUP BY cloud');
    expect(azure.body.rows).toEqual([{ cloud: 'azure', n: 3 }]);
    const sample = await post('copy', "SELECT count(*) AS n FROM events WHERE actor LIKE '%' || $who", {
      who: 'u2',
    });
    expect(sample.body.rows).toEqual([{ n: 1 }]);
  });

  it('keeps the token and CSRF rules', async () => {
    const body = { sql: 'SELECT count(*) AS n FROM events', source: 'copy' };
    const noToken = await fetch(`http://127.0.0.1:${t.server.port}/api/sql`, jsonInit('POST', body));
    expect(noToken.status).toBe(401);
    const noCsrf = await fetch(`http://127.0.0.1:${t.server.port}/api/sql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `cloudward_token=${TOKEN}` },
      body: JSON.stringify(body),
    });
    expect(noCsrf.status).toBe(403);
  });

  it('reads no file outside the configured locations, and nothing else than a SELECT runs', async () => {
    const inside = join(root, 'trail');
    for (const sql of [
      "SELECT * FROM read_text('/etc/passwd')",
      "SELECT * FROM read_blob('/proc/self/environ')",
      "SELECT * FROM read_csv('/etc/hosts')",
      "SELECT * FROM read_json('/etc/os-release')",
      "SELECT * FROM read_parquet('/tmp/*.parquet')",
      "SELECT * FROM glob('/etc/*')",
      `SELECT * FROM read_text('${inside}/../../../../etc/passwd')`,
      `SELECT * FROM read_text('${root}/cw.db')`,
      "SELECT * FROM read_text('https://example.com/')",
      "SELECT * FROM sniff_csv('/etc/passwd')",
    ]) {
      const r = await post('copy', sql);
      expect(r.status, sql).toBe(400);
      expect(r.body.error, sql).toMatch(/Permission Error|disabled by configuration/);
    }
    for (const sql of [
      "COPY (SELECT 1) TO '/tmp/x.csv'",
      "ATTACH '/tmp/other.duckdb' AS other",
      'INSTALL httpfs',
      'SET enable_external_access = true',
      'SELECT 1; SELECT 2',
    ]) {
      const r = await post('log:org-trail', sql);
      expect(r.status, sql).toBe(400);
      expect(r.body.error, sql).toMatch(/query failed/);
    }
  });

  it('refuses a source the config does not name', async () => {
    for (const source of ['log:flows', 'log:queue', '/etc', 'log:nope']) {
      const r = await post(source, 'SELECT 1 AS one');
      expect(r.status, source).toBe(400);
      expect(r.body.error, source).toMatch(/no activity log/);
    }
  });

  it('cancels a query at the time limit, naming it', async () => {
    for (const source of ['copy', 'log:org-trail', 'log:activity']) {
      const r = await post(
        source,
        'SELECT count(*) AS n FROM events, range(100000000000) r WHERE hash(r.range) = 7',
      );
      expect(r.status, source).toBe(400);
      expect(r.body.error, source).toBe(
        'query cancelled: it ran longer than the 1s limit (serve --query-timeout)',
      );
    }
  });
});
