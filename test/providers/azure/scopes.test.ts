import { afterEach, describe, expect, it } from 'vitest';
import {
  listSubscriptions,
  managementGroupSubscriptions,
  resolveSubscriptions,
} from '../../../src/providers/azure/scopes.js';
import { armError, armList, armThrottled } from './fixture-server.js';
import { azureFixtureForFile, fixtureTransport, SUB_A, SUB_B, subscriptionItem } from './helpers.js';

const SUB_C = 'c0c0c0c0-3333-4aaa-8bbb-cccccccccccc';
const SUB_D = 'd0d0d0d0-4444-4aaa-8bbb-dddddddddddd';
const SUBS = 'arm /subscriptions?api-version=2022-12-01';

const fx = azureFixtureForFile();
afterEach(() => expect(fx.unmatched).toEqual([]));

const estate = [
  subscriptionItem(SUB_A, 'Production'),
  subscriptionItem(SUB_B, 'Staging', 'Warned'),
  subscriptionItem(SUB_C, 'Old sandbox', 'Disabled'),
  subscriptionItem(SUB_D.toUpperCase(), 'Shared services', 'PastDue'),
];

/** Management group descendants as the 2023-04-01 API answers: groups and subscriptions. */
function descendant(kind: 'group' | 'subscription', id: string, displayName: string, parent: string) {
  return kind === 'group'
    ? {
        id: `/providers/Microsoft.Management/managementGroups/${id}`,
        type: 'Microsoft.Management/managementGroups',
        name: id,
        properties: {
          displayName,
          parent: { id: `/providers/Microsoft.Management/managementGroups/${parent}` },
        },
      }
    : {
        id: `/subscriptions/${id}`,
        type: 'Microsoft.Management/managementGroups/subscriptions',
        name: id,
        properties: {
          displayName,
          parent: { id: `/providers/Microsoft.Management/managementGroups/${parent}` },
        },
      };
}

describe('subscriptions to scan', () => {
  it('all: every subscription listed (paged), disabled ones skipped with their state, names kept', async () => {
    fx.routes[SUBS] = armList(estate, { pageSize: 2 });
    const { transport } = fixtureTransport(fx);
    expect(await listSubscriptions(transport)).toHaveLength(4);
    const plan = await resolveSubscriptions(transport, { subscriptions: 'all' });
    expect(plan.subscriptions.map((s) => [s.id, s.name, s.state])).toEqual([
      [SUB_A, 'Production', 'Enabled'],
      [SUB_B, 'Staging', 'Warned'],
      [SUB_D, 'Shared services', 'PastDue'],
    ]);
    expect(plan.skipped).toEqual([
      { id: SUB_C, name: 'Old sandbox', reason: 'subscription state is Disabled' },
    ]);
    transport.close();
  });

  it('include and exclude lists apply to the listed subscriptions', async () => {
    fx.routes[SUBS] = { body: { value: estate } };
    const { transport } = fixtureTransport(fx);
    const plan = await resolveSubscriptions(transport, {
      subscriptions: 'all',
      include: [SUB_A, SUB_B, 'eeeeeeee-5555-4aaa-8bbb-eeeeeeeeeeee'],
      exclude: [SUB_B],
    });
    expect(plan.subscriptions.map((s) => s.id)).toEqual([SUB_A]);
    expect(plan.skipped).toEqual([
      {
        id: 'eeeeeeee-5555-4aaa-8bbb-eeeeeeeeeeee',
        reason: 'in include but not among the subscriptions found for the credential',
      },
    ]);
    transport.close();
  });

  it('a list: each read by id; one that cannot be read is reported with Azure reason, the rest scanned', async () => {
    fx.routes[`arm /subscriptions/${SUB_A}?api-version=2022-12-01`] = {
      body: subscriptionItem(SUB_A, 'Production'),
    };
    fx.routes[`arm /subscriptions/${SUB_B}`] = armError(
      404,
      'SubscriptionNotFound',
      `The subscription '${SUB_B}' could not be found.`,
    );
    fx.routes[`arm /subscriptions/${SUB_C}`] = armError(
      403,
      'AuthorizationFailed',
      `The client 'auditor@contoso.com' does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${SUB_C}'.`,
    );
    const { transport } = fixtureTransport(fx);
    const plan = await resolveSubscriptions(transport, { subscriptions: [SUB_A, SUB_B, SUB_C] });
    expect(plan.subscriptions).toEqual([
      { id: SUB_A, name: 'Production', state: 'Enabled', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    ]);
    expect(plan.skipped.map((s) => [s.id, s.error?.kind, s.error?.code])).toEqual([
      [SUB_B, 'absent', 'SubscriptionNotFound'],
      [SUB_C, 'denied', 'AuthorizationFailed'],
    ]);
    expect(plan.skipped[1]?.reason).toContain('does not have authorization');
    transport.close();
  });

  it('a management group: its subscriptions at any depth that the credential lists', async () => {
    fx.routes[
      'arm /providers/Microsoft.Management/managementGroups/platform/descendants?api-version=2023-04-01'
    ] = armList(
      [
        descendant('group', 'platform-prod', 'Platform production', 'platform'),
        descendant('subscription', SUB_A, 'Production', 'platform-prod'),
        descendant('subscription', SUB_C, 'Old sandbox', 'platform'),
        descendant('subscription', SUB_D, 'Shared services', 'platform'),
        descendant('subscription', 'ffffffff-6666-4aaa-8bbb-ffffffffffff', 'Hidden', 'platform'),
      ],
      { pageSize: 2 },
    );
    fx.routes[SUBS] = { body: { value: estate } };
    const { transport } = fixtureTransport(fx);
    const members = await managementGroupSubscriptions(transport, 'platform');
    expect(members.map((m) => m.id)).toEqual([SUB_A, SUB_C, SUB_D, 'ffffffff-6666-4aaa-8bbb-ffffffffffff']);
    const plan = await resolveSubscriptions(transport, {
      subscriptions: 'all',
      management_group: 'platform',
      exclude: [SUB_D],
    });
    expect(plan.subscriptions.map((s) => s.name)).toEqual(['Production']);
    expect(plan.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['Hidden', 'in management group platform but not listed for the credential (no role on it?)'],
      ['Old sandbox', 'subscription state is Disabled'],
    ]);
    transport.close();
  });

  it('a discovery read that keeps failing is an error, never an empty scan', async () => {
    fx.routes[SUBS] = armThrottled(1);
    const { transport } = fixtureTransport(fx, { maxAttempts: 2 });
    await expect(resolveSubscriptions(transport, { subscriptions: 'all' })).rejects.toMatchObject({
      kind: 'throttled',
    });
    fx.reset();
    fx.routes[SUBS] = armError(403, 'AuthorizationFailed', 'no access');
    await expect(resolveSubscriptions(transport, { subscriptions: 'all' })).rejects.toMatchObject({
      kind: 'denied',
    });
    transport.close();
  });
});
