import type { EventRecord } from '../../src/detect/event.js';
import { AzureRecollector } from '../../src/watch/azure-collect-one.js';
import { type AzureFixture, startAzureFixture } from '../providers/azure/fixture-server.js';
import { fixtureProvider, SUB_A } from '../providers/azure/helpers.js';

/**
 * An Activity Log record of a successful operation on a resource of subscription A, as the
 * storage export writes it (the export upper-cases some operations and ids; callers choose).
 */
export function activityEvent(operation: string, resourceId: string, service: string): EventRecord {
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
      service,
    },
  } as unknown as EventRecord;
}

/** The Azure fixture started, with a recollector whose provider reads it (one attempt a request). */
export async function startRecheckFixture(): Promise<{ fx: AzureFixture; recollector: AzureRecollector }> {
  const fx = await startAzureFixture();
  return { fx, recollector: new AzureRecollector(fixtureProvider(fx, { maxAttempts: 1 })) };
}
