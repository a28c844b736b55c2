import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { evaluateAccount } from '../../../src/core/engine.js';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import { gcpPolicy } from '../../../src/providers/gcp/policy.js';
import { GcpProvider } from '../../../src/providers/gcp/provider.js';
import { NORMALISERS_REGISTRY } from '../../../src/providers/normalisers.js';
import { plantEstate, SHOP_DEV, SHOP_PROD } from './estate.js';
import { aggregated, type GcpFixture, googleErrors, startGcpFixture } from './fixture-server.js';
import { FakeClock, fixtureServiceAccount, isolateGoogleEnv } from './helpers.js';

const GCP_CHECKS = ALL_CHECKS.filter((c) => c.id.startsWith('gcp.'));

/**
 * The collectors of networks, subnets, instances, project metadata, DNS zones, buckets, Cloud
 * SQL, BigQuery and Dataproc through the real stack against the fixture's estate: what each
 * reads (paths and counts), disabled APIs as not applicable, failed reads as errors.
 */

const TYPES = [
  'gcp.compute.network',
  'gcp.compute.subnetwork',
  'gcp.compute.instance',
  'gcp.compute.project',
  'gcp.dns.managed_zone',
  'gcp.storage.bucket',
  'gcp.sql.instance',
  'gcp.bigquery.dataset',
  'gcp.bigquery.table',
  'gcp.dataproc.cluster',
  'gcp.compute.ssl_policy',
  'gcp.compute.target_proxy',
];

let fx: GcpFixture;
let dir: string;
let restore: () => void;

beforeAll(async () => {
  fx = await startGcpFixture();
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-workloads-'));
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
});
afterAll(async () => {
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  for (const k of Object.keys(fx.routes)) delete fx.routes[k];
  fx.requests.length = 0;
  fx.unmatched.length = 0;
  plantEstate(fx);
});
afterEach(() => {
  expect(fx.refused).toEqual([]);
  expect(fx.unmatched.map((r) => `${r.api} ${r.path}`)).toEqual([]);
});

async function collect(projects: string[], types = TYPES): Promise<AccountBatch[]> {
  const p = new GcpProvider(
    { type: 'gcp', projects, max_attempts: 2 },
    { env: fx.env(), ca: fx.pki.caPem, clock: new FakeClock() },
  );
  const out: AccountBatch[] = [];
  for await (const b of p.collect({ types: new Set(types) })) out.push(b);
  return out;
}

const byType = (b: AccountBatch | undefined) => new Map(b?.collections.map((c) => [c.type, c]));
const names = (c: Collection | undefined, field = 'name') =>
  c?.items?.map((i) => (i.item as Record<string, unknown>)[field]);

function evaluate(batch: AccountBatch) {
  return evaluateAccount(
    batch,
    { checks: GCP_CHECKS, params: new Map(), normalisers: NORMALISERS_REGISTRY, wholeAccount: true },
    { auditKey: 't', auditVersion: 'v', now: '2026-01-01T00:00:00Z', compliance: new Map() },
    new Set(),
  );
}

