#!/usr/bin/env node
// Scale-out benchmark: a simulated AWS organisation (bench/lib/fake-org.mjs) on a local
// AWS-compatible endpoint that answers every call after a fixed latency, scanned by
// `cloudward scan --distributed` with 1, 2 and 4 `cloudward worker` processes, against the
// baseline of the same run: a one-process `cloudward scan` of the same config.
//
//   npx tsc -p tsconfig.build.json && node bench/scale-out.mjs [options]
//     --accounts N      accounts of the organisation (200)     --regions N   regions per account (4)
//     --latency MS      per call (50)                            --workers L   worker counts (1,2,4)
//     --concurrency N   units one worker runs at once (8)
//     --large N         accounts of the memory run, one worker (1000; 0 = none)
//     --large-regions N regions of the memory run (2)
//     --kills N         kill -9 a random one of three workers N times during a scan of the
//                       organisation, a fresh worker replacing it each time (3; 0 = none)
//     --skip-scaling    only the memory and kill runs
//     --dist DIR        the build to run (default dist/)
// Needs PostgreSQL ($CLOUDWARD_TEST_PG_URL or postgres://postgres@127.0.0.1:5432/test) and Redis
// ($CLOUDWARD_TEST_REDIS_URL or redis://127.0.0.1:6379/0); each run has its own schema and key
// prefix, dropped at the end.
//
// Prints per run: wall time of the scan command, the time from "units queued" to the report,
// the ideal time (the calls' latency spread over every worker slot, or the request budget of the
// busiest bucket, whichever is longer), API calls, findings identical to the one-process scan
// (ids, statuses, states), units written more than once, and the peak RSS of every worker
// (VmHWM from /proc/<pid>/status, read before it is stopped) and of the scan process. It asserts
// nothing about time: figures depend on the machine.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { fakeOrgEnv, peakInWindow, startFakeOrg } from './lib/fake-org.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DIST_ARG = process.argv.indexOf('--dist');
// --dist DIR: a copy of dist/ to run (so dist/ can be rebuilt while the benchmark runs)
const MAIN = join(DIST_ARG === -1 ? join(here, '..', 'dist') : process.argv[DIST_ARG + 1], 'cli', 'main.js');
const PG_URL = process.env.CLOUDWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.CLOUDWARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const ALL_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1', 'sa-east-1'];
const CHECKS = ['aws.ec2.no_admin_ports_from_ipv4_internet', 'aws.iam.password_policy_min_length'];
// the default budgets of the buckets these checks' calls go through (src/providers/aws/limiter.ts)
const PACING = { sts: { rate: 10, burst: 20 }, iam: { rate: 15, burst: 30 }, ec2: { rate: 20, burst: 100 } };

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const ACCOUNTS = Number(option('accounts', 200));
const REGIONS = ALL_REGIONS.slice(0, Number(option('regions', 4)));
const LATENCY = Number(option('latency', 50));
const WORKERS = String(option('workers', '1,2,4')).split(',').map(Number);
const CONCURRENCY = Number(option('concurrency', 8));
const LARGE = Number(option('large', 1000));
const LARGE_REGIONS = ALL_REGIONS.slice(0, Number(option('large-regions', 2)));
const KILLS = Number(option('kills', 3));
const SKIP_SCALING = process.argv.includes('--skip-scaling');

const dir = mkdtempSync(join(tmpdir(), 'cw-scale-bench-'));
const schemas = [];
const prefixes = [];
const children = new Set();
let seq = 0;

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Peak resident memory of a live process, in kB (VmHWM). */
function peakRssKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function config(name, regions, queue) {
  const schema = `scale_bench_${process.pid}_${seq++}`;
  schemas.push(schema);
  const prefix = `cwbench_${process.pid}_${seq++}`;
  prefixes.push(prefix);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'stores:',
      `  main: { type: postgres, url: "${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}" }`,
      'defaults: { store: main }',
      ...(queue
        ? [
            `queue: { type: redis, url: "${REDIS_URL}", prefix: ${prefix}, concurrency: ${CONCURRENCY}, stall_timeout_ms: 5000, attempts: 5 }`,
          ]
        : []),
      'providers:',
      `  org: { type: aws, regions: [${regions.join(', ')}], organization: { role: CloudwardAudit }, account_concurrency: 16, max_attempts: 3 }`,
      'audits:',
      `  nightly: { providers: [org], checks: [${CHECKS.join(', ')}], store: main }`,
    ].join('\n'),
  );
  return { file, schema };
}

