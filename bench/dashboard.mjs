#!/usr/bin/env node
// Dashboard API latency with 100,000 findings. Needs `npm run build` first. Not a test: it
// asserts nothing. Seeds a temporary store through the Store interface, starts the real server
// on 127.0.0.1 (ephemeral port), and prints p50 / p95 per request.
//
//   node bench/dashboard.mjs                       SQLite, this build
//   STORES=sqlite,postgres node bench/dashboard.mjs    and PostgreSQL ($CLOUDWARD_TEST_PG_URL or local)
//   BASELINE_DIST=/path/to/other/dist node bench/dashboard.mjs
//       also measures another build (e.g. main's dist, built in a checkout of main) in the same
//       run, on SQLite, and prints both side by side.
//
// FINDINGS (default 100000) and RUNS (default 50) size the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { pgExec } from './lib/pg-exec.mjs';
import { p50p95 } from './lib/stats.mjs';

const N = Number(process.env.FINDINGS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 50);
const STORES = (process.env.STORES ?? 'sqlite').split(',').map((s) => s.trim());
const PG_URL = process.env.CLOUDWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const HERE = resolve(import.meta.dirname, '..', 'dist');

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const CLOUDS = ['aws', 'azure', 'gcp'];
const SERVICES = ['ec2', 's3', 'rds', 'iam', 'network', 'compute', 'sql', 'storage', 'logs', 'kms'];
const CHECKS = Array.from({ length: 40 }, (_, i) => `common.bench.check_${i}`);

function finding(i, at) {
  const cloud = CLOUDS[i % 3];
  const id = (BigInt(i) * 2654435761n + 0x1000000000000000n).toString(16).padStart(32, '0').slice(-32);
  const check = CHECKS[i % CHECKS.length];
  const record = {
    raw: { evidence: { port: 22 + (i % 100), source: '0.0.0.0/0' } },
    ext: {
      record_type: 'finding',
      check_id: check,
      check_title: `Bench check ${i % CHECKS.length}`,
      resource_record_type: `${cloud}.bench.resource`,
    },
    com: {
      cloud_type: cloud,
      record_type: 'bench_event',
      reference: `${cloud}:acct-${i % 50}:res-${i}`,
      name: `resource-${i}`,
      account: `acct-${i % 50}`,
      region: ['us-east-1', 'eu-west-1', 'westeurope', 'europe-west1'][i % 4],
      service: SERVICES[i % SERVICES.length],
      tags: { team: `team-${i % 7}` },
      description: `resource-${i} is open on port ${22 + (i % 100)}`,
      recommendation: 'close it',
      severity: SEVERITIES[i % 5],
      // one result in 20 could not be evaluated
      status: i % 20 === 7 ? 'error' : 'fail',
      compliance: [],
      finding_id: id,
      state: 'new',
      first_seen: at,
      last_seen: at,
      audit_key: 'bench',
      audit_version: 'bench',
      origin_key: check,
      origin_type: 'check',
    },
  };
  return {
    finding_id: id,
    audit_key: 'bench',
    check_id: check,
    reference: record.com.reference,
    state: i % 10 === 0 ? 'regressed' : 'open',
    first_seen: at,
    last_seen: at,
    resolved_at: null,
    record,
  };
}

async function seed(store) {
  const at = new Date().toISOString();
  const summary = {
    id: 'bench-1',
    audit_key: 'bench',
    label: 'bench',
    started_at: at,
    finished_at: null,
    status: 'running',
    counts: {
      resources: N,
      results: { pass: N, fail: N, error: 0, manual: 0, not_applicable: 0 },
      findings: {},
    },
    errors: [],
  };
  const writer = await store.beginScan(summary);
  const lives = Array.from({ length: N }, (_, i) => finding(i, at));
  const events = lives.map((l) => ({ finding_id: l.finding_id, scan_id: 'bench-1', state: 'new', at }));
  await writer.commit(
    { ...summary, status: 'complete', finished_at: at, counts: { ...summary.counts, findings: { open: N } } },
    lives,
    events,
  );
}

const REQUESTS = [
  ['findings: first page', '/api/findings?limit=50'],
  ['findings: filtered (high, aws)', '/api/findings?severity=high&cloud=aws&limit=50'],
  ['findings: filtered (service, state)', '/api/findings?service=rds&state=regressed&limit=50'],
  ['findings: searched', '/api/findings?q=resource-4242&limit=50'],
  ['findings: page at offset 50,000', '/api/findings?limit=50&offset=50000'],
  ['findings: sorted by name', '/api/findings?sort=name&order=asc&limit=50'],
  ['findings: facets (cached by version)', '/api/findings/facets'],
  ['overview (cached by version)', '/api/overview'],
];

