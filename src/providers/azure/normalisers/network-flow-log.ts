import { at, bool, num, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** What a flow log records, from the type in its target's id. */
function targetKind(id: string | null): string | null {
  if (id === null) return null;
  const t = /\/providers\/microsoft\.network\/([^/]+)\/[^/]+(?:\/([^/]+)\/[^/]+)?$/i.exec(id);
  const [, parent, child] = t ?? [];
  if (!parent) return null;
  const p = parent.toLowerCase();
  if (p === 'networksecuritygroups') return 'network_security_group';
  if (p === 'virtualnetworks') return child?.toLowerCase() === 'subnets' ? 'subnet' : 'virtual_network';
  if (p === 'networkinterfaces') return 'network_interface';
  return null;
}

/**
 * A flow log (NSG or virtual network flow log), as the watcher's flowLogs list answers it
 * (api-version 2024-05-01). Retention: with the retention policy on, logs older than `days`
 * are deleted, 0 meaning never; with it off (or left out), Network Watcher deletes nothing
 * (`retention_days` null, `retention_unlimited` true). Traffic analytics is the
 * flowAnalyticsConfiguration of the flow log.
 */
export default defineArmNormaliser({
  type: 'azure.network.flow_log',
  service: 'network',
  properties: {
    targetResourceId: S.str,
    storageId: S.str,
    enabled: S.bool,
    retentionPolicy: S.obj({ days: S.num, enabled: S.bool }),
    format: S.obj({ type: S.str, version: S.num }),
    flowAnalyticsConfiguration: S.obj({
      networkWatcherFlowAnalyticsConfiguration: S.obj({
        enabled: S.bool,
        workspaceResourceId: S.str,
        trafficAnalyticsInterval: S.num,
      }),
    }),
  },
  ext: (p, r) => {
    const target = str(p.targetResourceId);
    const retentionOn = bool(at(p, 'retentionPolicy.enabled')) ?? false;
    const days = num(at(p, 'retentionPolicy.days')) ?? 0;
    const analytics = 'flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration';
    return {
      watcher: /^(.*\/networkWatchers\/[^/]+)\/flowLogs\//i.exec(r.id)?.[1] ?? null,
      target_resource_id: target,
      target_kind: targetKind(target),
      target_name: target?.split('/').pop() ?? null,
      // Azure leaves enabled out only for flow logs it enables
      enabled: bool(p.enabled) ?? true,
      storage_id: str(p.storageId),
      retention_policy_enabled: retentionOn,
      retention_days: retentionOn && days > 0 ? days : null,
      retention_unlimited: !retentionOn || days === 0,
      traffic_analytics_enabled: bool(at(p, `${analytics}.enabled`)) ?? false,
      traffic_analytics_workspace: str(at(p, `${analytics}.workspaceResourceId`)),
      traffic_analytics_interval_minutes: num(at(p, `${analytics}.trafficAnalyticsInterval`)),
    };
  },
});
