import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { evaluateAccount } from '../../../src/core/engine.js';
import { type AccountBatch, type CollectOptions, ProviderError } from '../../../src/core/provider.js';
import type { GcpProviderInput } from '../../../src/providers/gcp/config.js';
import { GcpProvider } from '../../../src/providers/gcp/provider.js';
import { NORMALISERS_REGISTRY } from '../../../src/providers/normalisers.js';
import { FIREWALLS, ORGANIZATION, plantEstate, SHOP_DEV, SHOP_PROD } from './estate.js';
import { type GcpFixture, googleErrors, sequence, startGcpFixture } from './fixture-server.js';
import { FakeClock, fixtureServiceAccount, isolateGoogleEnv, SCANNER } from './helpers.js';

const GCP_CHECKS = ALL_CHECKS.filter((c) => c.id.startsWith('gcp.'));

const FIREWALL_TYPES: CollectOptions = { types: new Set(['gcp.compute.firewall_rule']) };
const firewallsOf = (p: string) => `compute GET compute/v1/projects/${p}/global/firewalls`;

let fx: GcpFixture;
let dir: string;
let restore: () => void;
let clock: FakeClock;

beforeAll(async () => {
  fx = await startGcpFixture();
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-provider-'));
  const key = fixtureServiceAccount(fx, dir);
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: key.file });
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
  clock = new FakeClock();
});
afterEach(() => {
  expect(fx.refused).toEqual([]);
});

function provider(cfg: Partial<GcpProviderInput> = {}): GcpProvider {
  return new GcpProvider(
    { type: 'gcp', max_attempts: 3, ...cfg },
    { env: fx.env(), ca: fx.pki.caPem, clock },
  );
}

async function collect(p: GcpProvider, opts: CollectOptions = FIREWALL_TYPES): Promise<AccountBatch[]> {
  const out: AccountBatch[] = [];
  for await (const b of p.collect(opts)) out.push(b);
  return out;
}

describe('the GCP provider', () => {
  it('reads every project the credential can see, each with its name, one firewall list per project', async () => {
    const p = provider();
    const batches = await collect(p);
    expect(batches.map((b) => [b.account, b.account_name])).toEqual([
      [SHOP_DEV.id, SHOP_DEV.name],
      [SHOP_PROD.id, SHOP_PROD.name],
    ]);
    const prod = batches[1]?.collections[0];
    expect(prod).toMatchObject({
      cloud: 'gcp',
      account: SHOP_PROD.id,
      region: 'global',
      type: 'gcp.compute.firewall',
    });
    expect(prod?.items?.map((i) => (i.item as { name: string }).name)).toEqual(
      FIREWALLS[SHOP_PROD.id]?.map((f) => f.name),
    );
    // three pages of two firewalls in shop-prod, one in shop-dev
    const stats = p.stats();
    expect(stats).toMatchObject({ projects: 2, collections: 2, failedCollections: 0, resources: 8 });
    expect(fx.requests.filter((r) => r.api === 'compute')).toHaveLength(4);
  });

  it("reads an organisation's projects, then include / exclude", async () => {
    const batches = await collect(provider({ organization: ORGANIZATION.id, exclude: ['shop-d*'] }));
    expect(batches.map((b) => b.account)).toEqual([SHOP_PROD.id]);
    expect(
      fx.requests.some(
        (r) => r.path === 'v3/projects' && r.query.get('parent') === `organizations/${ORGANIZATION.id}`,
      ),
    ).toBe(true);
  });

  it('a disabled API is "not applicable" for its checks in that project, with the reason', async () => {
    fx.routes[firewallsOf(SHOP_DEV.id)] = googleErrors.serviceDisabled(
      'compute.googleapis.com',
      'Compute Engine API',
      SHOP_DEV.number,
    );
    const [dev] = await collect(provider({ projects: [SHOP_DEV.id] }));
    const col = dev?.collections[0];
    expect(col?.error).toBeUndefined();
    expect(col?.items).toEqual([]);
    expect(col?.not_applicable).toBe('compute.googleapis.com is not enabled in project shop-dev');
    const { outcomes, errors } = evaluateAccount(
      dev as AccountBatch,
      { checks: GCP_CHECKS, params: new Map(), normalisers: NORMALISERS_REGISTRY, wholeAccount: true },
      { auditKey: 't', auditVersion: 'v', now: '2026-01-01T00:00:00Z', compliance: new Map() },
      new Set(),
    );
    expect(errors).toEqual([]);
    const firewallOutcomes = outcomes.filter((o) => o.row.check_id.startsWith('gcp.compute.firewall'));
    expect(firewallOutcomes.map((o) => [o.row.status, o.row.message])).toEqual([
      ['not_applicable', 'compute.googleapis.com is not enabled in project shop-dev'],
      ['not_applicable', 'compute.googleapis.com is not enabled in project shop-dev'],
    ]);
  });

  it('backs off and retries on 429 and on 403 rateLimitExceeded, which the auth library does not retry', async () => {
    fx.routes[firewallsOf(SHOP_DEV.id)] = sequence(
      googleErrors.resourceExhausted429('compute.googleapis.com', '999'),
      googleErrors.rateLimit403('compute.googleapis.com', '999'),
      fx.routes[firewallsOf(SHOP_DEV.id)] as never,
    );
    const p = provider({ projects: [SHOP_DEV.id] });
    const [dev] = await collect(p);
    expect(dev?.collections[0]?.items).toHaveLength(2);
    expect(p.stats().transport).toMatchObject({ throttled: 2, retries: 2 });
    expect(clock.sleeps.filter((ms) => ms >= 1000).length).toBeGreaterThanOrEqual(2);
  });

  it('a read that still fails is the collection error, naming the permission; never an empty list', async () => {
    fx.routes[firewallsOf(SHOP_PROD.id)] = googleErrors.permissionDenied(
      'compute.firewalls.list',
      `projects/${SHOP_PROD.id}`,
      'compute.googleapis.com',
    );
    fx.routes[firewallsOf(SHOP_DEV.id)] = sequence(
      googleErrors.rateLimit403('compute.googleapis.com', '999'),
    );
    const batches = await collect(provider({ projects: [SHOP_PROD.id, SHOP_DEV.id] }));
    const [dev, prod] = batches.map((b) => b.collections[0]);
    expect(prod?.items).toBeUndefined();
    expect(prod?.error).toMatch(/^compute\.firewalls\.list: PERMISSION_DENIED/);
    expect(dev?.error).toMatch(/rateLimitExceeded|RATE_LIMIT|PERMISSION_DENIED/);
    const { outcomes } = evaluateAccount(
      batches[1] as AccountBatch,
      { checks: GCP_CHECKS, params: new Map(), normalisers: NORMALISERS_REGISTRY, wholeAccount: true },
      { auditKey: 't', auditVersion: 'v', now: '2026-01-01T00:00:00Z', compliance: new Map() },
      new Set(),
    );
    expect(outcomes.map((o) => o.row.status)).toEqual(['error', 'error']);
  });

  it('fails the scan with the reason when the credential cannot get a token', async () => {
    const saved = fx.grants.serviceAccounts.splice(0);
    try {
      await expect(collect(provider())).rejects.toThrow(ProviderError);
      await expect(collect(provider())).rejects.toThrow(/cannot use the credentials/);
    } finally {
      fx.grants.serviceAccounts.push(...saved);
    }
  });

  it('reads as the service account of the key, every request authorised', async () => {
    await collect(provider({ projects: [SHOP_PROD.id] }));
    expect(new Set(fx.requests.map((r) => r.principal))).toEqual(new Set([SCANNER]));
  });
});
