import type { ActionDefinition, ActionTarget } from '../kit/action.js';
import type { RestParams } from '../kit/rest-action.js';
import { AZURE_ACTION_CALLS } from './actions/calls.js';

/**
 * How an Azure action reads: a declared read call (its RBAC operation) with the exact request,
 * through the scan's read-only transport. Null when Resource Manager answers that the resource
 * does not exist.
 */
export type AzureRead = (action: string, params: RestParams) => Promise<Record<string, unknown> | null>;

export type AzureAction = ActionDefinition<AzureRead>;

/** Declares an Azure action; its calls must be declared remediation calls. */
export function defineAzureAction(def: Omit<AzureAction, 'cloud'>): AzureAction {
  for (const call of [...def.writes, ...def.reads]) {
    if (!AZURE_ACTION_CALLS.some((c) => c.action === call))
      throw new Error(`action ${def.id}: ${call} is not an Azure remediation call`);
  }
  return { ...def, cloud: 'azure' };
}

/** The parts of a Resource Manager id below a resource group. */
export function armIdOf(
  id: string,
  provider: string,
  type: string,
): { subscription: string; resourceGroup: string; name: string; id: string } | null {
  const m = new RegExp(
    `^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/${provider.replace(/\./g, '\\.')}/${type}/([^/#?]+)`,
    'i',
  ).exec(id);
  if (!m) return null;
  return {
    subscription: m[1] as string,
    resourceGroup: m[2] as string,
    name: m[3] as string,
    id: m[0],
  };
}

export function azureTarget(
  finding: { com: { account: string; region: string; reference: string; name: string } },
  subscription: string,
  details: Record<string, string>,
): ActionTarget {
  return {
    cloud: 'azure',
    account: subscription,
    region: finding.com.region,
    reference: finding.com.reference,
    name: finding.com.name,
    details,
  };
}