/** Runs the CLI; resolves with its exit code, output, wall time and peak RSS (sampled while it runs). */
function cli(args, env, onLine) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = execFile(
      process.execPath,
      [MAIN, ...args],
      { env, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        clearInterval(sampler);
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          stdout,
          stderr,
          wallMs: performance.now() - t0,
          peakKb,
          marks,
        });
      },
    );
    let peakKb = 0;
    const marks = {};
    const sampler = setInterval(() => {
      peakKb = Math.max(peakKb, peakRssKb(child.pid));
    }, 100);
    child.stderr.on('data', (b) => {
      const s = b.toString();
      if (marks.queued === undefined && /units queued for the workers/.test(s))
        marks.queued = performance.now() - t0;
      onLine?.(s);
    });
  });
}

function startWorker(file, env) {
  const child = spawn(process.execPath, [MAIN, 'worker', '--config', file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready within 120 s:\n${out}`)), 120_000);
    const onData = (b) => {
      out += b.toString();
      if (/worker \S+ ready/.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before it was ready:\n${out}`));
    });
  });
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

function outcome(file) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const key = (f) => `${f.com.finding_id} ${f.com.status} ${f.com.state}`;
  return {
    findings: r.findings.map(key).sort(),
    couldNotEvaluate: r.could_not_evaluate.map(key).sort(),
    errors: r.summary.collection_errors,
  };
}

function same(a, b) {
  return (
    a.findings.length === b.findings.length &&
    a.findings.every((f, i) => f === b.findings[i]) &&
    a.couldNotEvaluate.join('\n') === b.couldNotEvaluate.join('\n')
  );
}

/** What a distributed run gave otherwise than the one-process scan, and the warnings it printed. */
function difference(o, baseline, stderr) {
  const only = (a, b) => a.filter((x) => !b.includes(x));
  const lines = [
    ...only(baseline.findings, o.findings).map((f) => `  missing finding: ${f}`),
    ...only(o.findings, baseline.findings).map((f) => `  extra finding: ${f}`),
    ...only(baseline.couldNotEvaluate, o.couldNotEvaluate).map((f) => `  missing could-not-evaluate: ${f}`),
    ...only(o.couldNotEvaluate, baseline.couldNotEvaluate).map((f) => `  extra could-not-evaluate: ${f}`),
    `  collection errors ${o.errors} (one process ${baseline.errors})`,
    ...stderr
      .split('\n')
      .filter((l) => /warn|error/i.test(l))
      .slice(0, 20)
      .map((l) => `  | ${l}`),
  ];
  return lines.join('\n');
}

/** The STS calls: AssumeRole (all at the management account) and GetCallerIdentity. */
function stsCalls(requests) {
  const n = (action) => requests.filter((r) => r.service === 'sts' && r.action === action).length;
  return `AssumeRole ${n('AssumeRole')}, GetCallerIdentity ${n('GetCallerIdentity')}`;
}

/** The shortest time the calls could take: spread over every slot, or held back by the busiest bucket's budget. */
function ideal(requests, slots) {
  const latencyBound = (requests.length * LATENCY) / slots;
  let budgetBound = 0;
  let busiest = '';
  for (const [bucket, { total }] of peakInWindow(requests, 1, (r) => r.bucket)) {
    const p = PACING[bucket.split('/')[2]] ?? { rate: 10, burst: 20 };
    const ms = (Math.max(0, total - p.burst) / p.rate) * 1000;
    if (ms > budgetBound) {
      budgetBound = ms;
      busiest = `${bucket}, ${total} calls`;
    }
  }
  return { latencyBound, budgetBound, busiest, ms: Math.max(latencyBound, budgetBound) };
}

