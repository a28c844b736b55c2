import { defineCheck, type ResourceCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extNum, extStr } from '../../facts.js';

export const FLOW_LOG = 'azure.network.flow_log';

/** CIS: flow logs are kept for 90 days or more. */
export const MIN_FLOW_LOG_RETENTION_DAYS = 90;

const FLOW_LOG_WRITES = [
  'Microsoft.Network/networkWatchers/flowLogs/write',
  'Microsoft.Network/networkWatchers/flowLogs/delete',
];

/** The flow logs of one kind of target (NSGs, or virtual networks with their subnets and NICs) keep their records 90 days. */
export function flowLogRetention(def: {
  id: string;
  title: string;
  /** the target kinds (normaliser's target_kind) the check judges */
  targets: readonly string[];
  what: string;
  cli: string;
  reference: string;
}): ResourceCheck {
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: 'low',
    resource: FLOW_LOG,
    facts: { [FLOW_LOG]: ['target_kind', 'enabled', 'retention_days', 'retention_unlimited'] },
    triggers: FLOW_LOG_WRITES,
    description: `The ${def.what} flow log deletes its records after fewer than ${MIN_FLOW_LOG_RETENTION_DAYS} days, or is off.`,
    risk: 'Network traffic of an intrusion found weeks later is gone: who connected to what, from where, cannot be established.',
    remediation: {
      text: `Turn the flow log on and set its retention to ${MIN_FLOW_LOG_RETENTION_DAYS} days or more (0 keeps records without limit).`,
      cli: def.cli,
    },
    references: [def.reference],
    evaluate(r: ResourceRecord) {
      const kind = extStr(r, 'target_kind');
      if (kind === null) return error(`${r.com.name}: the flow log's target could not be read`);
      if (!def.targets.includes(kind)) return notApplicable(`a flow log of a ${kind.replace(/_/g, ' ')}`);
      const target = extStr(r, 'target_name') ?? kind;
      if (extBool(r, 'enabled') === false) return fail(`${r.com.name} (flow log of ${target}) is off`);
      if (extBool(r, 'retention_unlimited') === true)
        return pass(`${r.com.name} (flow log of ${target}) keeps its records without a retention limit`);
      const days = extNum(r, 'retention_days');
      if (days === null) return error(`${r.com.name}: the retention policy could not be read`);
      return days >= MIN_FLOW_LOG_RETENTION_DAYS
        ? pass(`${r.com.name} (flow log of ${target}) keeps its records ${days} days`)
        : fail(
            `${r.com.name} (flow log of ${target}) keeps its records ${days} days, fewer than ${MIN_FLOW_LOG_RETENTION_DAYS}`,
            { evidence: { retention_days: days, target: extStr(r, 'target_resource_id') } },
          );
    },
  });
}
