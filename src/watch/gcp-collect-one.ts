import type { AccountBatch, Collection } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import type { GcpProvider } from '../providers/gcp/provider.js';
import type { Recollector } from './recollect.js';
import { BY_TYPE, type ResourceTarget, SINGLETON } from './resource-ids.js';

/**
 * Targeted GCP collection for event-driven re-checks: the provider's own collector for the
 * resource's type (its resource module's get-one), run in the project the Cloud Audit Log entry
 * names, through the provider's transport (read-only guard, quotas, retries, endpoint overrides).
 * A project the provider does not read is another provider's (null).
 */
export class GcpRecollector implements Recollector {
  constructor(private readonly provider: GcpProvider) {}

  async collectOne(target: ResourceTarget): Promise<Collection | null> {
    if (target.cloud !== 'gcp') return null;
    const singleton = target.id === SINGLETON || BY_TYPE.get(target.type)?.singleton === true;
    try {
      return await this.provider.collectOne(target.type, target.account, target.id, singleton);
    } catch (e) {
      return {
        cloud: 'gcp',
        account: target.account,
        region: 'global',
        type: target.type,
        error: e instanceof Error ? e.message : String(e),
      };
    }
  }

  async collectAccount(
    types: ReadonlySet<string>,
    cloud: CloudType,
    account: string,
  ): Promise<AccountBatch | null> {
    if (cloud !== 'gcp') return null;
    return this.provider.collectProject({ types: new Set(types) }, account);
  }

  async close(): Promise<void> {
    this.provider.close();
  }
}
