#!/usr/bin/env node
// Benchmark of SQL over the store (`cloudward query`): the query tables and the store samples
// on SQLite and PostgreSQL, over two full scans of N resources each (the second with 1% of the
// resources changed, 0.5% added and 0.5% removed) and N/10 findings.
//
//   npx tsc -p tsconfig.build.json && node bench/store-query.mjs [resources=20000]
//
// Prints each query's time and rows. It asserts nothing: figures depend on the machine.
// ONLY=postgres skips SQLite; KEEP_SCHEMA=1 keeps the PostgreSQL schema; QUERIES=n runs the first n.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { life, resource, result } from './lib/synthetic-scan.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = (p) => pathToFileURL(join(here, '..', 'dist', p)).href;
const { openSqliteStore } = await import(dist('store/sqlite.js'));
const { openPostgresStore } = await import(dist('store/postgres.js'));
const { findingId } = await import(dist('core/ids.js'));
const { STORE_SAMPLES } = await import(dist('store/query-samples.js'));
const { sampleParams } = await import(dist('core/sample-query.js'));

const N = Number(process.argv[2] ?? 20_000);
const PG_URL = process.env.CLOUDWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCANS = [
  { id: 'q-scan-1', started_at: '2026-11-20T02:00:00.000Z' },
  { id: 'q-scan-2', started_at: '2026-11-24T02:00:00.000Z' },
];

function scanSummary(scan, resources) {
  return {
    id: scan.id,
    audit_key: 'bench',
    label: null,
    started_at: scan.started_at,
    finished_at: scan.started_at,
    status: 'running',
    counts: {
      resources,
      results: { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 },
      findings: {},
    },
    errors: [],
  };
}

async function fill(store) {
  for (const [k, scan] of SCANS.entries()) {
    const rows = [];
    for (let i = 0; i < N + (k === 1 ? N / 200 : 0); i++) {
      if (k === 1 && i % 200 === 7) continue; // removed in scan 2
      const r = resource(i);
      r.com.audit_version = scan.id;
      if (k === 1 && i % 100 === 3) r.raw.item.Tagged = 'changed';
      rows.push(r);
    }
    const w = await store.beginScan(scanSummary(scan, rows.length));
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      await w.addResources(batch);
      await w.addResults(batch.map((r, j) => result(r, (i + j) % 10 === 0, findingId)));
    }
    const lives = rows
      .filter((_, i) => i % 10 === 0)
      .map((r) => ({ ...life(r, findingId), first_seen: scan.started_at, last_seen: scan.started_at }));
    await w.commit(scanSummary(scan, rows.length), lives, []);
  }
}

const QUERIES = [
  ['resources: count', 'SELECT count(*) AS n FROM resources'],
  ['resource_history: count', 'SELECT count(*) AS n FROM resource_history'],
  [
    'resource_changes: by change',
    'SELECT change, count(*) AS n FROM resource_changes GROUP BY change ORDER BY change',
  ],
  [
    'findings: by severity',
    'SELECT severity, count(*) AS n FROM findings GROUP BY severity ORDER BY severity',
  ],
  [
    'results: latest scan failures',
    "SELECT count(*) AS n FROM results WHERE scan_id = 'q-scan-2' AND status = 'fail'",
  ],
  ...STORE_SAMPLES.map((s) => [
    `sample ${s.name}`,
    s.sql,
    sampleParams(s, {}, new Date('2026-11-29T12:00:00Z')),
  ]),
];

async function run(name, store, afterFill = async () => {}) {
  const t0 = performance.now();
  await fill(store);
  // PostgreSQL plans by its statistics: autovacuum gathers them soon after a large write;
  // without them the planner takes the tables for tiny and joins resources quadratically
  await afterFill();
  console.log(
    `${name}: wrote 2 scans of ${N} resources in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const q = await store.openQueries();
  for (const [label, sql, params] of QUERIES.slice(0, Number(process.env.QUERIES ?? QUERIES.length))) {
    const t = performance.now();
    const r = await q.query(sql, {
      timeoutMs: 600_000,
      ...(params && Object.keys(params).length ? { params } : {}),
    });
    console.log(
      `  ${label.padEnd(48)} ${String(r.rows.length).padStart(6)} rows ${((performance.now() - t) / 1000).toFixed(2).padStart(7)} s`,
    );
  }
  await q.close();
}

const dir = mkdtempSync(join(tmpdir(), 'cloudward-bench-query-'));
if (process.env.ONLY !== 'postgres')
  try {
    const sqlite = await openSqliteStore(join(dir, 'bench.db'));
    await run('SQLite', sqlite);
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

const schema = `cw_bench_query_${process.pid}`;
let reachable = true;
const probe = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
await probe.connect().catch(() => (reachable = false));
if (reachable) {
  try {
    const store = await openPostgresStore(PG_URL, { schema });
    await run('PostgreSQL', store, () =>
      probe.query(
        `ANALYZE "${schema}".resources, "${schema}".scans, "${schema}".findings, "${schema}".results`,
      ),
    );
    await store.close();
  } finally {
    if (process.env.KEEP_SCHEMA) console.log(`kept schema ${schema}`);
    else await probe.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await probe.end();
  }
} else console.log(`PostgreSQL: skipped (nothing answers at ${PG_URL})`);
