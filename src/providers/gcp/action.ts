import type { ActionDefinition, ActionTarget } from '../kit/action.js';
import type { RestParams } from '../kit/rest-action.js';
import { GCP_ACTION_CALLS } from './actions/calls.js';

/**
 * How a GCP action reads: a declared read call (its IAM permission) with the exact request,
 * through the scan's read-only transport. Null when Google answers that the resource does not
 * exist.
 */
export type GcpRead = (action: string, params: RestParams) => Promise<Record<string, unknown> | null>;

export type GcpAction = ActionDefinition<GcpRead>;

/** Declares a GCP action; its calls must be declared remediation calls. */
export function defineGcpAction(def: Omit<GcpAction, 'cloud'>): GcpAction {
  for (const call of [...def.writes, ...def.reads]) {
    if (!GCP_ACTION_CALLS.some((c) => c.action === call))
      throw new Error(`action ${def.id}: ${call} is not a GCP remediation call`);
  }
  return { ...def, cloud: 'gcp' };
}

export function gcpTarget(
  finding: { com: { account: string; region: string; reference: string; name: string } },
  project: string,
  details: Record<string, string>,
): ActionTarget {
  return {
    cloud: 'gcp',
    account: project,
    region: finding.com.region,
    reference: finding.com.reference,
    name: finding.com.name,
    details,
  };
}