async function measure(base, path, runs = RUNS) {
  const times = [];
  let first = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await fetch(base + path);
    const body = await r.json();
    const ms = performance.now() - t0;
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${JSON.stringify(body)}`);
    if (i === 0) first = ms;
    times.push(ms);
  }
  return { ...p50p95(times), first };
}

/** Opens a store of `kind` with the build in `dist`; returns the store, its dashboard view and a cleanup. */
async function openStores(dist, kind) {
  const load = (m) => import(pathToFileURL(join(dist, m)).href);
  if (kind === 'postgres') {
    const { openPostgresStore, openDashboardStore } = await load('store/index.js');
    const schema = `cw_bench_${process.pid}_${Date.now().toString(36)}`;
    const store = await openPostgresStore(PG_URL, { schema });
    // builds before the store opened its own side stores had openDashboardStore(store)
    const dash = store.openDashboards ? await store.openDashboards() : await openDashboardStore(store);
    const sql = (text) => pgExec(PG_URL, text);
    return {
      store,
      dash,
      where: `PostgreSQL schema ${schema}`,
      // what autovacuum does soon after a bulk write (statistics, the visibility map for
      // index-only scans); measured without it, the first minutes after a large scan are slower
      settle: () => sql(`VACUUM ANALYZE "${schema}".findings, "${schema}".finding_events, "${schema}".mutes`),
      cleanup: () => sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
    };
  }
  const { openSqliteStore } = await load('store/sqlite.js');
  const { openSqliteDashboardStore } = await load('store/sqlite-dashboards.js');
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-dash-'));
  const db = join(dir, 'bench.db');
  const store = await openSqliteStore(db);
  return {
    store,
    dash: null,
    openDash: () => openSqliteDashboardStore(db),
    where: db,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function run(label, dist, kind) {
  const s = await openStores(dist, kind);
  const t0 = performance.now();
  await seed(s.store);
  const seeded = (performance.now() - t0) / 1000;
  if (s.settle) await s.settle();
  const dash = s.dash ?? s.openDash();
  const { startServer } = await import(pathToFileURL(join(dist, 'server/server.js')).href);
  const server = await startServer({ store: s.store, dash, host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${server.port}`;
  console.log(
    `${label}: seeded ${N} findings in ${seeded.toFixed(1)} s (${s.where}${s.settle ? ', then VACUUM ANALYZE' : ''})`,
  );
  const out = new Map();
  try {
    for (const [name, path] of REQUESTS) out.set(name, await measure(base, path));
    // the overview's cost without the cache: a new store version each time (a mute)
    const cold = [];
    for (let i = 0; i < 10; i++) {
      await s.store.mute({
        finding_id: 'ffffffffffffffff',
        owner: 'bench',
        reason: 'bust cache',
        created_at: new Date().toISOString(),
        expires_at: null,
      });
      const t = performance.now();
      const r = await fetch(`${base}/api/overview`);
      await r.json();
      cold.push(performance.now() - t);
    }
    // sorted by p50p95 before `first` is read: the fastest, as it always was
    out.set('overview (uncached, 10 runs)', { ...p50p95(cold), first: cold[0] });
  } finally {
    await server.close();
    await dash.close();
    await s.store.close();
    await s.cleanup();
  }
  return out;
}

const f = (ms) => (ms === undefined ? '' : ms.toFixed(1).padStart(8));

function print(title, columns) {
  console.log(`\n${title}: p50 / p95 in ms, ${RUNS} sequential requests each, Node ${process.version}`);
  const names = [...columns[0][1].keys()];
  console.log(`${''.padEnd(38)}${columns.map(([c]) => c.padStart(20)).join('')}`);
  for (const name of names) {
    const cells = columns.map(([, m]) => {
      const x = m.get(name);
      return x ? `${f(x.p50)} /${f(x.p95)}`.padStart(20) : ''.padStart(20);
    });
    console.log(`${name.padEnd(38)}${cells.join('')}`);
  }
}

const columns = [];
if (process.env.BASELINE_DIST) {
  columns.push([
    'baseline sqlite',
    await run('baseline (sqlite)', resolve(process.env.BASELINE_DIST), 'sqlite'),
  ]);
}
for (const kind of STORES) columns.push([`this ${kind}`, await run(`this build (${kind})`, HERE, kind)]);
print('Dashboard API at 100,000 findings', columns);
