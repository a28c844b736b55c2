import type { AccountBatch, Collection, Provider } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import { type ResourceTarget, rawMatches } from './resource-ids.js';

/**
 * Fresh data for a recheck: one resource, or every resource of some types in one account.
 * A Collection with `items` is complete for what was asked (an empty list: the resource is
 * gone); one with `error` could not be read, and a recheck then changes nothing.
 */
export interface Recollector {
  /** null when this provider does not read the resource's account (or that type in it) */
  collectOne(target: ResourceTarget): Promise<Collection | null>;
  /** every collection of these record types for one account, or null when the provider does not read it */
  collectAccount(types: ReadonlySet<string>, cloud: CloudType, account: string): Promise<AccountBatch | null>;
  close?(): Promise<void>;
}

/**
 * A recollector over any provider, made fresh for every call: for snapshot and demo providers
 * this re-reads the snapshot file, so a changed file is what a recheck sees. The provider
 * collects the whole type and the resource is picked out by its id.
 */
export class ProviderRecollector implements Recollector {
  constructor(private readonly make: () => Promise<Provider>) {}

  async collectOne(target: ResourceTarget): Promise<Collection | null> {
    const batch = await this.collectAccount(new Set([target.type]), target.cloud, target.account);
    const base = { cloud: target.cloud, account: target.account, type: target.type };
    const cols = (batch?.collections ?? []).filter((c) => c.type === target.type);
    const failed = cols.find((c) => c.error !== undefined);
    if (failed) return { ...base, region: failed.region, error: failed.error as string };
    if (cols.length === 0) return null;
    // a regional resource is looked for in its region first; snapshots name regions their own way
    const inRegion = cols.filter((c) => c.region === target.region);
    for (const c of inRegion.length > 0 ? [...inRegion, ...cols] : cols) {
      const items = (c.items ?? []).filter((raw) => rawMatches(target.type, raw, target.id));
      if (items.length > 0) return { ...base, region: c.region, items };
    }
    return { ...base, region: inRegion[0]?.region ?? target.region, items: [] };
  }

  async collectAccount(
    types: ReadonlySet<string>,
    cloud: CloudType,
    account: string,
  ): Promise<AccountBatch | null> {
    const provider = await this.make();
    for await (const batch of provider.collect({ types: new Set(types) })) {
      if (batch.cloud === cloud && batch.account === account) return batch;
    }
    return null;
  }
}