describe('GCP workload collectors', () => {
  it('collects every type of a project, paging lists and aggregated lists, with these reads', async () => {
    const [prod] = await collect([SHOP_PROD.id]);
    const c = byType(prod);
    for (const col of c.values()) expect(col.error, col.type).toBeUndefined();
    expect(names(c.get('gcp.compute.network'))).toEqual(['default', 'legacy-net', 'shop-vpc']);
    expect(names(c.get('gcp.compute.subnetwork'))).toEqual([
      'shop-web',
      'shop-data',
      'shop-app',
      'shop-proxy-only',
    ]);
    expect(names(c.get('gcp.compute.instance'))).toEqual(['web-1', 'app-1']);
    expect(names(c.get('gcp.storage.bucket'))).toEqual([
      'shop-public-assets',
      'shop-legacy-acl',
      'shop-private',
    ]);
    expect(names(c.get('gcp.sql.instance'))).toHaveLength(6);
    expect(names(c.get('gcp.dataproc.cluster'), 'clusterName')).toEqual(['etl-plain', 'etl-cmek']);
    expect(c.get('gcp.dataproc.cluster')?.items?.map((i) => i.region)).toEqual([
      'us-central1',
      'europe-west1',
    ]);
    expect(c.get('gcp.bigquery.table')?.items?.map((i) => Object.keys(i).sort())).toEqual([
      ['item', 'table'],
      ['item', 'table'],
      ['item'], // a view: no tables.get
    ]);
    // the instances' project metadata is the project collector's read, made once
    const reads = fx.requests.map((r) => `${r.api} ${r.path}`);
    expect(reads.filter((r) => r === `compute compute/v1/projects/${SHOP_PROD.id}`)).toHaveLength(1);
    const count = (prefix: string) => reads.filter((r) => r.startsWith(prefix)).length;
    // API calls per resource type in this estate (pages included)
    expect({
      networks: count(`compute compute/v1/projects/${SHOP_PROD.id}/global/networks`),
      subnetworks: count(`compute compute/v1/projects/${SHOP_PROD.id}/aggregated/subnetworks`),
      instances: count(`compute compute/v1/projects/${SHOP_PROD.id}/aggregated/instances`),
      zones: count('dns '),
      buckets: count('storage storage/v1/b'),
      sql: count('sqladmin '),
      bigquery: count('bigquery '),
      dataproc: count('dataproc ') + count(`compute compute/v1/projects/${SHOP_PROD.id}/regions`),
    }).toEqual({
      networks: 2, // 3 networks, 2 a page
      subnetworks: 2, // 3 regions, 2 a page
      instances: 3, // 3 zones, 1 a page
      zones: 2, // 4 zones, 3 a page
      buckets: 2 + 3, // 2 pages of buckets, one IAM policy GET each
      sql: 2, // 6 instances, 4 a page
      bigquery: 2 + 2 + 1 + 2 + 2, // datasets (2 pages), datasets.get x2, tables.list (1 + 2 pages), tables.get x2
      dataproc: 1 + 2, // regions, then clusters per region
    });
    expect(fx.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it("judges each load balancer proxy by the SSL policy it uses, Google's default when it has none", async () => {
    const [prod] = await collect([SHOP_PROD.id], ['gcp.compute.target_proxy']);
    const { outcomes } = evaluate(prod as AccountBatch);
    const tls = outcomes.filter((o) => o.row.check_id === 'gcp.compute.target_proxy_strong_tls');
    expect(tls.map((o) => [o.row.resource_name, o.row.status])).toEqual([
      ['shop-web-proxy', 'pass'],
      ['shop-legacy-proxy', 'fail'],
      ['shop-default-proxy', 'fail'],
      ['shop-tcp-proxy', 'pass'],
    ]);
    expect(tls[2]?.row.message).toContain("no SSL policy (Google's default)");
    // the policies are listed once for all proxies
    expect(fx.requests.filter((r) => r.path.endsWith('aggregated/sslPolicies'))).toHaveLength(1);
  });

  it('a proxy whose SSL policies cannot be listed is an error, not a pass', async () => {
    fx.routes[`compute GET compute/v1/projects/${SHOP_PROD.id}/aggregated/sslPolicies`] =
      googleErrors.permissionDenied(
        'compute.sslPolicies.list',
        `projects/${SHOP_PROD.id}`,
        'compute.googleapis.com',
      );
    const [prod] = await collect([SHOP_PROD.id], ['gcp.compute.target_proxy']);
    const { outcomes } = evaluate(prod as AccountBatch);
    const tls = outcomes.filter((o) => o.row.check_id === 'gcp.compute.target_proxy_strong_tls');
    // the proxy without a policy is known to use Google's default; the others' policies are unknown
    expect(tls.map((o) => o.row.status)).toEqual(['error', 'error', 'fail', 'error']);
  });

  it('an API that is not enabled is not applicable for its checks; the other services are still read', async () => {
    const [dev] = await collect([SHOP_DEV.id]);
    const c = byType(dev);
    expect(c.get('gcp.sql.instance')?.not_applicable).toMatch(
      /sqladmin\.googleapis\.com is not enabled in project shop-dev/,
    );
    expect(c.get('gcp.dataproc.cluster')?.not_applicable).toMatch(/dataproc\.googleapis\.com is not enabled/);
    expect(names(c.get('gcp.compute.instance'))).toEqual(['dev-app']);
    const { outcomes, errors } = evaluate(dev as AccountBatch);
    expect(errors).toEqual([]);
    const sql = outcomes.filter((o) => o.row.check_id.startsWith('gcp.sql.'));
    expect(sql.length).toBeGreaterThan(0);
    expect(new Set(sql.map((o) => o.row.status))).toEqual(new Set(['not_applicable']));
    expect(outcomes.filter((o) => o.row.status === 'fail').map((o) => o.row.check_id)).toEqual([]);
  });

  it('a bucket policy that cannot be read makes the public-access check error, never pass', async () => {
    fx.routes['storage GET storage/v1/b/shop-private/iam'] = googleErrors.permissionDenied(
      'storage.buckets.getIamPolicy',
      'projects/_/buckets/shop-private',
      'storage.googleapis.com',
    );
    const [prod] = await collect([SHOP_PROD.id], ['gcp.storage.bucket']);
    const { outcomes } = evaluate(prod as AccountBatch);
    const publicCheck = outcomes.filter((o) => o.row.check_id === 'gcp.storage.bucket_not_public');
    expect(publicCheck.map((o) => [o.row.resource_name, o.row.status])).toEqual([
      ['shop-public-assets', 'fail'],
      ['shop-legacy-acl', 'pass'],
      ['shop-private', 'error'],
    ]);
    expect(publicCheck[2]?.row.message).toMatch(/storage\.buckets\.getIamPolicy|PERMISSION_DENIED/);
    expect(publicCheck[0]?.row.message).toContain('allUsers has roles/storage.objectViewer');
  });

  it('a zone the aggregated list could not read fails the instances collection (an error, not fewer instances)', async () => {
    fx.routes[`compute GET compute/v1/projects/${SHOP_PROD.id}/aggregated/instances`] = aggregated(
      'instances',
      { 'zones/us-central1-a': [] },
      { unreachable: ['zones/europe-west1-b'] },
    );
    const [prod] = await collect([SHOP_PROD.id], ['gcp.compute.instance']);
    const col = byType(prod).get('gcp.compute.instance');
    expect(col?.items).toBeUndefined();
    expect(col?.error).toMatch(/^compute\.instances\.list: .*europe-west1-b/);
  });

  it('the custom role lists the permissions of every read', () => {
    const role = gcpPolicy(TYPES);
    expect(role.includedPermissions).toEqual(
      expect.arrayContaining([
        'compute.networks.list',
        'compute.subnetworks.list',
        'compute.instances.list',
        'compute.projects.get',
        'compute.regions.list',
        'dns.managedZones.list',
        'storage.buckets.list',
        'storage.buckets.getIamPolicy',
        'cloudsql.instances.list',
        'bigquery.datasets.get',
        'bigquery.tables.list',
        'bigquery.tables.get',
        'dataproc.clusters.list',
      ]),
    );
  });
});
