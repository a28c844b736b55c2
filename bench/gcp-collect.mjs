#!/usr/bin/env node
// Benchmark of GCP collection through the whole stack (google-auth-library's token exchange,
// TLS, the read-only REST transport, paging, the quota limiter, the collection kit), against the
// HTTPS fixture server of the test suite with a fixed latency added to every answer.
//
//   node --import ./test/store/ts-loader/register.mjs bench/gcp-collect.mjs [--resources N] [--latency MS]
//
// Two projects below one organisation share N resources (default 2,000): 20% firewalls, 15%
// instances (aggregated over zones), 10% subnets (aggregated over regions), 10% buckets (each
// with its IAM policy read), 5% Cloud SQL instances, 10% service accounts (each with its keys
// read), 10% API keys, 5% log-based metrics, 5% log sinks, 5% backend services, 5% DNS zones,
// plus every other type of the estate (IAM policy, KMS keys, contacts, Access Approval, log
// buckets, alert policies, networks, SSL policies, proxies, DNS policies, BigQuery, Dataproc) and
// the organisation's IAM policy and aggregated sinks, read once for both projects. Every live
// type is collected. Three runs: the organisation at the default quotas (Cloudward paces at
// 80% of Google's published per-minute figures), the same with quotas lifted (the stack
// against the ideal), and the two projects listed (no organisation reads), as the baseline.
// Prints wall time, API calls, calls per resource, resources/s, peak RSS of this process (the
// fixture server included) and the ideal time (calls x latency / concurrency). It asserts
// nothing: figures depend on the machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GcpProvider } from '../src/providers/gcp/provider.ts';
import { GCP_COLLECTORS } from '../src/providers/gcp/resources/index.ts';
import { estateRoutes, firewall, ORGANIZATION, SHOP_DEV, SHOP_PROD } from '../test/providers/gcp/estate.ts';
import {
  backendService,
  bucket,
  bucketPolicy,
  GOOD_INSTANCE,
  instance,
  managedZone,
  sqlInstance,
  subnetwork,
} from '../test/providers/gcp/estate-workloads.ts';
import { aggregated, pagedList, startGcpFixture } from '../test/providers/gcp/fixture-server.ts';
import { fixtureServiceAccount, isolateGoogleEnv } from '../test/providers/gcp/helpers.ts';
import { CONCURRENCY, LATENCY, peakRssLine, RESOURCES } from './lib/collect-options.mjs';

function bigRoutes(per) {
  const r = {};
  const buckets = {};
  const n = (share) => Math.round(per * share);
  for (const p of [SHOP_PROD, SHOP_DEV]) {
    const fws = Array.from({ length: n(0.2) }, (_, i) =>
      firewall(p.id, {
        name: `fw-${i}`,
        sourceRanges: ['10.0.0.0/8'],
        allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
      }),
    );
    r[`compute GET compute/v1/projects/${p.id}/global/firewalls`] = pagedList('items', fws, {
      pageSize: 500,
    });
    const spread = (items, scopes) =>
      Object.fromEntries(scopes.map((sc, k) => [sc, items.filter((_, i) => i % scopes.length === k)]));
    const zones = [
      'zones/us-central1-a',
      'zones/us-central1-b',
      'zones/europe-west1-b',
      'zones/asia-east1-a',
    ];
    const regions = ['regions/us-central1', 'regions/europe-west1', 'regions/asia-east1'];
    const vms = Array.from({ length: n(0.15) }, (_, i) =>
      instance(p.id, { ...GOOD_INSTANCE, name: `vm-${i}`, zone: zones[i % zones.length].slice(6) }),
    );
    r[`compute GET compute/v1/projects/${p.id}/aggregated/instances`] = aggregated(
      'instances',
      spread(vms, zones),
      {
        scopesPerPage: 2,
      },
    );
    const subnets = Array.from({ length: n(0.1) }, (_, i) =>
      subnetwork(p.id, { name: `subnet-${i}`, region: regions[i % regions.length].slice(8) }),
    );
    r[`compute GET compute/v1/projects/${p.id}/aggregated/subnetworks`] = aggregated(
      'subnetworks',
      spread(subnets, regions),
    );
    const backends = Array.from({ length: n(0.05) }, (_, i) =>
      backendService(p.id, `be-${i}`, 'HTTPS', { enable: true, sampleRate: 1 }),
    );
    r[`compute GET compute/v1/projects/${p.id}/aggregated/backendServices`] = aggregated('backendServices', {
      global: backends,
    });
    const bucketNames = Array.from({ length: n(0.1) }, (_, i) => `${p.id}-bucket-${i}`);
    for (const name of bucketNames)
      r[`storage GET storage/v1/b/${name}/iam`] = { body: bucketPolicy(p.id, name, []) };
    buckets[p.id] = bucketNames.map((name) => bucket(p.number, name, true));
    const sql = Array.from({ length: n(0.05) }, (_, i) =>
      sqlInstance(p.id, { name: `db-${i}`, databaseVersion: 'POSTGRES_15', backups: true }),
    );
    r[`sqladmin GET v1/projects/${p.id}/instances`] = pagedList('items', sql, { pageSize: 100 });
    const zonesDns = Array.from({ length: n(0.05) }, (_, i) => managedZone({ name: `zone-${i}` }));
    r[`dns GET dns/v1/projects/${p.id}/managedZones`] = pagedList('managedZones', zonesDns, {
      pageSize: 100,
    });
    const sas = Array.from({ length: n(0.1) }, (_, i) => ({
      name: `projects/${p.id}/serviceAccounts/sa-${i}@${p.id}.iam.gserviceaccount.com`,
      email: `sa-${i}@${p.id}.iam.gserviceaccount.com`,
      uniqueId: String(100000 + i),
    }));
    r[`iam GET v1/projects/${p.id}/serviceAccounts`] = pagedList('accounts', sas, { pageSize: 100 });
    for (const sa of sas) r[`iam GET v1/projects/${p.id}/serviceAccounts/${sa.email}/keys`] = { body: {} };
    const keys = Array.from({ length: n(0.1) }, (_, i) => ({
      name: `projects/${p.number}/locations/global/keys/k${i}`,
      displayName: `key-${i}`,
      createTime: '2026-01-01T00:00:00Z',
      restrictions: { apiTargets: [{ service: 'maps-backend.googleapis.com' }] },
    }));
    r[`apikeys GET v2/projects/${p.id}/locations/global/keys`] = pagedList('keys', keys, { pageSize: 300 });
    const metrics = Array.from({ length: n(0.05) }, (_, i) => ({
      name: `m-${i}`,
      filter: 'severity>=ERROR',
    }));
    r[`logging GET v2/projects/${p.id}/metrics`] = pagedList('metrics', metrics, { pageSize: 100 });
    const sinks = Array.from({ length: n(0.05) }, (_, i) => ({
      name: `s-${i}`,
      destination: 'storage.googleapis.com/archive',
      filter: 'severity>=ERROR',
    }));
    r[`logging GET v2/projects/${p.id}/sinks`] = pagedList('sinks', sinks, { pageSize: 200 });
  }
  r['storage GET storage/v1/b/archive'] = {
    body: { name: 'archive', retentionPolicy: { retentionPeriod: '31536000', isLocked: true } },
  };
  r['storage GET storage/v1/b'] = (req) =>
    pagedList('items', buckets[req.query.get('project') ?? ''] ?? [], { pageSize: 500 })(req);
  return r;
}

