#!/usr/bin/env node
// Benchmark of writing one large scan to the SQLite and the PostgreSQL store.
//
//   npx tsc -p tsconfig.build.json && node bench/store.mjs [resources=100000] [findings=10000] [batch=1000]
//
// Writes a scan of N resources and N results in batches, then commits it with F finding lives
// and F events, to a SQLite file in a temp dir and to PostgreSQL at $CLOUDWARD_TEST_PG_URL
// (default postgres://postgres@127.0.0.1:5432/test) in a fresh schema dropped afterwards.
// Prints resources/s (resources and results written), commit time and a read-back time. It
// does not assert anything: figures depend on the machine and the server's settings.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const dist = (p) => pathToFileURL(join(here, '..', 'dist', p)).href;
const { openSqliteStore } = await import(dist('store/sqlite.js'));
const { openPostgresStore } = await import(dist('store/postgres.js'));
const { findingId } = await import(dist('core/ids.js'));
const { writeSyntheticScan } = await import('./lib/synthetic-scan.mjs');

const RESOURCES = Number(process.argv[2] ?? 100_000);
const FINDINGS = Number(process.argv[3] ?? 10_000);
const BATCH = Number(process.argv[4] ?? 1_000);
const PG_URL = process.env.CLOUDWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function run(name, store) {
  const { lives, writeMs, commitMs } = await writeSyntheticScan(store, {
    resources: RESOURCES,
    findings: FINDINGS,
    batch: BATCH,
    findingId,
  });
  const t2 = performance.now();
  const read = (await store.resources('bench-scan')).length;
  const t3 = performance.now();
  const top = await store.findings({ audit_key: 'bench', limit: 100 });
  const t4 = performance.now();
  if (read !== RESOURCES || top.length !== Math.min(100, lives.length)) {
    throw new Error(`${name}: read back ${read} resources and ${top.length} findings`);
  }
  return {
    store: name,
    'resources/s': Math.round(RESOURCES / (writeMs / 1000)),
    'write s': (writeMs / 1000).toFixed(2),
    'commit ms': Math.round(commitMs),
    findings: lives.length,
    'read all resources ms': Math.round(t3 - t2),
    'findings page ms': Math.round(t4 - t3),
  };
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'cloudward-bench-store-'));
try {
  const path = join(dir, 'bench.db');
  const sqlite = await openSqliteStore(path);
  rows.push(await run('sqlite', sqlite));
  await sqlite.close();
  console.error(`sqlite file: ${(statSync(path).size / 1e6).toFixed(1)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const schema = `cw_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
let reachable = true;
try {
  await admin.connect();
} catch (err) {
  reachable = false;
  console.error(`postgres skipped: no server answers at $CLOUDWARD_TEST_PG_URL (${err.message})`);
}
if (reachable) {
  try {
    const store = await openPostgresStore(PG_URL, { schema });
    rows.push(await run('postgres', store));
    await store.close();
    const [size] = (
      await admin.query(
        `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      )
    ).rows;
    console.error(`postgres schema: ${(Number(size?.bytes ?? 0) / 1e6).toFixed(1)} MB`);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}

console.log(
  `scan of ${RESOURCES} resources + ${RESOURCES} results in batches of ${BATCH}, committed with ${FINDINGS} findings`,
);
console.table(rows);
