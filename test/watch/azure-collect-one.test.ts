import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/detect/event.js';
import { AzureProvider } from '../../src/providers/azure/provider.js';
import { STORAGE_API_VERSION } from '../../src/providers/azure/resources/storage-account.js';
import { AzureRecollector } from '../../src/watch/azure-collect-one.js';
import { rawMatches, targetsOf } from '../../src/watch/resource-ids.js';
import { storageAccount } from '../providers/azure/estate.js';
import { type AzureFixture, armError, startAzureFixture } from '../providers/azure/fixture-server.js';
import { FakeClock, SUB_A } from '../providers/azure/helpers.js';
import { fixtureCredential } from '../providers/azure/tokens.js';

/** An Activity Log record as the storage export writes it (operation and id upper-cased). */
function activity(operation: string, resourceId: string): EventRecord {
  return {
    raw: { operationName: operation, resourceId, resultType: 'Success' },
    ext: { record_type: 'azure.activity' },
    com: {
      cloud_type: 'azure',
      record_type: 'event',
      account: SUB_A,
      region: '',
      time: '2026-12-06T01:00:00Z',
      actor: 'ops@contoso.example',
      source_ip: null,
      action: operation,
      outcome: 'success',
      reference: 'e1',
      service: 'storage',
    },
  } as unknown as EventRecord;
}

let fx: AzureFixture;
let recollector: AzureRecollector;
beforeAll(async () => {
  fx = await startAzureFixture();
  recollector = new AzureRecollector(
    new AzureProvider(
      { type: 'azure', max_attempts: 1 },
      {
        credential: fixtureCredential(fx.secret),
        ca: fx.pki.caPem,
        clock: new FakeClock(),
        env: { CLOUDWARD_AZURE_ARM_ENDPOINT: fx.armUrl, CLOUDWARD_AZURE_GRAPH_ENDPOINT: fx.graphUrl },
      },
    ),
  );
});
afterAll(async () => {
  await fx.close();
});
beforeEach(() => fx.reset());

describe('an Azure re-check from an Activity Log event', () => {
  const account = storageAccount(SUB_A, 'data', 'proddata', { supportsHttpsTrafficOnly: false });

  it('finds the storage account the event changed, and reads only it, by id', async () => {
    const [target] = targetsOf(activity('MICROSOFT.STORAGE/STORAGEACCOUNTS/WRITE', account.id.toUpperCase()));
    expect(target).toMatchObject({
      cloud: 'azure',
      type: 'azure.storage.account',
      id: account.id.toLowerCase(),
      account: SUB_A,
    });
    fx.routes[`arm ${account.id}?api-version=${STORAGE_API_VERSION}`] = { body: account };
    const col = await recollector.collectOne(target as never);
    expect(col?.items?.map((i) => (i.item as { name: string }).name)).toEqual(['proddata']);
    expect(rawMatches('azure.storage.account', col?.items?.[0] as never, target?.id as string)).toBe(true);
    // one GET of the resource and its blob and file service settings, no list of the subscription
    const id = account.id.toLowerCase();
    expect(fx.requests.map((r) => r.path.toLowerCase())).toEqual([
      id,
      `${id}/blobservices/default`,
      `${id}/fileservices/default`,
    ]);
  });

  it('reports a deleted resource as gone, and a denied read as an error', async () => {
    const target = {
      cloud: 'azure' as const,
      type: 'azure.storage.account',
      id: account.id.toLowerCase(),
      account: SUB_A,
      region: 'global',
    };
    fx.routes[`arm ${account.id}?api-version=${STORAGE_API_VERSION}`] = armError(
      404,
      'ResourceNotFound',
      "The Resource 'Microsoft.Storage/storageAccounts/proddata' under resource group 'data' was not found.",
    );
    expect((await recollector.collectOne(target))?.items).toEqual([]);
    fx.routes[`arm ${account.id}?api-version=${STORAGE_API_VERSION}`] = armError(
      403,
      'AuthorizationFailed',
      'no',
    );
    expect((await recollector.collectOne(target))?.error).toMatch(
      /^Microsoft\.Storage\/storageAccounts\/read: AuthorizationFailed/,
    );
  });
});