async function run(label, fx, cfg) {
  const provider = new GcpProvider(
    { type: 'gcp', max_concurrency: CONCURRENCY, ...cfg },
    { env: fx.env(), ca: fx.pki.caPem },
  );
  const types = new Set([...GCP_COLLECTORS.map((c) => c.type), 'gcp.iam.binding']);
  const started = performance.now();
  let resources = 0;
  let failed = 0;
  for await (const batch of provider.collect({ types })) {
    for (const c of batch.collections) {
      resources += c.items?.length ?? 0;
      if (c.error) failed++;
    }
  }
  const wall = (performance.now() - started) / 1000;
  const t = provider.stats().transport;
  const ideal = (t.attempts * LATENCY) / CONCURRENCY / 1000;
  console.log(
    `${label.padEnd(16)} ${wall.toFixed(1).padStart(6)} s  ${String(t.calls).padStart(5)} calls  ` +
      `${(t.calls / resources).toFixed(3)} calls/resource  ${String(resources).padStart(5)} resources  ` +
      `${(resources / wall).toFixed(0).padStart(5)} resources/s  throttled ${t.throttled}  failed collections ${failed}  ` +
      `ideal ${ideal.toFixed(1)} s`,
  );
  return t;
}

const fx = await startGcpFixture({ latencyMs: LATENCY });
const dir = mkdtempSync(join(tmpdir(), 'cloudward-bench-gcp-'));
const restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
Object.assign(fx.routes, estateRoutes(), bigRoutes(RESOURCES / 2));
console.log(
  `GCP collection: ${RESOURCES} resources in 2 projects, ${LATENCY} ms per call, ${CONCURRENCY} in flight`,
);
try {
  const org = { organization: ORGANIZATION.id };
  const t = await run('default quotas', fx, org);
  const byApi = Object.entries(t.byApi)
    .map(([a, n]) => `${a} ${n}`)
    .join(', ');
  console.log(`  calls per API: ${byApi}`);
  const lifted = Object.fromEntries(
    [
      'compute',
      'iam',
      'apikeys',
      'logging',
      'monitoring',
      'cloudkms',
      'cloudresourcemanager',
      'essentialcontacts',
      'accessapproval',
      'storage',
      'sqladmin',
      'dns',
      'bigquery',
      'dataproc',
      'serviceusage',
    ].map((a) => [a, 1_000_000]),
  );
  await run('quotas lifted', fx, { ...org, requests_per_minute: lifted });
  await run('listed projects', fx, { projects: [SHOP_PROD.id, SHOP_DEV.id], requests_per_minute: lifted });
  console.log(peakRssLine());
} finally {
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
}
