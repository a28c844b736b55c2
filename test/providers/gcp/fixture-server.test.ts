import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GcpApiDisabledError } from '../../../src/providers/gcp/errors.js';
import type { GcpTransport } from '../../../src/providers/gcp/transport.js';
import { type GcpFixture, startGcpFixture } from './fixture-server.js';
import { FLIGHTS_AVAILABLE, flight } from './flights.js';
import { fixtureServiceAccount, fixtureTransport, isolateGoogleEnv } from './helpers.js';

let fx: GcpFixture;
let dir: string;
let restore: () => void;
let transport: GcpTransport;

beforeAll(async () => {
  fx = await startGcpFixture({
    routes: { 'dns GET dns/v1/projects/p1/managedZones': { body: { managedZones: [] } } },
    // APIs Cloudward does not read, for recorded answers below: their roots must be here too
    apis: ['spanner', 'appengine'],
  });
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-fixture-'));
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
  transport = await fixtureTransport(fx);
});

afterAll(async () => {
  transport.close();
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  fx.requests.length = 0;
  fx.refused.length = 0;
});

/** A raw HTTPS GET to the fixture, trusting its CA, with the headers given. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${fx.origin}${path}`, { ca: fx.pki.caPem, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the fixture server', () => {
  it('answers a request without a bearer token 401 UNAUTHENTICATED, as Google does, and lists it', async () => {
    const r = await rawGet('/dns/dns/v1/projects/p1/managedZones', {});
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.status).toBe('UNAUTHENTICATED');
    expect(fx.refused).toEqual([
      { api: 'dns', method: 'GET', path: 'dns/v1/projects/p1/managedZones', authorization: '' },
    ]);
    expect(fx.requests).toEqual([]);
  });

  it('refuses a token it did not mint', async () => {
    const r = await rawGet('/dns/dns/v1/projects/p1/managedZones', { authorization: 'Bearer ya29.forged' });
    expect(r.status).toBe(401);
    expect(fx.refused).toHaveLength(1);
  });

  it('serves a route to a token it minted, recording who asked', async () => {
    const token = fx.issueToken('someone@p1.iam.gserviceaccount.com');
    const r = await rawGet('/dns/dns/v1/projects/p1/managedZones', { authorization: `Bearer ${token}` });
    expect(r).toEqual({ status: 200, body: '{"managedZones":[]}' });
    expect(fx.requests[0]?.principal).toBe('someone@p1.iam.gserviceaccount.com');
  });

  it('gives roots for every known API, so no read without a route ever leaves for Google', () => {
    const env = fx.env();
    for (const api of [
      'compute',
      'sqladmin',
      'cloudkms',
      'cloudresourcemanager',
      'oauth2',
      'iamcredentials',
    ]) {
      expect(env[`CLOUDWARD_GCP_ENDPOINT_${api.toUpperCase()}`]).toBe(`${fx.origin}/${api}/`);
    }
  });
});

describe.skipIf(!FLIGHTS_AVAILABLE)('recorded Google answers through the transport', () => {
  if (!FLIGHTS_AVAILABLE) console.log('skipping recorded GCP answers: the shared reference data is absent');
  const P = 'cloud-custodian';

  it('API not enabled, in its three recorded forms, is disabled with the service named', async () => {
    fx.routes[`sqladmin GET sql/v1beta4/projects/${P}/instances`] = flight(
      'sql-api-disabled/get-sql-v1beta4-projects-cloud-custodian-instances_1.json',
    );
    fx.routes[`spanner GET v1/projects/${P}/instances`] = flight(
      'spanner-api-disabled/get-v1-projects-cloud-custodian-instances_1.json',
    );
    fx.routes[`appengine GET v1/apps/${P}`] = flight(
      'app-engine-api-disabled/get-v1-apps-cloud-custodian_1.json',
    );
    const target = { id: P, number: '123456789123' };
    const sql = await transport
      .list('sqladmin', `sql/v1beta4/projects/${P}/instances`, { items: 'items', project: target })
      .catch((e: unknown) => e);
    const spanner = await transport
      .list('spanner', `v1/projects/${P}/instances`, { items: 'instances', project: target })
      .catch((e: unknown) => e);
    const app = await transport
      .get('appengine', `v1/apps/${P}`, { project: target })
      .catch((e: unknown) => e);
    expect([sql, spanner, app].map((e) => (e as GcpApiDisabledError).service)).toEqual([
      'sqladmin.googleapis.com',
      'spanner.googleapis.com',
      'appengine.googleapis.com',
    ]);
    for (const e of [sql, spanner, app]) expect(e).toBeInstanceOf(GcpApiDisabledError);
  });

  it('recorded 404s are absent (compute notFound, Cloud SQL instanceDoesNotExist, Access Approval NOT_FOUND)', async () => {
    fx.routes[`compute GET compute/v1/projects/${P}/global/firewalls/test`] = flight(
      'firewall-delete/get-compute-v1-projects-cloud-custodian-global-firewalls-test_1.json',
    );
    fx.routes[`sqladmin GET sql/v1beta4/projects/${P}/instances/brenttest-5`] = flight(
      'sqlinstance-terminate/get-sql-v1beta4-projects-cloud-custodian-instances-brenttest-5_1.json',
    );
    fx.routes[`accessapproval GET v1/projects/${P}/accessApprovalSettings`] = flight(
      'filter-access-approval-disabled/get-v1-projects-cloud-custodian-accessApprovalSettings_1.json',
    );
    const got = await Promise.all([
      transport.get('compute', `compute/v1/projects/${P}/global/firewalls/test`).catch((e: unknown) => e),
      transport.get('sqladmin', `sql/v1beta4/projects/${P}/instances/brenttest-5`).catch((e: unknown) => e),
      transport.get('accessapproval', `v1/projects/${P}/accessApprovalSettings`).catch((e: unknown) => e),
    ]);
    expect(got.map((e) => [(e as { kind: string }).kind, (e as { code: string }).code])).toEqual([
      ['absent', 'notFound'],
      ['absent', 'instanceDoesNotExist'],
      ['absent', 'NOT_FOUND'],
    ]);
  });

  it("a recorded FAILED_PRECONDITION is failed, carrying the status a collector may declare as 'not configured'", async () => {
    fx.routes[`accessapproval GET v1/projects/${P}/accessApprovalSettings`] = flight(
      'filter-access-approval-disabled-precon/get-v1-projects-cloud-custodian-accessApprovalSettings_1.json',
    );
    const e = await transport
      .get('accessapproval', `v1/projects/${P}/accessApprovalSettings`)
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'failed', code: 'FAILED_PRECONDITION', status: 400 });
  });

  it('recorded aggregatedLists: empty scopes (NO_RESULTS_ON_PAGE) skipped, instances by zone', async () => {
    fx.routes[`compute GET compute/v1/projects/${P}/aggregated/disks`] = flight(
      'disk-recommend/get-compute-v1-projects-cloud-custodian-aggregated-disks_1.json',
    );
    fx.routes[`compute GET compute/v1/projects/${P}/aggregated/instances`] = flight(
      'instance-create-machine-instance/get-compute-v1-projects-cloud-custodian-aggregated-instances_1.json',
    );
    const disks = await transport.aggregatedList<{ name: string }>(
      `compute/v1/projects/${P}/aggregated/disks`,
      {
        items: 'disks',
      },
    );
    // 150 scopes answered, all but one with NO_RESULTS_ON_PAGE: neither items nor problems
    expect(new Set(disks.items.map((i) => i.scope))).toEqual(new Set(['zones/us-central1-a']));
    expect(disks.unreachable).toEqual([]);
    expect(disks.warnings).toEqual([]);
    const vms = await transport.aggregatedList<{ name: string }>(
      `compute/v1/projects/${P}/aggregated/instances`,
      {
        items: 'instances',
      },
    );
    expect(vms.items.map((i) => `${i.scope} ${i.item.name}`)).toContain('zones/us-central1-a test-ingwar');
    expect(vms.unreachable).toEqual([]);
  });

  it('a recorded two-page list follows its nextPageToken', async () => {
    const first = flight('ami-role-query/get-v1-roles_1.json');
    const second = flight('ami-role-query/get-v1-roles_2.json');
    fx.routes['iam GET v1/roles'] = (req) => (req.query.get('pageToken') ? second : first);
    const roles = await transport.list<{ name: string }>('iam', 'v1/roles', { items: 'roles' });
    expect(roles.map((r) => r.name)).toEqual([
      'roles/accesscontextmanager.policyAdmin',
      'roles/spanner.viewer',
    ]);
    const token = (first.body as { nextPageToken: string }).nextPageToken;
    expect(fx.requests.at(-1)?.query.get('pageToken')).toBe(token);
  });
});
