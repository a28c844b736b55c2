import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeGcpError, type GcpErrorKind, isGcpError } from '../../../src/providers/gcp/errors.js';
import { limitScopesFor } from '../../../src/providers/gcp/limiter.js';
import { isReadOnly, type ReadRequest } from '../../../src/providers/gcp/readonly.js';
import type { GcpTransport } from '../../../src/providers/gcp/transport.js';
import type { CloudAdapter } from '../../../src/providers/kit/adapter.js';
import { defineCollector, type KitContext } from '../../../src/providers/kit/collector.js';
import { type GcpFixture, googleErrors, pagedList, startGcpFixture } from '../gcp/fixture-server.js';
import { fixtureServiceAccount, fixtureTransport, isolateGoogleEnv } from '../gcp/helpers.js';

/**
 * The kit's adapter interface fits the GCP REST transport: a GCP adapter built from the GCP
 * provider's own pieces (error kinds, read-only verdict, quota scopes) runs a declared collector
 * against the GCP fixture server, with paging, an enrichment whose 404 means "absent", and an
 * enrichment that fails. (No GCP collector ships yet; this is the shape it will take.)
 */

const gcpAdapter: CloudAdapter<GcpErrorKind, ReadRequest> = {
  cloud: 'gcp',
  typePattern: /^gcp\.[a-z0-9]+(_[a-z0-9]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/,
  matches: (err, kinds) => isGcpError(err) && (kinds ?? []).includes(err.kind),
  describeError: describeGcpError,
  answer: (a) => a,
  isReadOnly,
  limiterKey: (where, api, path) => limitScopesFor(api, path, where.account, 'caller')[0]?.key ?? api,
  policy: (permissions) => ({ title: 'Cloudward read-only', includedPermissions: [...permissions].sort() }),
};

const P = 'shop-prod';
const FIREWALLS = `compute/v1/projects/${P}/global/firewalls`;

interface GcpContext extends KitContext {
  transport: GcpTransport;
}

const firewalls = defineCollector<GcpContext, GcpTransport, { name: string }, never, GcpErrorKind>(
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
  });
});