async function units(schema) {
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect();
  try {
    const r = await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE writes > 1)::int AS twice,
              count(*) FILTER (WHERE status <> 'done')::int AS not_done,
              count(*) FILTER (WHERE attempts > 1)::int AS retried,
              count(DISTINCT worker)::int AS workers
         FROM "${schema}".scale_units`,
    );
    return r.rows[0];
  } finally {
    await db.end();
  }
}

async function cleanup() {
  for (const c of [...children]) await stop(c);
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect().catch(() => undefined);
  for (const s of schemas) await db.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
  await db.end().catch(() => undefined);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  for (const p of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${p}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  }
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
}

async function main() {
  const org = await startFakeOrg({ accounts: Math.max(ACCOUNTS, LARGE), groups: 4, latencyMs: LATENCY });
  const env = { ...process.env, ...fakeOrgEnv(org.url), HOME: join(dir, 'home'), NO_COLOR: '1' };
  for (const k of Object.keys(env))
    if (k.startsWith('AWS_ENDPOINT_URL_') || k === 'AWS_PROFILE') delete env[k];
  mkdirSync(env.HOME);
  const include = (n) => org.org.slice(0, n).map((a) => a.id);

  /** A config of the first `n` accounts of the organisation (the endpoint serves them all). */
  const configOf = (name, n, regions, queue) => {
    const c = config(name, regions, queue);
    const text = readFileSync(c.file, 'utf8').replace(
      'organization: { role: CloudwardAudit }',
      `organization: { role: CloudwardAudit, include: [${include(n)
        .map((a) => `"${a}"`)
        .join(', ')}] }`,
    );
    writeFileSync(c.file, text);
    return c;
  };

  const startup = await cli(['--version'], env);
  console.log(
    `scale-out bench: ${ACCOUNTS} accounts x ${REGIONS.length} regions, ${LATENCY} ms per call, ` +
      `${CONCURRENCY} units per worker; a bare CLI start takes ${secs(startup.wallMs)} here`,
  );

  async function localScan(n, regions) {
    const c = configOf(`local-${n}`, n, regions, false);
    const out = join(dir, `local-${n}.json`);
    org.reset();
    const r = await cli(
      [
        'scan',
        '--config',
        c.file,
        '--audit',
        'nightly',
        '--no-progress',
        '--format',
        'json',
        '--output',
        out,
      ],
      env,
    );
    if (r.code !== 0) throw new Error(`one-process scan failed:\n${r.stderr}`);
    const calls = org.requests.length;
    const o = outcome(out);
    console.log(
      `one process   ${String(n).padStart(5)} accounts: ${secs(r.wallMs).padStart(8)}  calls ${calls} (${stsCalls(org.requests)})  ` +
        `findings ${o.findings.length}  could-not-evaluate ${o.couldNotEvaluate.length}  collection errors ${o.errors}  peak RSS ${mb(r.peakKb)}` +
        `  (ideal: latency over its 32 requests in flight ${secs(ideal(org.requests, 32).ms)})`,
    );
    return o;
  }

  /** A distributed scan with `n` workers; `during` runs alongside (the kill mode). */
  async function distributed(name, accounts, regions, n, baseline, during) {
    const c = configOf(name, accounts, regions, true);
    const workers = [];
    for (let i = 0; i < n; i++) workers.push(await startWorker(c.file, env));
    const out = join(dir, `${name}.json`);
    org.reset();
    const ctl = { stopped: false, workers, file: c.file, schema: c.schema, replaced: [] };
    const side = during ? during(ctl) : Promise.resolve();
    const r = await cli(
      [
        'scan',
        '--config',
        c.file,
        '--audit',
        'nightly',
        '--distributed',
        '--no-progress',
        '--format',
        'json',
        '--output',
        out,
      ],
      env,
    );
    ctl.stopped = true;
    await side;
    if (r.code !== 0) throw new Error(`distributed scan failed:\n${r.stderr}`);
    const peaks = ctl.workers.map((w) => peakRssKb(w.pid));
    const replacedPeaks = ctl.replaced.map((p) => p.peakKb);
    for (const w of ctl.workers) await stop(w);
    const o = outcome(out);
    const u = await units(c.schema);
    const id = ideal(org.requests, n * CONCURRENCY);
    const followMs = r.wallMs - (r.marks.queued ?? 0);
    console.log(
      `${name.padEnd(13)} ${String(accounts).padStart(5)} accounts: ${secs(r.wallMs).padStart(8)} (queued to report ${secs(followMs)}; ` +
        `ideal ${secs(id.ms)}: latency over ${n * CONCURRENCY} slots ${secs(id.latencyBound)}, budget of the busiest bucket (${id.busiest}) ${secs(id.budgetBound)})  ` +
        `calls ${org.requests.length} (${stsCalls(org.requests)})  units ${u.n} (retried ${u.retried}, written twice ${u.twice}, not done ${u.not_done}, by ${u.workers} workers)  ` +
        `findings ${o.findings.length} ${baseline ? (same(o, baseline) ? 'identical to one process' : 'DIFFER from one process') : ''}  ` +
        `peak RSS per worker ${peaks.map(mb).join(', ')}${replacedPeaks.length ? `; killed workers ${replacedPeaks.map(mb).join(', ')}` : ''}; scan process ${mb(r.peakKb)}`,
    );
    if (baseline && !same(o, baseline)) console.log(difference(o, baseline, r.stderr));
    if (org.refused.length > 0 || org.unserved.length > 0) {
      console.log(
        `  endpoint: ${org.refused.length} refused, unserved: ${[...new Set(org.unserved)].join(', ')}`,
      );
    }
    return { o, u, wallMs: r.wallMs, followMs, peaks };
  }

  try {
    const baseline = !SKIP_SCALING || KILLS > 0 ? await localScan(ACCOUNTS, REGIONS) : undefined;
    if (!SKIP_SCALING) {
      for (const n of WORKERS)
        await distributed(`${n} worker${n > 1 ? 's' : ''}`, ACCOUNTS, REGIONS, n, baseline);
    }
    if (KILLS > 0) {
      const r = await distributed('kill -9', ACCOUNTS, REGIONS, 3, baseline, async (ctl) => {
        // kill a random worker at random points of the scan's progress, a fresh one taking its place
        const total = ACCOUNTS * (REGIONS.length + 1);
        const at = Array.from({ length: KILLS }, () => Math.floor(total * (0.1 + 0.7 * Math.random()))).sort(
          (a, b) => a - b,
        );
        const db = new pg.Client({ connectionString: PG_URL });
        await db.connect();
        try {
          for (const threshold of at) {
            for (;;) {
              if (ctl.stopped) return;
              const q = await db
                .query(`SELECT count(*)::int AS n FROM "${ctl.schema}".scale_units WHERE status = 'done'`)
                .catch(() => ({ rows: [{ n: 0 }] }));
              if ((q.rows[0]?.n ?? 0) >= threshold) break;
              await new Promise((res) => setTimeout(res, 100));
            }
            const i = Math.floor(Math.random() * ctl.workers.length);
            const victim = ctl.workers[i];
            ctl.replaced.push({ peakKb: peakRssKb(victim.pid) });
            await stop(victim);
            console.log(`  killed -9 worker ${victim.pid} after ${threshold}/${total} units were written`);
            ctl.workers[i] = await startWorker(ctl.file, env);
          }
        } finally {
          await db.end();
        }
      });
      console.log(
        `  kill -9: ${r.u.twice === 0 ? 'no unit written twice' : `${r.u.twice} units written twice`}, ${r.u.retried} units ran more than once`,
      );
    }
    if (LARGE > 0) {
      await distributed(`memory`, LARGE, LARGE_REGIONS, 1, undefined);
    }
  } finally {
    await org.close();
    await cleanup();
  }
}

process.on('SIGINT', () => {
  cleanup().finally(() => process.exit(130));
});
await main();
