import type { TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { AccountBatch, CollectOptions } from '../../../src/core/provider.js';
import { type AzureCloudName, resolveEndpoints } from '../../../src/providers/azure/clouds.js';
import type { Clock } from '../../../src/providers/azure/limiter.js';
import { AzureProvider } from '../../../src/providers/azure/provider.js';
import { AzureTransport, type AzureTransportOptions } from '../../../src/providers/azure/transport.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { type AzureFixture, type FixtureRoutes, startAzureFixture } from './fixture-server.js';
import { fixtureCredential } from './tokens.js';

/** A clock whose sleeps return at once and advance time: waits are counted, not waited. */
export class FakeClock implements Clock {
  t = 1_000_000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}

/**
 * The file's fixture server: started before its tests and closed after them; before each test it
 * forgets what the last one served and asked, and serves `routes()` when given. The object
 * returned is the server once the file's tests start.
 */
export function azureFixtureForFile(routes?: () => FixtureRoutes): AzureFixture {
  const fx = {} as AzureFixture;
  beforeAll(async () => {
    Object.assign(fx, await startAzureFixture());
  });
  afterAll(async () => {
    await fx.close?.();
  });
  beforeEach(() => {
    fx.reset();
    if (routes) Object.assign(fx.routes, routes());
  });
  return fx;
}

export const SUB_A = '0d3e1f2a-1111-4a5b-8c9d-0123456789ab';
export const SUB_B = '7a1f2b3c-2222-4d5e-9f00-fedcba987654';

/**
 * A transport on the fixture: endpoints overridden the way a user does it (the environment
 * variables, with a path), the fixture's CA trusted in-process, a fixture credential and a
 * fake clock unless given.
 */
export function fixtureTransport(
  fx: AzureFixture,
  over: Partial<AzureTransportOptions> & { cloud?: AzureCloudName; credential?: TokenCredential } = {},
): { transport: AzureTransport; clock: FakeClock; credential: TokenCredential } {
  const clock = new FakeClock();
  const credential = over.credential ?? fixtureCredential(fx.secret);
  const endpoints = resolveEndpoints(
    { cloud: over.cloud ?? fx.cloud },
    {
      CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
      CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
      CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: fx.keyvaultUrl,
    },
  );
  const transport = new AzureTransport({
    endpoints,
    credential,
    ca: fx.pki.caPem,
    clock,
    random: () => 0.5,
    ...over,
  });
  return { transport, clock, credential };
}

/**
 * A provider on the fixture, built as a user's configuration would be: Resource Manager, Graph
 * and Key Vault endpoints overridden through the environment, the fixture's CA trusted, a
 * fixture credential and a fake clock. Two attempts a request unless told otherwise.
 */
export function fixtureProvider(fx: AzureFixture, opts: { maxAttempts?: number } = {}): AzureProvider {
  return new AzureProvider(
    { type: 'azure', credential: 'cli', max_attempts: opts.maxAttempts ?? 2 },
    {
      credential: fixtureCredential(fx.secret),
      ca: fx.pki.caPem,
      clock: new FakeClock(),
      env: {
        CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl,
        CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl,
        CLOUDWARD_AZURE_KEYVAULT_ENDPOINT: fx.keyvaultUrl,
      },
    },
    'tenant',
  );
}

/** Every account batch a collection yields. */
export async function collectBatches(provider: AzureProvider, opts: CollectOptions): Promise<AccountBatch[]> {
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect(opts)) batches.push(b);
  return batches;
}

/**
 * Collects one type (with only the given enrichment facts, when named) and normalises the first
 * account's collection of it.
 */
export async function collectType(provider: AzureProvider, type: string, facts?: readonly string[]) {
  const batches = await collectBatches(provider, {
    types: new Set([type]),
    ...(facts ? { facts: new Map([[type, new Set(facts)]]) } : {}),
  });
  const collection = batches[0]?.collections.find((c) => c.type === type);
  return { batches, collection, ...normaliseCollection(collection as never) };
}

/** A subscription as GET /subscriptions (api-version 2022-12-01) lists it. */
export function subscriptionItem(
  id: string,
  displayName: string,
  state = 'Enabled',
  tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47',
) {
  return {
    id: `/subscriptions/${id}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: id,
    tenantId,
    displayName,
    state,
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
  };
}
