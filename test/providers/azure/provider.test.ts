import { describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import { defineAzureCollector } from '../../../src/providers/azure/collector.js';
import { AzureProvider } from '../../../src/providers/azure/provider.js';
import { SUBSCRIPTIONS_API_VERSION } from '../../../src/providers/azure/scopes.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { BAD_STORAGE_SETTINGS, storageAccount, storageListKey, subscriptionRoutes } from './estate.js';
import { armError, armList, armThrottled } from './fixture-server.js';
import { azureFixtureForFile, FakeClock, SUB_A, SUB_B } from './helpers.js';
import { fixtureCredential } from './tokens.js';

const SUB_OFF = '5c0ffee0-3333-4abc-8def-000000000003';
const SUB_GONE = '9dead000-4444-4abc-8def-000000000004';

const fx = azureFixtureForFile();

function provider(over: Record<string, unknown> = {}, clock = new FakeClock()) {
  return new AzureProvider(
    { type: 'azure', credential: 'cli', max_attempts: 3, ...over },
    {
      credential: fixtureCredential(fx.secret),
      ca: fx.pki.caPem,
      clock,
      env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
    },
    'tenant',
  );
}

async function collect(p: AzureProvider, types = ['storage']): Promise<AccountBatch[]> {
  const out: AccountBatch[] = [];
  for await (const b of p.collect({ types: new Set(types) })) out.push(b);
  return out;
}

const names = (b: AccountBatch) =>
  (b.collections[0]?.items ?? []).map((i) => (i.item as { name: string }).name);

describe('AzureProvider', () => {
  it('collects every enabled subscription the credential lists, with names, paging and 429s', async () => {
    Object.assign(
      fx.routes,
      subscriptionRoutes([
        [SUB_A, 'Production'],
        [SUB_B, 'Staging'],
        [SUB_OFF, 'Old', 'Disabled'],
      ]),
    );
    fx.routes[storageListKey(SUB_A)] = armList(
      [
        storageAccount(SUB_A, 'data', 'proddata'),
        storageAccount(SUB_A, 'data', 'prodlogs', BAD_STORAGE_SETTINGS),
      ],
      { pageSize: 1 },
    );
    fx.routes[storageListKey(SUB_B)] = [
      armThrottled(7, SUB_B),
      { body: { value: [storageAccount(SUB_B, 'web', 'stagingweb')] } },
    ];
    const clock = new FakeClock();
    const p = provider({}, clock);
    const batches = await collect(p);

    expect(batches.map((b) => [b.account, b.account_name])).toEqual([
      [SUB_A, 'Production'],
      [SUB_B, 'Staging'],
    ]);
    expect(names(batches[0] as AccountBatch)).toEqual(['proddata', 'prodlogs']);
    expect(names(batches[1] as AccountBatch)).toEqual(['stagingweb']);
    // Retry-After: 7 was waited for, not guessed
    expect(clock.sleeps).toContain(7000);
    expect(p.stats()).toMatchObject({
      throttled: 1,
      resources: 3,
      collections: 2,
      failedCollections: 0,
      subscriptions: 2,
    });
    // the disabled subscription is never read
    expect(fx.requests.some((r) => r.path.includes(SUB_OFF))).toBe(false);
    expect(fx.refused).toEqual([]);
    // every request carried a Resource Manager token
    expect(fx.requests.every((r) => r.claims.aud === 'https://management.azure.com')).toBe(true);

    // the raw items normalise into storage records of the subscription
    const { records, errors } = normaliseCollection(batches[0]?.collections[0] as never);
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.com.name, r.com.account, r.ext.https_only])).toEqual([
      ['proddata', SUB_A, true],
      ['prodlogs', SUB_A, false],
    ]);
    // access key ages are as at collection (the raw item carries its time); a key Azure has no
    // creation time for is named, and the age of the oldest key is then unknown
    expect(records.map((r) => [r.ext.access_key_oldest_days, r.ext.access_key_creation_unrecorded])).toEqual([
      [10, []],
      [null, ['key2']],
    ]);
    expect(typeof records[0]?.raw.collected_at).toBe('string');
  });

  it('reports a list that cannot be read as the collection error, naming the permission and Azure code', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]));
    fx.routes[storageListKey(SUB_A)] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read' over scope '/subscriptions/${SUB_A}'.`,
    );
    const [batch] = await collect(provider());
    expect(batch?.collections[0]?.items).toBeUndefined();
    expect(batch?.collections[0]?.error).toMatch(
      /^Microsoft\.Storage\/storageAccounts\/read: AuthorizationFailed: .*\(HTTP 403\)/,
    );
  });

  it('ends throttled after its retries: an error, not an empty subscription', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_A, 'Production']]));
    fx.routes[storageListKey(SUB_A)] = armThrottled(2, SUB_A);
    const [batch] = await collect(provider({ max_attempts: 2 }));
    expect(batch?.collections[0]?.error).toContain('SubscriptionRequestsThrottled');
  });

  it('reads a list of subscriptions by id; one that cannot be read is an error batch', async () => {
    fx.routes[`arm /subscriptions/${SUB_A}?api-version=${SUBSCRIPTIONS_API_VERSION}`] = {
      body: { subscriptionId: SUB_A, displayName: 'Production', state: 'Enabled' },
    };
    fx.routes[`arm /subscriptions/${SUB_GONE}?api-version=${SUBSCRIPTIONS_API_VERSION}`] = armError(
      404,
      'SubscriptionNotFound',
      `The subscription '${SUB_GONE}' could not be found.`,
    );
    fx.routes[storageListKey(SUB_A)] = armList([]);
    const batches = await collect(provider({ subscriptions: [SUB_A, SUB_GONE] }));
    const gone = batches.find((b) => b.account === SUB_GONE);
    expect(gone?.collections[0]?.error).toContain('SubscriptionNotFound');
    expect(batches.find((b) => b.account === SUB_A)?.collections[0]?.items).toEqual([]);
    // nothing was listed: only the subscriptions asked for
    expect(fx.requests.some((r) => r.path === '/subscriptions')).toBe(false);
  });

  it('applies include and exclude to the listed subscriptions', async () => {
    Object.assign(
      fx.routes,
      subscriptionRoutes([
        [SUB_A, 'Production'],
        [SUB_B, 'Staging'],
      ]),
    );
    fx.routes[storageListKey(SUB_B)] = armList([]);
    const batches = await collect(provider({ exclude: [SUB_A] }));
    expect(batches.map((b) => b.account)).toEqual([SUB_B]);
  });

  it('refuses to run when no subscription is left to scan', async () => {
    Object.assign(fx.routes, subscriptionRoutes([[SUB_OFF, 'Old', 'Disabled']]));
    await expect(collect(provider())).rejects.toThrow(/no subscription to scan/);
  });

  it('names the credential problem when no token can be had', async () => {
    const p = new AzureProvider(
      { type: 'azure' },
      {
        credential: {
          getToken: async () => {
            throw new Error('not logged in');
          },
        },
        env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
      },
    );
    await expect(collect(p)).rejects.toThrow(/cannot use the credential.*not logged in/);
  });

  it('collects tenant-wide types once, as the batch of the tenant', async () => {
    const tenantSetting = defineAzureCollector<unknown>({
      type: 'azure.test.tenant_setting',
      level: 'tenant',
      api: 'graph',
      list: {
        permission: 'graph:Policy.Read.All',
        single: (t) => t.get('graph', '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy'),
      },
    });
    fx.routes['graph /v1.0/policies/identitySecurityDefaultsEnforcementPolicy'] = {
      body: { isEnabled: true },
    };
    const p = new AzureProvider(
      { type: 'azure' },
      {
        credential: fixtureCredential(fx.secret),
        ca: fx.pki.caPem,
        clock: new FakeClock(),
        collectors: [tenantSetting],
        produces: () => [],
        env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
      },
    );
    const batches = await collect(p, ['azure.test.tenant_setting']);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.account_name).toMatch(/^Entra ID tenant /);
    expect(batches[0]?.collections[0]?.items).toEqual([{ item: { isEnabled: true } }]);
    expect(fx.requests.map((r) => r.api)).toEqual(['graph']);
  });
});
