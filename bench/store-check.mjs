#!/usr/bin/env node
// What checking a SQLite store for damage costs, against what the commands that open it do.
//
//   npx tsc -p tsconfig.build.json && node bench/store-check.mjs [resources=100000] [findings=10000]
//
// Writes one scan of N resources (N results, F finding lives) to a SQLite file, then times,
// with the file in the page cache (median of 3):
// - opening the store as every command does (schema check, crash recovery), and as commands
//   that write do (the same, after PRAGMA quick_check over the whole file);
// - PRAGMA quick_check alone;
// - PRAGMA integrity_check (what `cloudward store check` runs);
// - quick_check of the small tables only (scans, findings, mutes...), the cheaper alternative;
// and, to compare, a page of findings (`findings list`) and the write of the scan itself.
// It asserts nothing: figures depend on the machine and the disk.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = (p) => pathToFileURL(join(here, '..', 'dist', p)).href;
const { openSqliteStore } = await import(dist('store/sqlite.js'));
const { SqliteDriver } = await import(dist('store/sqlite-file.js'));
const { findingId } = await import(dist('core/ids.js'));
const { writeSyntheticScan } = await import('./lib/synthetic-scan.mjs');

const RESOURCES = Number(process.argv[2] ?? 100_000);
const FINDINGS = Number(process.argv[3] ?? 10_000);
const SMALL_TABLES = ['schema_migrations', 'scans', 'findings', 'finding_events', 'mutes', 'outbox'];

async function median3(fn) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((a, b) => a - b)[1]);
}

function pragma(path, sql) {
  const db = new SqliteDriver(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma(sql, { simple: false });
    const text = rows.map((r) => Object.values(r)[0]).join('; ');
    if (text !== 'ok') throw new Error(`${sql}: ${text}`);
  } finally {
    db.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cloudward-bench-store-check-'));
try {
  const path = join(dir, 'bench.db');
  const store = await openSqliteStore(path);
  const { writeMs, commitMs } = await writeSyntheticScan(store, {
    resources: RESOURCES,
    findings: FINDINGS,
    batch: 1000,
    findingId,
  });
  await store.close();
  const mb = statSync(path).size / 1e6;
  const rows = {
    'open (schema check, recovery)': await median3(async () => (await openSqliteStore(path)).close()),
    'open for a write (verify: quick_check)': await median3(async () =>
      (await openSqliteStore(path, { verify: true })).close(),
    ),
    'quick_check, whole file': await median3(() => pragma(path, 'quick_check')),
    'integrity_check, whole file': await median3(() => pragma(path, 'integrity_check')),
    'quick_check, small tables only': await median3(() => {
      for (const t of SMALL_TABLES) pragma(path, `quick_check(${t})`);
    }),
    'findings list (a page of 200)': await median3(async () => {
      const s = await openSqliteStore(path);
      await s.findings({ audit_key: 'bench', limit: 200 });
      await s.close();
    }),
    'writing the scan (for comparison)': Math.round(writeMs + commitMs),
  };
  console.log(
    `SQLite store of ${RESOURCES} resources, ${RESOURCES} results, ${FINDINGS} findings: ${mb.toFixed(1)} MB`,
  );
  console.table(Object.entries(rows).map(([what, ms]) => ({ what, ms })));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
