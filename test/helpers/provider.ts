import type { AccountBatch, Collection, Provider } from '../../src/core/provider.js';

/** One AWS collection of raw API items, as a collector hands it to the engine. */
export const awsCollection = (
  account: string,
  region: string,
  type: string,
  items: Record<string, unknown>[],
): Collection => ({ cloud: 'aws', account, region, type, items });

/** A provider yielding one AWS account's collections, as a live provider's batch. */
export function awsProvider(account: string, collections: Collection[]): Provider {
  return {
    name: 'test',
    async *collect(): AsyncIterable<AccountBatch> {
      yield { cloud: 'aws', account, collections };
    },
  };
}
