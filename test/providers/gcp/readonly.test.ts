import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GcpReadOnlyViolation } from '../../../src/providers/gcp/errors.js';
import { assertReadOnly, isReadOnly } from '../../../src/providers/gcp/readonly.js';
import type { GcpTransport } from '../../../src/providers/gcp/transport.js';
import { type GcpFixture, startGcpFixture } from './fixture-server.js';
import { fixtureServiceAccount, fixtureTransport, isolateGoogleEnv } from './helpers.js';

const P = 'shop-prod';
const policy = {
  version: 3,
  etag: 'BwX=',
  bindings: [{ role: 'roles/owner', members: ['user:a@example.com'] }],
};

let fx: GcpFixture;
let dir: string;
let restore: () => void;
let transport: GcpTransport;

beforeAll(async () => {
  fx = await startGcpFixture({
    routes: {
      [`cloudresourcemanager POST v3/projects/${P}:getIamPolicy`]: { body: policy },
      'cloudresourcemanager POST v1/organizations/123456789012:getIamPolicy': { body: policy },
      [`cloudresourcemanager POST v3/projects/${P}:testIamPermissions`]: { body: { permissions: ['a.b.c'] } },
      [`cloudkms GET v1/projects/${P}/locations/global/keyRings/ring/cryptoKeys/key:getIamPolicy`]: {
        body: policy,
      },
      [`iam POST v1/projects/${P}/serviceAccounts/app@${P}.iam.gserviceaccount.com:getIamPolicy`]: {
        body: policy,
      },
      'cloudresourcemanager GET v3/projects:search': { body: { projects: [] } },
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-readonly-'));
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
  transport = await fixtureTransport(fx);
});

afterAll(async () => {
  transport.close();
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the read-only guard in the transport', () => {
  it('refuses a POST that is not a read before a token is asked for or a byte is sent', async () => {
    const fresh = await fixtureTransport(fx);
    const tokensBefore = fx.tokenRequests.length;
    const e = await fresh
      .post('compute', `compute/v1/projects/${P}/global/firewalls`, { name: 'allow-all' })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GcpReadOnlyViolation);
    expect((e as GcpReadOnlyViolation).kind).toBe('failed');
    await expect(
      fresh.post('cloudresourcemanager', `v3/projects/${P}:setIamPolicy`, { policy }),
    ).rejects.toThrow(GcpReadOnlyViolation);
    expect(fx.tokenRequests.length).toBe(tokensBefore);
    expect(fx.requests).toEqual([]);
    fresh.close();
  });

  it("lets Resource Manager's POST reads through (v1 and v3, projects and organizations)", async () => {
    await expect(
      transport.post('cloudresourcemanager', `v3/projects/${P}:getIamPolicy`, {
        options: { requestedPolicyVersion: 3 },
      }),
    ).resolves.toEqual(policy);
    await expect(
      transport.post('cloudresourcemanager', 'v1/organizations/123456789012:getIamPolicy', {}),
    ).resolves.toEqual(policy);
    await expect(
      transport.post('cloudresourcemanager', `v3/projects/${P}:testIamPermissions`, {
        permissions: ['a.b.c'],
      }),
    ).resolves.toEqual({ permissions: ['a.b.c'] });
    const sent = fx.requests.find((r) => r.path === `v3/projects/${P}:getIamPolicy`);
    expect(sent?.method).toBe('POST');
    expect(JSON.parse(sent?.body ?? '{}')).toEqual({ options: { requestedPolicyVersion: 3 } });
    expect(sent?.headers['content-type']).toBe('application/json');
  });

  it('reads KMS :getIamPolicy and Resource Manager v3 projects:search with GET, as Google defines them', async () => {
    await expect(
      transport.get(
        'cloudkms',
        `v1/projects/${P}/locations/global/keyRings/ring/cryptoKeys/key:getIamPolicy`,
        {
          query: { 'options.requestedPolicyVersion': 3 },
        },
      ),
    ).resolves.toEqual(policy);
    await expect(
      transport.list('cloudresourcemanager', 'v3/projects:search', { items: 'projects' }),
    ).resolves.toEqual([]);
    // a KMS getIamPolicy sent as POST would be refused: it is not a POST read
    await expect(
      transport.post(
        'cloudkms',
        `v1/projects/${P}/locations/global/keyRings/ring/cryptoKeys/key:getIamPolicy`,
        {},
      ),
    ).rejects.toThrow(GcpReadOnlyViolation);
  });

  it("lets IAM's service account :getIamPolicy POST through", async () => {
    await expect(
      transport.post(
        'iam',
        `v1/projects/${P}/serviceAccounts/app@${P}.iam.gserviceaccount.com:getIamPolicy`,
        {},
      ),
    ).resolves.toEqual(policy);
  });

  it('refuses GETs that read customer data, not configuration', async () => {
    const before = fx.requests.length;
    for (const [api, path, query] of [
      ['secretmanager', `v1/projects/${P}/secrets/db-password/versions/latest:access`, {}],
      ['storage', 'storage/v1/b/bucket/o/backup.sql', { alt: 'media' }],
      ['bigquery', `bigquery/v2/projects/${P}/datasets/d/tables/t/data`, {}],
      ['bigquery', `bigquery/v2/projects/${P}/queries/job-1`, {}],
    ] as const) {
      await expect(transport.get(api, path, { query })).rejects.toThrow(GcpReadOnlyViolation);
    }
    expect(fx.requests.length).toBe(before);
  });
});

describe('assertReadOnly', () => {
  it('allows GET and refuses PUT, PATCH, DELETE and HEAD whatever the path', () => {
    expect(
      isReadOnly({ api: 'compute', method: 'GET', path: `compute/v1/projects/${P}/global/firewalls` }),
    ).toBe(true);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'HEAD']) {
      expect(() =>
        assertReadOnly({ api: 'compute', method, path: `compute/v1/projects/${P}/global/firewalls/fw` }),
      ).toThrow(/only calls read-only APIs/);
    }
  });

  it('matches POST reads on the whole path, not a prefix or another API', () => {
    expect(
      isReadOnly({ api: 'cloudresourcemanager', method: 'POST', path: 'v3/folders/123:getIamPolicy' }),
    ).toBe(true);
    expect(
      isReadOnly({ api: 'cloudresourcemanager', method: 'POST', path: 'v3/folders/123:getIamPolicyX' }),
    ).toBe(false);
    expect(
      isReadOnly({ api: 'cloudresourcemanager', method: 'POST', path: 'v3/folders/123:setIamPolicy' }),
    ).toBe(false);
    expect(
      isReadOnly({ api: 'cloudresourcemanager', method: 'POST', path: 'v3/projects/a/b:getIamPolicy' }),
    ).toBe(false);
    expect(isReadOnly({ api: 'storage', method: 'POST', path: 'v3/projects/p:getIamPolicy' })).toBe(false);
    expect(isReadOnly({ api: 'iam', method: 'POST', path: 'v1/projects/p/serviceAccounts/a:signBlob' })).toBe(
      false,
    );
  });
});
