import { actionPermissions } from './action.js';
import { AWS_ACTIONS } from './actions/index.js';
import { type IamPolicyDocument, iamPolicy } from './adapter.js';
import type { Collector } from './collector.js';
import { AWS_COLLECTORS } from './collectors/index.js';
import { ORG_HIERARCHY_ACTIONS } from './org-hierarchy.js';
import { collectorsFor, defaultProduces, type ProducesLookup } from './produces.js';

export type { IamPolicyDocument };

export interface AwsPolicyOptions {
  /**
   * add organizations:ListAccounts and the reads of the organisation's tree (for the account
   * that lists the organisation)
   */
  organization?: boolean;
  collectors?: readonly Collector[];
  produces?: ProducesLookup;
}

/** Every type the policy command accepts: collector types and the types their normalisers produce. */
export function knownAwsTypes(
  collectors: readonly Collector[] = AWS_COLLECTORS,
  produces: ProducesLookup = defaultProduces,
): string[] {
  return [...new Set(collectors.flatMap((c) => [c.type, ...produces(c.type)]))].sort();
}

/**
 * The least-privilege read-only IAM policy for a scan of `types` (every collector when omitted),
 * from the permissions derived from the collectors' declared calls. ec2:DescribeRegions is always there (region
 * discovery); sts:GetCallerIdentity needs no permission.
 */
export function awsPolicy(types?: readonly string[], opts: AwsPolicyOptions = {}): IamPolicyDocument {
  const all = opts.collectors ?? AWS_COLLECTORS;
  const produces = opts.produces ?? defaultProduces;
  if (types) {
    const known = new Set(knownAwsTypes(all, produces));
    const unknown = types.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw new Error(
        `unknown AWS resource type(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
      );
    }
  }
  const chosen = types ? collectorsFor(new Set(types), all, produces) : [...all];
  const actions = new Set<string>(['ec2:DescribeRegions']);
  if (opts.organization)
    for (const a of ['organizations:ListAccounts', ...ORG_HIERARCHY_ACTIONS]) actions.add(a);
  for (const c of chosen) for (const a of c.permissions) actions.add(a);
  return iamPolicy(actions);
}

/**
 * The least-privilege IAM policy of remediation (`policy aws --remediation`): the write calls
 * and the reads of the chosen actions (every action when omitted), separate from the read-only
 * scan policy so it can be granted to another role, or only where remediation runs.
 */
export function awsRemediationPolicy(actionIds?: readonly string[]): IamPolicyDocument {
  const chosen = actionIds ? AWS_ACTIONS.filter((a) => actionIds.includes(a.id)) : [...AWS_ACTIONS];
  const unknown = (actionIds ?? []).filter((id) => !AWS_ACTIONS.some((a) => a.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `unknown AWS action(s): ${unknown.join(', ')} (known: ${AWS_ACTIONS.map((a) => a.id).join(', ')})`,
    );
  }
  const actions = new Set<string>(['sts:GetCallerIdentity']);
  for (const a of chosen) for (const p of actionPermissions(a)) actions.add(p);
  const doc = iamPolicy(actions);
  return { ...doc, Statement: doc.Statement.map((s) => ({ ...s, Sid: 'CloudwardRemediation' })) };
}
