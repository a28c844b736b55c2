import { describe, expect, it } from 'vitest';
import type { AccountBatch } from '../../../src/core/provider.js';
import { azurePolicy } from '../../../src/providers/azure/policy.js';
import { AZURE_HIERARCHY_SOURCE, AzureProvider } from '../../../src/providers/azure/provider.js';
import { groupDescendant, rootGroupKeys, storageListKey, subscriptionRoutes } from './estate.js';
import { armError, armList } from './fixture-server.js';
import { azureFixtureForFile, SUB_A, SUB_B } from './helpers.js';
import { fixtureCredential, TEST_TENANT } from './tokens.js';

/** Each subscription's management group chain, read through the transport from the fixture. */

const SUB_C = '3c0ffee0-3333-4abc-8def-000000000003';
const { descendants: DESCENDANTS } = rootGroupKeys(TEST_TENANT);

const fx = azureFixtureForFile(() => ({
  ...subscriptionRoutes([
    [SUB_A, 'Production'],
    [SUB_B, 'Staging'],
    [SUB_C, 'Sandbox'],
  ]),
  ...Object.fromEntries([SUB_A, SUB_B, SUB_C].map((s) => [storageListKey(s), armList([])])),
}));

async function collect(): Promise<AccountBatch[]> {
  const p = new AzureProvider(
    { type: 'azure', credential: 'cli', max_attempts: 1 },
    {
      credential: fixtureCredential(fx.secret),
      ca: fx.pki.caPem,
      env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
    },
  );
  const out: AccountBatch[] = [];
  for await (const b of p.collect({ types: new Set(['storage']) })) out.push(b);
  return out;
}

const root = { kind: 'management_group', id: TEST_TENANT, name: 'Tenant Root Group' };
const platform = { kind: 'management_group', id: 'platform', name: 'Platform' };
const landing = { kind: 'management_group', id: 'landing-zones', name: 'Landing zones' };

describe('the management group chain of each subscription', () => {
  it('from the tenant root group down, in the root read and one paged descendants list', async () => {
    // listed children before parents or after: the chain does not depend on the order
    fx.routes[DESCENDANTS] = armList(
      [
        groupDescendant('subscription', SUB_B, 'Staging', 'corp'),
        groupDescendant('group', 'platform', 'Platform', TEST_TENANT),
        groupDescendant('group', 'corp', 'Corp', 'landing-zones'),
        groupDescendant('group', 'landing-zones', 'Landing zones', TEST_TENANT),
        groupDescendant('subscription', SUB_A, 'Production', 'platform'),
      ],
      { pageSize: 2 },
    );
    const batches = await collect();
    expect(batches.map((b) => [b.account, b.account_name, b.path])).toEqual([
      [SUB_A, 'Production', [root, platform]],
      [SUB_B, 'Staging', [root, landing, { kind: 'management_group', id: 'corp', name: 'Corp' }]],
      // not among the descendants (just moved, or not visible): no path, no error
      [SUB_C, 'Sandbox', undefined],
    ]);
    const mg = fx.requests.filter((r) => r.path.toLowerCase().includes('microsoft.management'));
    expect(mg).toHaveLength(1 + 3);
    // every read carried a Resource Manager token
    expect(mg.every((r) => r.claims.aud === 'https://management.azure.com')).toBe(true);
    expect(fx.refused).toEqual([]);
    expect(batches.flatMap((b) => b.collections).filter((c) => c.type === AZURE_HIERARCHY_SOURCE)).toEqual(
      [],
    );
  });

  it('a refused read: no paths, one error naming the permission, the subscriptions still scanned', async () => {
    fx.routes[DESCENDANTS] = armError(
      403,
      'AuthorizationFailed',
      `The client does not have authorization to perform action 'Microsoft.Management/managementGroups/descendants/read' over scope '/providers/Microsoft.Management/managementGroups/${TEST_TENANT}'.`,
    );
    const batches = await collect();
    expect(batches.map((b) => b.account)).toEqual([SUB_A, SUB_B, SUB_C]);
    expect(batches.every((b) => b.path === undefined)).toBe(true);
    const told = batches.flatMap((b) => b.collections).filter((c) => c.type === AZURE_HIERARCHY_SOURCE);
    expect(told).toHaveLength(1);
    expect(told[0]?.account).toBe(SUB_A);
    expect(told[0]?.error).toMatch(
      /^Microsoft\.Management\/managementGroups\/descendants\/read: AuthorizationFailed: .*without their management groups/,
    );
    expect(
      batches.every((b) => b.collections.some((c) => c.type === 'azure.storage.account' && c.items)),
    ).toBe(true);
  });

  it('the role with --management-group allows the tree reads', () => {
    expect(azurePolicy(['storage'], { managementGroup: true }).role.Actions).toEqual(
      expect.arrayContaining([
        'Microsoft.Management/managementGroups/read',
        'Microsoft.Management/managementGroups/descendants/read',
      ]),
    );
  });
});
