import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { writeKnownStore } from '../store/query-contract.js';
import { jsonInit, startTestServer, type TestServer, tempDir } from './helpers.js';

/* The Query page's API: read-only SQL over the store behind the dashboard's token and CSRF rules. */

const TOKEN = 'a-test-token-of-32-characters-xx';
let db: string;
let t: TestServer;

interface Answer {
  columns: { name: string }[];
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
}

beforeAll(async () => {
  db = join(tempDir('cw-sql-api-'), 'cw.db');
  const store = await openSqliteStore(db);
  await writeKnownStore(store);
  await store.close();
  t = await startTestServer(db, { token: TOKEN, queryTimeoutMs: 300 });
});

afterAll(async () => {
  await t?.close();
});

/** A browser's request: logged in by the cookie, without the CSRF header. */
const cookieRequest = (path: string, method: string, body: unknown) =>
  fetch(`http://127.0.0.1:${t.server.port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie: `cloudward_token=${TOKEN}` },
    body: JSON.stringify(body),
  });

const post = (sql: string, params?: Record<string, string>) =>
  t.json<Answer & { error?: string }>('/api/sql', jsonInit('POST', { sql, ...(params ? { params } : {}) }));

describe('POST /api/sql', () => {
  it('answers a SELECT over the query tables, with bound parameters', async () => {
    const r = await post('SELECT resource_name, state FROM findings WHERE severity = $sev', {
      sev: 'critical',
    });
    expect(r.status).toBe(200);
    expect(r.body.rows).toEqual([{ resource_name: 'bucket-a', state: 'muted' }]);
    expect(r.body.truncated).toBe(false);
  });

  it('keeps the token and CSRF rules of every state-changing endpoint', async () => {
    const noToken = await fetch(`http://127.0.0.1:${t.server.port}/api/sql`, {
      ...jsonInit('POST', { sql: 'SELECT 1 AS one' }),
    });
    expect(noToken.status).toBe(401);
    const noCsrf = await cookieRequest('/api/sql', 'POST', { sql: 'SELECT 1 AS one' });
    expect(noCsrf.status).toBe(403);
    const crossOrigin = await t.get('/api/sql', {
      ...jsonInit('POST', { sql: 'SELECT 1 AS one' }),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(crossOrigin.status).toBe(403);
  });

  it('refuses writes and file or server functions, and the store stays as it was', async () => {
    for (const sql of [
      'DELETE FROM findings',
      "UPDATE findings SET state = 'resolved'",
      "ATTACH DATABASE '/tmp/other.db' AS other",
      "SELECT readfile('/etc/passwd')",
      "SELECT pg_read_file('/etc/passwd')",
      "SELECT load_extension('/tmp/x')",
      "SELECT * FROM read_text('/etc/passwd')",
    ]) {
      const r = await post(sql);
      expect(r.status, sql).toBe(400);
      expect(r.body.error, sql).toMatch(/query failed/);
    }
    expect((await post('SELECT count(*) AS n FROM findings')).body.rows).toEqual([{ n: 3 }]);
  });

  it('shows the engine message and position, and cancels a query at the time limit', async () => {
    const bad = await post('SELECT actr FROM findings');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('no such column: actr');
    expect(bad.body.error).toContain('LINE 1: SELECT actr FROM findings');
    const slow = await post(
      'SELECT count(*) AS n FROM results a, results b, results c, results d, results e, results f, results g, results h, results i, results j',
    );
    expect(slow.status).toBe(400);
    expect(slow.body.error).toMatch(/query cancelled: it ran longer than the 300ms limit/);
  });

  it('sends at most 10,000 rows and says how many there were', async () => {
    const r = await post(
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10005) SELECT x FROM n',
    );
    expect(r.body.row_count).toBe(10_005);
    expect(r.body.rows).toHaveLength(10_000);
    expect(r.body.truncated).toBe(true);
  });
});

describe('the Query page catalog and saved queries', () => {
  it('lists the tables with their columns and the samples with default parameters', async () => {
    const r = await t.json<{
      tables: { name: string }[];
      samples: { name: string; params: Record<string, string> }[];
    }>('/api/sql/catalog');
    expect(r.body.tables.map((x) => x.name)).toContain('findings');
    const changed = r.body.samples.find((s) => s.name === 'resources-changed-since');
    expect(changed?.params.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('saves, lists and deletes a query, behind the CSRF rule', async () => {
    const noCsrf = await cookieRequest('/api/sql/saved/critical', 'PUT', { sql: 'SELECT 1 AS one' });
    expect(noCsrf.status).toBe(403);
    const saved = await t.json(
      '/api/sql/saved/critical',
      jsonInit('PUT', {
        sql: "SELECT * FROM findings WHERE severity = 'critical'",
        description: 'the worst',
      }),
    );
    expect(saved.status).toBe(201);
    const list = await t.json<{ items: { name: string; description: string }[] }>('/api/sql/saved');
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: 'critical', description: 'the worst' }),
    ]);
    const refused = await t.json<{ error: string }>(
      '/api/sql/saved/wipe',
      jsonInit('PUT', { sql: 'DELETE FROM findings' }),
    );
    expect(refused.status).toBe(400);
    expect((await t.json('/api/sql/saved/critical', jsonInit('DELETE'))).status).toBe(200);
    expect((await t.json('/api/sql/saved/critical', jsonInit('DELETE'))).status).toBe(404);
  });
});
