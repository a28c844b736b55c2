#!/usr/bin/env node
// Posture by organisation at estate scale: GET /api/accounts (the rollup and ranked accounts)
// for ACCOUNTS accounts (default 1,000) x PER (default 50) live findings, against the findings
// list and the overview measured in the same run on the same store. Needs `npm run build`
// first. Not a test: it asserts nothing; it prints p50 / p95 per request.
//
// BASELINE=<another build's dist> serves the same store with that build too (e.g. main's, to
// see what a change to the rollup gains): each request is timed on both, one after the other.
//
//   node bench/accounts.mjs
//   ACCOUNTS=200 PER=50 RUNS=30 node bench/accounts.mjs
//   BASELINE=/work/main/dist node bench/accounts.mjs
//   STORE=postgres node bench/accounts.mjs      (a fresh schema on $CLOUDWARD_TEST_PG_URL or local, dropped after)
//   STORE=postgres SETTLE=0 node bench/accounts.mjs   (before the tables' statistics are gathered)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { pgExec } from './lib/pg-exec.mjs';
import { p50p95 } from './lib/stats.mjs';

const ACCOUNTS = Number(process.env.ACCOUNTS ?? 1000);
const PER = Number(process.env.PER ?? 50);
const RUNS = Number(process.env.RUNS ?? 30);
const DIST = resolve(import.meta.dirname, '..', 'dist');
const STORE = process.env.STORE ?? 'sqlite';
const PG_URL = process.env.CLOUDWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BASELINE = process.env.BASELINE ? resolve(process.env.BASELINE) : undefined;
const loadFrom = (dist, m) => import(pathToFileURL(join(dist, m)).href);

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const ORG = { kind: 'organization', id: 'o-bench00001', name: 'Bench org' };
// 10 OUs under the root, each with 2 nested OUs: accounts spread over the 30 levels
const ous = Array.from({ length: 10 }, (_, i) => ({
  kind: 'organizational_unit',
  id: `ou-top-${i}`,
  name: `Division ${i}`,
}));
const pathOf = (i) => {
  const top = ous[i % 10];
  const sub = {
    kind: 'organizational_unit',
    id: `ou-sub-${i % 10}-${i % 3}`,
    name: `Team ${i % 10}.${i % 3}`,
  };
  return i % 3 === 2 ? [ORG, top] : [ORG, top, sub];
};
const accountId = (i) => String(100000000000 + i);

async function seed(store, at) {
  const summary = {
    id: 'bench-accounts-1',
    audit_key: 'bench',
    label: 'bench',
    started_at: at,
    finished_at: null,
    status: 'running',
    counts: {
      resources: 0,
      results: { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 },
      findings: {},
    },
    errors: [],
    accounts: Array.from({ length: ACCOUNTS }, (_, i) => ({
      cloud: 'aws',
      account: accountId(i),
      name: `account-${i}`,
      path: pathOf(i),
    })),
  };
  const writer = await store.beginScan(summary);
  const lives = [];
  const results = [];
  const resources = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = accountId(a);
    for (let k = 0; k < PER; k++) {
      const n = a * PER + k;
      const check = `common.bench.check_${k % 40}`;
      const reference = `arn:aws:s3:::acct-${account}-res-${k}`;
      const id = (BigInt(n) * 2654435761n + 0x1000000000000000n).toString(16).padStart(32, '0').slice(-32);
      // severities skewed per account so the ranking has work to do
      const severity = SEVERITIES[(k + (a % 7)) % 5];
      resources.push({
        raw: { item: { Name: reference } },
        ext: { record_type: 'aws.s3.bucket' },
        com: {
          cloud_type: 'aws',
          record_type: 'storage',
          reference,
          name: `res-${k}`,
          account,
          region: 'eu-west-1',
          service: 's3',
          tags: {},
          audit_key: 'bench',
          origin_key: 'aws.s3.bucket',
          origin_type: 'cloud',
        },
      });
      results.push({
        finding_id: id,
        check_id: check,
        reference,
        resource_name: `res-${k}`,
        cloud: 'aws',
        account,
        region: 'eu-west-1',
        status: 'fail',
        severity,
        message: 'bench',
      });
      lives.push({
        finding_id: id,
        audit_key: 'bench',
        check_id: check,
        reference,
        state: 'open',
        first_seen: at,
        last_seen: at,
        resolved_at: null,
        record: {
          raw: { evidence: {} },
          ext: {
            record_type: 'finding',
            check_id: check,
            check_title: `Bench ${k % 40}`,
            resource_record_type: 'aws.s3.bucket',
          },
          com: {
            cloud_type: 'aws',
            record_type: 'bench_event',
            reference,
            name: `res-${k}`,
            account,
            region: 'eu-west-1',
            service: 's3',
            tags: {},
            description: 'bench',
            recommendation: 'fix',
            severity,
            status: 'fail',
            compliance: [],
            finding_id: id,
            state: 'open',
            first_seen: at,
            last_seen: at,
            audit_key: 'bench',
            audit_version: 'bench',
            origin_key: check,
            origin_type: 'check',
          },
        },
      });
    }
  }
  for (let i = 0; i < resources.length; i += 5000) await writer.addResources(resources.slice(i, i + 5000));
  for (let i = 0; i < results.length; i += 5000) await writer.addResults(results.slice(i, i + 5000));
  const n = lives.length;
  await writer.commit(
    {
      ...summary,
      status: 'complete',
      finished_at: at,
      counts: {
        resources: n,
        results: { pass: 0, fail: n, error: 0, manual: 0, not_applicable: 0 },
        findings: { open: n },
      },
    },
    lives,
    lives.map((l) => ({ finding_id: l.finding_id, scan_id: summary.id, state: 'open', at })),
  );
}

