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

const RESOURCES = Number(process.argv[2] ?? 100_000);
const FINDINGS = Number(process.argv[3] ?? 10_000);
const BATCH = Number(process.argv[4] ?? 1_000);
const PG_URL = process.env.CLOUDWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STARTED = '2024-05-01T02:00:00.000Z';
const CHECK = 'aws.s3.bucket_public_access_blocked';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];

/** A resource shaped like a collected S3 bucket (about 700 bytes of JSON). */
function resource(i) {
  const name = `bench-bucket-${String(i).padStart(7, '0')}`;
  const region = REGIONS[i % REGIONS.length];
  const blocked = i % 10 !== 0;
  return {
    raw: {
      item: { Name: name, CreationDate: '2023-01-02T03:04:05.000Z' },
      region: { LocationConstraint: region },
      publicAccessBlock: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: blocked,
          IgnorePublicAcls: blocked,
          BlockPublicPolicy: blocked,
          RestrictPublicBuckets: blocked,
        },
      },
      encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
    },
    ext: { record_type: 'aws.s3.bucket', publicAccessBlocked: blocked, encrypted: true },
    com: {
      cloud_type: 'aws',
      record_type: 'storage',
      reference: `arn:aws:s3:::${name}`,
      name,
      account: `1111222233${String(i % 100).padStart(2, '0')}`,
      region,
      service: 's3',
      tags: { env: i % 3 === 0 ? 'prod' : 'dev', team: `team-${i % 17}` },
      audit_key: 'bench',
      audit_version: 'bench-scan',
      origin_key: 'aws.s3.bucket',
      origin_type: 'cloud',
    },
  };
}

function result(r, failing) {
  return {
    finding_id: findingId(CHECK, r.com.reference),
    check_id: CHECK,
    reference: r.com.reference,
    resource_name: r.com.name,
    cloud: 'aws',
    account: r.com.account,
    region: r.com.region,
    status: failing ? 'fail' : 'pass',
    severity: 'high',
    message: failing ? `Bucket ${r.com.name} does not block public access` : 'compliant',
  };
}

function life(r) {
  const id = findingId(CHECK, r.com.reference);
  return {
    finding_id: id,
    audit_key: 'bench',
    check_id: CHECK,
    reference: r.com.reference,
    state: 'new',
    first_seen: STARTED,
    last_seen: STARTED,
    resolved_at: null,
    record: {
      raw: { evidence: r.raw.publicAccessBlock },
      ext: { record_type: 'aws.s3.bucket_event', check_id: CHECK, message: `Bucket ${r.com.name} is public` },
      com: {
        ...r.com,
        record_type: 'storage_event',
        origin_key: CHECK,
        origin_type: 'check',
        description: 'The bucket can be made public.',
        recommendation: 'Turn on S3 Block Public Access.',
        severity: 'high',
        status: 'fail',
        compliance: ['cis-aws-7.0:2.1.4'],
        finding_id: id,
        state: 'new',
        first_seen: STARTED,
        last_seen: STARTED,
      },
    },
  };
}

function summary(resources) {
  return {
    id: 'bench-scan',
    audit_key: 'bench',
    label: null,
    started_at: STARTED,
    finished_at: '2024-05-01T02:10:00.000Z',
    status: 'running',
    counts: {
      resources,
      results: { pass: resources - FINDINGS, fail: FINDINGS, error: 0, manual: 0, not_applicable: 0 },
      findings: { new: FINDINGS },
    },
    errors: [],
  };
}

/** Every (RESOURCES / FINDINGS)-th resource fails, giving FINDINGS findings. */
const every = Math.max(1, Math.floor(RESOURCES / FINDINGS));
const fails = (i) => i % every === 0 && i / every < FINDINGS;

async function run(name, store) {
  const w = await store.beginScan(summary(0));
  const lives = [];
  const t0 = performance.now();
  for (let start = 0; start < RESOURCES; start += BATCH) {
    const recs = [];
    const results = [];
    for (let i = start; i < Math.min(RESOURCES, start + BATCH); i++) {
      const r = resource(i);
      recs.push(r);
      results.push(result(r, fails(i)));
      if (fails(i)) lives.push(life(r));
    }
    await w.addResources(recs);
    await w.addResults(results);
  }
  const t1 = performance.now();
  await w.commit(
    summary(RESOURCES),
    lives,
    lives.map((l) => ({ finding_id: l.finding_id, scan_id: 'bench-scan', state: 'new', at: STARTED })),
  );
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
    'resources/s': Math.round(RESOURCES / ((t1 - t0) / 1000)),
    'write s': ((t1 - t0) / 1000).toFixed(2),
    'commit ms': Math.round(t2 - t1),
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
