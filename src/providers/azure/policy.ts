import * as plan from '../kit/plan.js';
import { normaliserFor } from '../normalisers.js';
import { AZURE_ACTIONS } from './actions/index.js';
import { type AzureReadOnlyGrant, azureGrant } from './adapter.js';
import type { AzureCollector } from './collector.js';
import { MANAGEMENT_GROUP_TREE_ACTIONS } from './management-groups.js';
import { AZURE_COLLECTORS } from './resources/index.js';

export type { AzureReadOnlyGrant };

const produces: plan.ProducesLookup = (type) => normaliserFor(type)?.produces ?? [];

/** Every type the policy command accepts: collector types and the types their normalisers produce. */
export function knownAzureTypes(collectors: readonly AzureCollector[] = AZURE_COLLECTORS): string[] {
  return [...new Set(collectors.flatMap((c) => [c.type, ...produces(c.type)]))].sort();
}

/** The reads every scan makes before any collector: subscription discovery. */
const DISCOVERY_ACTIONS = ['Microsoft.Resources/subscriptions/read'];

export interface AzurePolicyOptions {
  /**
   * add the management group reads: the subscriptions of a provider's management_group, and
   * the tenant's tree every scan groups subscriptions by (a role assigned at the tenant root group)
   */
  managementGroup?: boolean;
  /** where the role may be assigned; default a placeholder subscription to replace */
  assignableScopes?: readonly string[];
  collectors?: readonly AzureCollector[];
}

/**
 * The least-privilege grant for a scan of `types` (every collector when omitted): a custom
 * role with exactly the Resource Manager actions the collectors declare, and the Microsoft
 * Graph application permissions of the tenant-wide collectors.
 */
export function azurePolicy(types?: readonly string[], opts: AzurePolicyOptions = {}): AzureReadOnlyGrant {
  const all = opts.collectors ?? AZURE_COLLECTORS;
  if (types) {
    const known = new Set(knownAzureTypes(all));
    const unknown = types.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw new Error(
        `unknown Azure resource type(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
      );
    }
  }
  const chosen = types ? plan.collectorsFor(new Set(types), all, produces) : [...all];
  const permissions = new Set<string>(DISCOVERY_ACTIONS);
  if (opts.managementGroup) for (const a of MANAGEMENT_GROUP_TREE_ACTIONS) permissions.add(a);
  for (const c of chosen) for (const p of c.permissions) permissions.add(p);
  return azureGrant(permissions, opts.assignableScopes);
}

/** The role name of the separate remediation role (`policy azure --remediation`). */
export const AZURE_REMEDIATION_ROLE = 'Cloudward Remediation';

/**
 * The custom role of Azure remediation, apart from the scan's: exactly the operations the
 * chosen actions (every one when omitted) may call, and the subscription read each session
 * starts with.
 */
export function azureRemediationPolicy(
  actionIds?: readonly string[],
  assignableScopes: readonly string[] = ['/subscriptions/00000000-0000-0000-0000-000000000000'],
): AzureReadOnlyGrant['role'] {
  const unknown = (actionIds ?? []).filter((id) => !AZURE_ACTIONS.some((a) => a.id === id));
  if (unknown.length > 0)
    throw new Error(
      `unknown Azure action(s): ${unknown.join(', ')} (known: ${AZURE_ACTIONS.map((a) => a.id).join(', ')})`,
    );
  const chosen = actionIds ? AZURE_ACTIONS.filter((a) => actionIds.includes(a.id)) : AZURE_ACTIONS;
  const actions = new Set<string>(['Microsoft.Resources/subscriptions/read']);
  for (const a of chosen) for (const c of [...a.writes, ...a.reads]) actions.add(c);
  return {
    ...azureGrant(actions, assignableScopes).role,
    Name: AZURE_REMEDIATION_ROLE,
    Description:
      'Cloudward remediation (cloudward remediate, respond: rules): exactly the calls its actions make.',
  };
}
