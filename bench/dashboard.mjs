#!/usr/bin/env node
// Dashboard API latency with 100,000 findings. Needs `npm run build` first.
// Seeds a temporary SQLite store through the Store interface, starts the real server on
// 127.0.0.1 (ephemeral port), and prints p50 / p95 per request. Not a test: it asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const N = Number(process.env.FINDINGS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 50);

const { openSqliteStore } = await import('../dist/store/sqlite.js');
const { openSqliteDashboardStore } = await import('../dist/store/sqlite-dashboards.js');
const { startServer } = await import('../dist/server/server.js');

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
      status: 'fail',
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

async function seed(path) {
  const store = await openSqliteStore(path);
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
  return store;
}

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function measure(base, label, path, runs = RUNS) {
  const times = [];
  let first = 0;
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await fetch(base + path);
    const body = await r.json();
    const ms = performance.now() - t0;
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${JSON.stringify(body)}`);
    if (i === 0) {
      first = ms;
      total = body.total ?? body.totals?.live ?? 0;
    }
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p95 ${pct(times, 95).toFixed(1).padStart(7)} ms   first ${first.toFixed(1).padStart(7)} ms   (${total} matching)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'cw-bench-dash-'));
const db = join(dir, 'bench.db');
const t0 = performance.now();
const store = await seed(db);
console.log(`seeded ${N} findings in ${((performance.now() - t0) / 1000).toFixed(1)} s (${db})`);
const dash = openSqliteDashboardStore(db);
const server = await startServer({ store, dash, host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${server.port}`;
console.log(`${RUNS} sequential requests each, Node ${process.version}\n`);
try {
  await measure(base, 'findings: first page', '/api/findings?limit=50');
  await measure(base, 'findings: filtered (high, aws)', '/api/findings?severity=high&cloud=aws&limit=50');
  await measure(
    base,
    'findings: filtered (service, state)',
    '/api/findings?service=rds&state=regressed&limit=50',
  );
  await measure(base, 'findings: searched', '/api/findings?q=resource-4242&limit=50');
  await measure(base, 'findings: page at offset 50,000', '/api/findings?limit=50&offset=50000');
  await measure(base, 'findings: sorted by name', '/api/findings?sort=name&order=asc&limit=50');
  await measure(base, 'findings: facets (cached by version)', '/api/findings/facets');
  await measure(base, 'overview (cached by version)', '/api/overview');
  // the overview's cost without the cache: a new store version each time (a mute, then unmute)
  const cold = [];
  for (let i = 0; i < 10; i++) {
    await store.mute({
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
  cold.sort((a, b) => a - b);
  console.log(
    `${'overview (uncached, 10 runs)'.padEnd(34)} p50 ${pct(cold, 50).toFixed(1).padStart(7)} ms   p95 ${pct(cold, 95).toFixed(1).padStart(7)} ms`,
  );
} finally {
  await server.close();
  await dash.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
