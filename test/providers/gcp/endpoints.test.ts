import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GcpEndpoints } from '../../../src/providers/gcp/apis.js';
import { GcpConfigError, GcpFailedError } from '../../../src/providers/gcp/errors.js';
import { type GcpFixture, startGcpFixture } from './fixture-server.js';
import { FakeClock, fixtureServiceAccount, fixtureTransport, isolateGoogleEnv } from './helpers.js';

describe('endpoint resolution', () => {
  it('gives https://<api>.googleapis.com/ by default, for any API name', () => {
    const ep = GcpEndpoints.resolve({}, {});
    expect(ep.root('compute')).toBe('https://compute.googleapis.com/');
    expect(ep.root('sqladmin')).toBe('https://sqladmin.googleapis.com/');
    expect(ep.root('essentialcontacts')).toBe('https://essentialcontacts.googleapis.com/');
    expect(ep.endpoint('cloudasset').source).toBe('universe');
  });

  it('CLOUDWARD_GCP_ENDPOINT_<API> replaces the root, keeping its path, and wins over the config', () => {
    const ep = GcpEndpoints.resolve(
      { endpoints: { compute: 'https://config.internal/compute', sqladmin: 'https://config.internal/sql/' } },
      {
        CLOUDWARD_GCP_ENDPOINT_COMPUTE: 'https://proxy.internal:8443/gcp/compute',
        CLOUDWARD_GCP_ENDPOINT_CLOUDKMS: 'https://kms.p.googleapis.com',
      },
    );
    expect(ep.endpoint('compute')).toEqual({
      api: 'compute',
      root: 'https://proxy.internal:8443/gcp/compute/',
      source: 'CLOUDWARD_GCP_ENDPOINT_COMPUTE',
    });
    expect(ep.endpoint('sqladmin')).toEqual({
      api: 'sqladmin',
      root: 'https://config.internal/sql/',
      source: 'config',
    });
    expect(ep.root('cloudkms')).toBe('https://kms.p.googleapis.com/');
    expect(ep.root('storage')).toBe('https://storage.googleapis.com/');
    expect(
      ep
        .overridden()
        .map((o) => o.api)
        .sort(),
    ).toEqual(['cloudkms', 'compute', 'sqladmin']);
  });

  it('refuses http, credentials, queries and bad API names, naming every bad value at once', () => {
    let message = '';
    try {
      GcpEndpoints.resolve(
        { endpoints: { compute: 'http://proxy.internal/compute/', Storage: 'https://x/' } },
        {
          CLOUDWARD_GCP_ENDPOINT_SQL_ADMIN: 'https://x/',
          CLOUDWARD_GCP_ENDPOINT_DNS: 'https://user:pw@x/',
          CLOUDWARD_GCP_ENDPOINT_IAM: 'https://x/?a=1',
        },
      );
    } catch (e) {
      expect(e).toBeInstanceOf(GcpConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain(
      "providers.gcp.endpoints.compute: 'http://proxy.internal/compute/' is not HTTPS",
    );
    expect(message).toContain("providers.gcp.endpoints: 'Storage' is not a Google API name");
    expect(message).toContain("CLOUDWARD_GCP_ENDPOINT_SQL_ADMIN: 'sql_admin' is not a Google API name");
    expect(message).toContain('CLOUDWARD_GCP_ENDPOINT_DNS: credentials in the URL are refused');
    expect(message).toContain('CLOUDWARD_GCP_ENDPOINT_IAM: an endpoint has no query or fragment');
  });

  it('takes the universe from the config, then GOOGLE_CLOUD_UNIVERSE_DOMAIN, then the credential', () => {
    expect(
      GcpEndpoints.resolve(
        { universe_domain: 'cfg.example' },
        { GOOGLE_CLOUD_UNIVERSE_DOMAIN: 'env.example' },
      ).root('dns'),
    ).toBe('https://dns.cfg.example/');
    const fromEnv = GcpEndpoints.resolve({}, { GOOGLE_CLOUD_UNIVERSE_DOMAIN: 'env.example' });
    expect(fromEnv.root('dns')).toBe('https://dns.env.example/');
    // an explicit universe is not replaced by the credential's
    expect(fromEnv.withUniverse('cred.example').root('dns')).toBe('https://dns.env.example/');
    const fromCredential = GcpEndpoints.resolve(
      {},
      { CLOUDWARD_GCP_ENDPOINT_DNS: 'https://dns.internal/' },
    ).withUniverse('cred.example');
    expect(fromCredential.root('logging')).toBe('https://logging.cred.example/');
    // overrides stay in any universe
    expect(fromCredential.root('dns')).toBe('https://dns.internal/');
    expect(() => GcpEndpoints.resolve({ universe_domain: 'not a domain' }, {})).toThrow(
      /not a universe domain/,
    );
  });
});

describe('an endpoint that does not answer', () => {
  let fx: GcpFixture;
  let dir: string;
  let restore: () => void;
  let closedPort: number;

  beforeAll(async () => {
    fx = await startGcpFixture();
    dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-endpoints-'));
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
    // a port that was free a moment ago: connections to it are refused
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  afterAll(async () => {
    restore();
    await fx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is retried, then failed with the network code; the error holds no token', async () => {
    const clock = new FakeClock();
    // the token comes from the fixture; the compute root points at the refused port
    const down = `https://127.0.0.1:${closedPort}/compute/`;
    const t2 = await fixtureTransport(
      fx,
      { max_attempts: 3 },
      {
        clock,
        env: { ...fx.env(), CLOUDWARD_GCP_ENDPOINT_COMPUTE: down },
      },
    );
    const e = (await t2.get('compute', 'compute/v1/projects/p1').catch((x: unknown) => x)) as GcpFailedError;
    expect(e).toBeInstanceOf(GcpFailedError);
    expect(e.code).toBe('ECONNREFUSED');
    expect(clock.sleeps).toHaveLength(2);
    const everything = JSON.stringify({ ...e, text: e.message, cause: String(e.cause) });
    expect(everything).not.toMatch(/ya29|Bearer/);
    t2.close();
  });
});
