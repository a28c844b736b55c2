import { collectorsFor, type ProducesLookup } from '../kit/plan.js';
import { restPermissions } from '../kit/rest-action.js';
import { normaliserFor } from '../normalisers.js';
import { GCP_ACTION_CALLS } from './actions/calls.js';
import { GCP_ACTIONS } from './actions/index.js';
import { type GcpCustomRole, gcpCustomRole } from './adapter.js';
import type { GcpCollector } from './collector.js';
import { GCP_COLLECTORS } from './resources/index.js';

export type { GcpCustomRole };

/**
 * The Resource Manager reads of project discovery (src/providers/gcp/scopes.ts): v3
 * projects:search and projects.get need resourcemanager.projects.get, listing an organisation's
 * or folder's projects and sub-folders needs .projects.list and .folders.list, and reading an
 * organisation (its name, organizations:search) needs .organizations.get; the folders above
 * each project (their names, so views group projects by folder) need .folders.get.
 */
export const DISCOVERY_PERMISSIONS = [
  'resourcemanager.projects.get',
  'resourcemanager.projects.list',
  'resourcemanager.folders.list',
  'resourcemanager.folders.get',
  'resourcemanager.organizations.get',
] as const;

export interface GcpPolicyOptions {
  collectors?: readonly GcpCollector[];
  produces?: ProducesLookup;
}

const defaultProduces: ProducesLookup = (type) => normaliserFor(type)?.produces ?? [];

/** Every type the policy command accepts: collector types and the types their normalisers produce. */
export function knownGcpTypes(
  collectors: readonly GcpCollector[] = GCP_COLLECTORS,
  produces: ProducesLookup = defaultProduces,
): string[] {
  return [...new Set(collectors.flatMap((c) => [c.type, ...produces(c.type)]))].sort();
}

/**
 * The custom role (for `gcloud iam roles create --file`) granting exactly what a scan of `types`
 * (every collector when omitted) needs: the permissions derived from the collectors' declared
 * calls, and those of project discovery.
 */
export function gcpPolicy(types?: readonly string[], opts: GcpPolicyOptions = {}): GcpCustomRole {
  const all = opts.collectors ?? GCP_COLLECTORS;
  const produces = opts.produces ?? defaultProduces;
  if (types) {
    const known = new Set(knownGcpTypes(all, produces));
    const unknown = types.filter((t) => !known.has(t));
    if (unknown.length > 0) {
      throw new Error(
        `unknown GCP resource type(s): ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
      );
    }
  }
  const chosen = types ? collectorsFor(new Set(types), all, produces) : [...all];
  return gcpCustomRole([...DISCOVERY_PERMISSIONS, ...chosen.flatMap((c) => c.permissions)]);
}

/**
 * The custom role of GCP remediation (`policy gcp --remediation`), apart from the scan's:
 * exactly the permissions the chosen actions (every one when omitted) need, and the project
 * read each session starts with.
 */
export function gcpRemediationPolicy(actionIds?: readonly string[]): GcpCustomRole {
  const unknown = (actionIds ?? []).filter((id) => !GCP_ACTIONS.some((a) => a.id === id));
  if (unknown.length > 0)
    throw new Error(
      `unknown GCP action(s): ${unknown.join(', ')} (known: ${GCP_ACTIONS.map((a) => a.id).join(', ')})`,
    );
  const chosen = actionIds ? GCP_ACTIONS.filter((a) => actionIds.includes(a.id)) : GCP_ACTIONS;
  const calls = chosen.flatMap((a) => [...a.writes, ...a.reads]);
  return {
    title: 'Cloudward Remediation',
    description:
      'Cloudward remediation (cloudward remediate, respond: rules): exactly the calls its actions make.',
    stage: 'GA',
    includedPermissions: [
      ...new Set(['resourcemanager.projects.get', ...restPermissions(GCP_ACTION_CALLS, calls)]),
    ].sort(),
  };
}
