import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseGcpProviderConfig } from '../../../src/providers/gcp/config.js';
import { createGcpTransport } from '../../../src/providers/gcp/index.js';
import { type GcpFixture, startGcpFixture } from './fixture-server.js';
import { fixtureTransport, isolateGoogleEnv } from './helpers.js';
import { type MetadataServer, startMetadataServer } from './metadata-server.js';

// A file of its own: the auth library remembers, per process, whether a metadata server answered.

const VM_ACCOUNT = '123456789012-compute@developer.gserviceaccount.com';
const P = 'shop-prod';

let fx: GcpFixture;
let md: MetadataServer;
let restore: (() => void) | undefined;

beforeAll(async () => {
  fx = await startGcpFixture({
    routes: {
      'storage GET storage/v1/b': { body: { kind: 'storage#buckets', items: [{ name: 'shop-assets' }] } },
    },
  });
  md = await startMetadataServer({ email: VM_ACCOUNT, projectId: P, issueToken: fx.issueToken });
});

afterEach(() => {
  restore?.();
  restore = undefined;
});

afterAll(async () => {
  await md.close();
  await fx.close();
});

describe('the metadata server (GCE_METADATA_HOST)', () => {
  it("gives the VM's service account token, used for the reads; every request carries Metadata-Flavor", async () => {
    restore = isolateGoogleEnv({ GCE_METADATA_HOST: md.host, METADATA_SERVER_DETECTION: undefined });
    const transport = await fixtureTransport(fx);
    const buckets = await transport.list<{ name: string }>('storage', 'storage/v1/b', {
      items: 'items',
      project: P,
      query: { project: P },
    });
    expect(buckets.map((b) => b.name)).toEqual(['shop-assets']);
    expect(fx.requests.map((r) => [r.principal, r.query.get('project')])).toEqual([[VM_ACCOUNT, P]]);
    expect(await transport.caller()).toMatchObject({
      kind: 'compute',
      email: VM_ACCOUNT,
      universe: 'googleapis.com',
    });
    transport.close();

    const paths = md.requests.map((r) => r.path.split('?')[0]);
    expect(paths).toContain('/computeMetadata/v1/instance');
    expect(paths).toContain('/computeMetadata/v1/instance/service-accounts/default/token');
    expect(md.requests.every((r) => r.flavored)).toBe(true);
    const token = md.requests.find((r) => r.path.includes('/token'));
    expect(decodeURIComponent(token?.path ?? '')).toContain(
      'scopes=https://www.googleapis.com/auth/cloud-platform',
    );
  });

  it('the stand-in refuses a request without Metadata-Flavor: Google, as the real one does', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const [host, port] = md.host.split(':');
      request(
        { host, port: Number(port), path: '/computeMetadata/v1/instance/service-accounts/default/token' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('takes the universe the metadata server names', async () => {
    const sovereign = await startMetadataServer({
      email: VM_ACCOUNT,
      projectId: P,
      issueToken: fx.issueToken,
      universe: 'sovereign.example',
    });
    restore = isolateGoogleEnv({ GCE_METADATA_HOST: sovereign.host, METADATA_SERVER_DETECTION: undefined });
    try {
      const transport = await createGcpTransport(parseGcpProviderConfig({ type: 'gcp' }), { env: {} });
      expect(transport.endpoints.root('compute')).toBe('https://compute.sovereign.example/');
      transport.close();
    } finally {
      await sovereign.close();
    }
  });
});