async function timed(base, path) {
  const t0 = performance.now();
  const r = await fetch(base + path);
  const body = await r.json();
  if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t0, bytes: JSON.stringify(body).length };
}

const dir = mkdtempSync(join(tmpdir(), 'cw-bench-accounts-'));
const db = join(dir, 'bench.db');
const schema = `cw_bench_${process.pid}_${Date.now().toString(36)}`;

/** The store of one build: on the SQLite file, or on the PostgreSQL schema. */
async function openStore(dist) {
  if (STORE === 'postgres') {
    const { openPostgresStore } = await loadFrom(dist, 'store/postgres.js');
    return openPostgresStore(PG_URL, { schema });
  }
  const { openSqliteStore } = await loadFrom(dist, 'store/sqlite.js');
  return openSqliteStore(db);
}

const pgSql = (text) => pgExec(PG_URL, text);
const dropSchema = () => pgSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);

const store = await openStore(DIST);
const t0 = performance.now();
await seed(store, new Date().toISOString());
// what autovacuum does soon after a bulk write (the planner's statistics); SETTLE=0 measures the
// minutes before it, when PostgreSQL plans on empty tables' estimates
if (STORE === 'postgres' && process.env.SETTLE !== '0')
  await pgSql(
    `VACUUM ANALYZE "${schema}".findings, "${schema}".finding_counts, "${schema}".resources, "${schema}".results, "${schema}".mutes`,
  );
console.log(
  `seeded ${ACCOUNTS} accounts x ${PER} findings (${ACCOUNTS * PER} findings, results and resources) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
/** A server of one build on the same store: its own store and dashboard connections. */
async function serve(dist, label) {
  const { startServer } = await loadFrom(dist, 'server/server.js');
  const own = dist === DIST ? store : await openStore(dist);
  const dash = await own.openDashboards();
  const server = await startServer({ store: own, dash, host: '127.0.0.1', port: 0 });
  return {
    label,
    base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await dash.close();
      if (own !== store) await own.close();
    },
  };
}
const servers = [await serve(DIST, 'this build')];
if (BASELINE) servers.push(await serve(BASELINE, 'baseline'));

/** A new store version: every cached answer is recomputed on its next request. */
let busts = 0;
const bust = () =>
  store.mute({
    finding_id: `ffff${String(busts++).padStart(12, '0')}`,
    owner: 'bench',
    reason: 'bust the cache',
    created_at: new Date().toISOString(),
    expires_at: null,
  });

const CASES = [
  // baselines: pages the dashboard already had
  ['findings: first page (baseline)', '/api/findings?audit=bench&limit=50', false],
  ['overview, uncached (baseline)', '/api/overview?audit=bench', true],
  // posture by organisation
  ['accounts: rollup, uncached', '/api/accounts?audit=bench', true],
  ['accounts: rollup, cached', '/api/accounts?audit=bench', false],
  ['accounts: one OU, cached', '/api/accounts?audit=bench&unit=ou-top-3', false],
  ['findings: one OU (nested)', '/api/findings?audit=bench&unit=ou-top-3&limit=50', false],
];

const rows = [];
try {
  for (const [name, path, uncached] of CASES) {
    const times = servers.map(() => []);
    const bytes = servers.map(() => 0);
    const runs = RUNS;
    for (let i = 0; i < runs; i++) {
      // the builds take turns, so both see the same machine load
      for (const [k, s] of servers.entries()) {
        if (uncached) await bust();
        const t = await timed(s.base, path);
        times[k].push(t.ms);
        bytes[k] = t.bytes;
      }
    }
    for (const [k, s] of servers.entries()) {
      const { p50, p95 } = p50p95(times[k]);
      rows.push([servers.length > 1 ? `${name} [${s.label}]` : name, p50, p95, runs, bytes[k]]);
    }
  }
} finally {
  for (const s of servers) await s.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  if (STORE === 'postgres') await dropSchema();
}

console.log(
  `\n${ACCOUNTS} accounts x ${PER} live findings, ${STORE === 'postgres' ? 'PostgreSQL' : 'SQLite'}, Node ${process.version}: p50 / p95 in ms${BASELINE ? ` (baseline: ${BASELINE})` : ''}`,
);
for (const [name, p50, p95, runs, bytes] of rows) {
  console.log(
    `${name.padEnd(50)}${p50.toFixed(1).padStart(9)} /${p95.toFixed(1).padStart(9)}   (${runs} runs, answer ${(bytes / 1024).toFixed(0)} KiB)`,
  );
}
