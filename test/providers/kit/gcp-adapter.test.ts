import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GcpErrorMatch, gcpAdapter } from '../../../src/providers/gcp/adapter.js';
import { GcpAbsentError } from '../../../src/providers/gcp/errors.js';
import type { GcpTransport } from '../../../src/providers/gcp/transport.js';
import { defineCollector, type KitContext } from '../../../src/providers/kit/collector.js';
import { type GcpFixture, googleErrors, pagedList, startGcpFixture } from '../gcp/fixture-server.js';
import { fixtureServiceAccount, fixtureTransport, isolateGoogleEnv } from '../gcp/helpers.js';

/**
 * The GCP adapter (src/providers/gcp/adapter.ts) fits the kit: a collector declared with the
 * kit's own defineCollector runs against the GCP fixture server through the GCP transport, with
 * paging, an enrichment whose 404 means "absent", and an enrichment that fails.
 */

const P = 'shop-prod';
const FIREWALLS = `compute/v1/projects/${P}/global/firewalls`;

interface GcpContext extends KitContext {
  transport: GcpTransport;
}

const firewalls = defineCollector<GcpContext, GcpTransport, { name: string }, never, GcpErrorMatch>(
  gcpAdapter,
  {
    type: 'gcp.compute.firewall',
    scope: 'global',
    rateScope: 'compute',
    open: (ctx) => ctx.transport,
    list: {
      permission: 'compute.firewalls.list',
      all: (t) => t.list<{ name: string }>('compute', FIREWALLS, { items: 'items', project: P }),
    },
    enrich: {
      policy: {
        permission: 'compute.firewallPolicies.get',
        absentOn: ['absent'],
        call: (t, fw) => t.get('compute', `${FIREWALLS}/${fw.name}/policy`, { project: P }),
      },
    },
  },
);

let fx: GcpFixture;
let dir: string;
let restore: () => void;
let transport: GcpTransport;

beforeAll(async () => {
  fx = await startGcpFixture();
  dir = mkdtempSync(join(tmpdir(), 'cloudward-kit-gcp-'));
  const key = fixtureServiceAccount(fx, dir);
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: key.file });
  transport = await fixtureTransport(fx, { max_attempts: 1 });
});
afterAll(async () => {
  transport.close();
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a kit collector over the GCP transport', () => {
  it('pages, stores "absent" as null and a failure as {__error}, and derives its permissions', async () => {
    fx.routes[`compute GET ${FIREWALLS}`] = pagedList(
      'items',
      [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      {
        pageSize: 2,
      },
    );
    fx.routes[`compute GET ${FIREWALLS}/a/policy`] = { body: { rules: [] } };
    fx.routes[`compute GET ${FIREWALLS}/b/policy`] = googleErrors.notFound();
    fx.routes[`compute GET ${FIREWALLS}/c/policy`] = googleErrors.permissionDenied(
      'compute.firewallPolicies.get',
      P,
      'compute.googleapis.com',
    );
    const ctx: GcpContext = {
      account: P,
      region: 'global',
      itemConcurrency: 2,
      memo: (_k, load) => load(),
      transport,
    };
    const raw = await firewalls.run(ctx);
    expect(raw.map((r) => (r.item as { name: string }).name)).toEqual(['a', 'b', 'c']);
    expect(raw[0]?.policy).toEqual({ rules: [] });
    expect(raw[1]?.policy).toBeNull();
    expect(raw[2]?.policy).toMatchObject({ __error: expect.stringMatching(/denied|PERMISSION_DENIED/i) });
    expect(firewalls.permissions).toEqual(['compute.firewalls.list', 'compute.firewallPolicies.get']);
    expect(gcpAdapter.isReadOnly({ api: 'compute', method: 'DELETE', path: FIREWALLS })).toBe(false);
    expect(gcpAdapter.limiterKey({ account: P, region: 'global' }, 'compute', FIREWALLS)).toContain(P);
    expect(gcpAdapter.policy(firewalls.permissions)).toMatchObject({
      includedPermissions: ['compute.firewallPolicies.get', 'compute.firewalls.list'],
    });
  });

  it('matches an error by its kind or by a code Google sent', () => {
    const absent = new GcpAbsentError({
      api: 'compute',
      method: 'GET',
      path: FIREWALLS,
      status: 404,
      code: 'notFound',
      message: 'not found',
      codes: ['HTTP404'],
    });
    expect(gcpAdapter.matches(absent, ['absent'])).toBe(true);
    expect(gcpAdapter.matches(absent, ['notFound'])).toBe(true);
    expect(gcpAdapter.matches(absent, ['disabled', 'PERMISSION_DENIED'])).toBe(false);
    expect(gcpAdapter.matches(new Error('notFound'), ['notFound'])).toBe(false);
  });
});
