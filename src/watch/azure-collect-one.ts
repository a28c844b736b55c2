import type { AccountBatch, Collection } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import { AzureProvider } from '../providers/azure/provider.js';
import type { Recollector } from './recollect.js';
import type { ResourceTarget } from './resource-ids.js';

/**
 * Re-checks from Activity Log events for an Azure provider: one resource is read again with
 * the kit's get-one (`GET {id}`), not the whole subscription.
 */
export class AzureRecollector implements Recollector {
  constructor(private readonly provider: AzureProvider) {}

  async collectOne(target: ResourceTarget): Promise<Collection | null> {
    if (target.cloud !== 'azure') return null;
    return this.provider.collectOne(target);
  }

  async collectAccount(
    types: ReadonlySet<string>,
    cloud: CloudType,
    account: string,
  ): Promise<AccountBatch | null> {
    if (cloud !== 'azure') return null;
    // only the one subscription (or the tenant's batch) is read
    const one = new AzureProvider(
      { ...this.provider.config, subscriptions: [account], management_group: undefined },
      this.provider.dependencies,
      this.provider.name,
    );
    try {
      for await (const batch of one.collect({ types: new Set(types) }))
        if (batch.account === account) return batch;
    } catch {
      return null;
    }
    return null;
  }
}
