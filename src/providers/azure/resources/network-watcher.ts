import type { ChangeEvents } from '../../kit/resource.js';
import { mapConcurrent } from '../../kit/task-pool.js';
import { type AzureCollectContext, defineAzureCollector, scopedPath } from '../collector.js';
import flowLogNormaliser from '../normalisers/network-flow-log.js';
import watcherNormaliser from '../normalisers/network-watcher.js';
import { ACTIVITY_RESOURCE_ID, armChangeEvents, armIds, defineAzureResource } from '../resource.js';
import type { AzureTransport } from '../transport.js';
import { NETWORK_API_VERSION } from './network-nsg.js';

interface Watcher {
  id: string;
}

const WATCHERS_PATH = '/subscriptions/{subscriptionId}/providers/Microsoft.Network/networkWatchers';
const query = { 'api-version': NETWORK_API_VERSION };

/** The subscription's network watchers, listed once per scan of the subscription (both types read them). */
function watchers(t: AzureTransport, ctx: AzureCollectContext): Promise<Watcher[]> {
  return ctx.memo('azure.network.watchers', () =>
    t.list<Watcher>('arm', scopedPath(WATCHERS_PATH, ctx), query),
  );
}

/** Network watchers of a subscription (one per region where Network Watcher is enabled): one paged list. */
export const networkWatchers = defineAzureCollector<Watcher>({
  type: 'azure.network.watcher',
  level: 'subscription',
  list: {
    permission: 'Microsoft.Network/networkWatchers/read',
    all: async (t, ctx) => (ctx.only ? [await t.get<Watcher>('arm', ctx.only, query)] : watchers(t, ctx)),
  },
  getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
});

/**
 * Flow logs of a subscription (NSG and virtual network flow logs alike): they live below the
 * network watcher of their region, so the watcher list (shared with azure.network.watcher) is
 * followed by one paged `flowLogs` list per watcher. The list answers every setting the checks
 * read (enabled, retention, traffic analytics); a watcher's list that fails fails the type.
 */
export const flowLogs = defineAzureCollector<Watcher>({
  type: 'azure.network.flow_log',
  level: 'subscription',
  list: {
    permission: 'Microsoft.Network/networkWatchers/flowLogs/read',
    alsoCalls: ['Microsoft.Network/networkWatchers/read'],
    all: async (t, ctx) => {
      if (ctx.only) return [await t.get<Watcher>('arm', ctx.only, query)];
      const found = await mapConcurrent(await watchers(t, ctx), Math.max(1, ctx.itemConcurrency), (w) =>
        t.list<Watcher>('arm', `${w.id}/flowLogs`, query),
      );
      return found.flat();
    },
  },
  getOne: { ids: armIds, absentOn: ['ResourceNotFound', 'NotFound', 'ResourceGroupNotFound'] },
});

/** A flow log's Activity Log id, lower case: `.../networkWatchers/<w>/flowLogs/<name>`. */
function flowLogId(id: string): string | undefined {
  const m =
    /^(\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.network\/networkwatchers\/[^/]+\/flowlogs\/[^/]+)/i.exec(
      id,
    );
  return m?.[1]?.toLowerCase();
}

const FLOW_LOG_EVENTS: ChangeEvents = {
  events: Object.fromEntries(
    ['write', 'delete'].map((op) => [
      `Microsoft.Network/networkWatchers/flowLogs/${op}`,
      ACTIVITY_RESOURCE_ID,
    ]),
  ),
  normalise: flowLogId,
};

export const networkWatcherResource = defineAzureResource({
  collector: networkWatchers,
  normaliser: watcherNormaliser,
  changedBy: armChangeEvents('Microsoft.Network/networkWatchers'),
});

export const flowLogResource = defineAzureResource({
  collector: flowLogs,
  normaliser: flowLogNormaliser,
  changedBy: FLOW_LOG_EVENTS,
});
