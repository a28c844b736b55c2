import type { CloudType, FindingRecord } from '../../core/record.js';
import type { ActionPlan, ActionTarget, ApiCall } from '../../core/remediation.js';

/*
 * Remediation actions, declared like collectors: each names the API calls it may make (from
 * which the least-privilege write policy is printed), plans the exact calls for one target
 * (the dry run), and gives the calls that undo them. The cloud's executor runs the plan
 * through its write clients, which exist only when remediation is enabled.
 */

export type { ActionPlan, ActionTarget, ApiCall };

/** The declaration of an action, whatever its cloud. `R` is what it reads with. */
export interface ActionDefinition<R> {
  /** `aws.ec2.revoke_world_ingress` */
  id: string;
  cloud: CloudType;
  title: string;
  /** the checks whose findings it fixes (empty: it acts on a resource, as quarantine does) */
  fixes: readonly string[];
  /** the record types of the findings it can act on when `fixes` does not name the check */
  resourceTypes?: readonly string[];
  /** every API call it may make to apply or undo, `<service>:<Operation>` */
  writes: readonly string[];
  /** the read calls its plan and verification make */
  reads: readonly string[];
  /** the target of a finding, or a reason it cannot act on it */
  target(finding: FindingRecord): ActionTarget | { refused: string };
  /** the exact calls for the target as it is now (reads only) */
  plan(target: ActionTarget, read: R, ctx: { actionId: string }): Promise<ActionPlan>;
  /** true when the fix is in effect now (re-read after a crash, never re-applied) */
  verify(target: ActionTarget, read: R, plan: ActionPlan): Promise<boolean>;
}

/** `{{name}}` references in call parameters replaced by kept values (an unknown name stays, and is reported). */
export function bindParams(
  value: unknown,
  kept: Readonly<Record<string, string>>,
  missing: Set<string>,
): unknown {
  if (typeof value === 'string') {
    const m = /^\{\{([a-zA-Z0-9_]+)\}\}$/.exec(value);
    if (!m) return value;
    const name = m[1] as string;
    const v = kept[name];
    if (v === undefined) {
      missing.add(name);
      return value;
    }
    return v;
  }
  if (Array.isArray(value)) return value.map((v) => bindParams(v, kept, missing));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bindParams(v, kept, missing)]));
  return value;
}
