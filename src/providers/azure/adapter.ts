import type { CloudAdapter } from '../kit/adapter.js';
import type { AzureApi } from './clouds.js';
import { describeAzureError, isAzureError } from './errors.js';
import { RESOURCE_GRAPH_PATH } from './readonly-policy.js';

/** One Azure request as the read-only guard judges it. */
export interface AzureOperation {
  api: AzureApi;
  method: string;
  /** the path below the API base */
  path: string;
}

/**
 * How a collector names a Microsoft Graph permission among its Resource Manager actions:
 * `graph:Policy.Read.All`. Resource Manager actions are written as Azure RBAC spells them
 * (`Microsoft.Storage/storageAccounts/read`).
 */
export const GRAPH_PERMISSION_PREFIX = 'graph:';

export function graphPermission(name: string): string {
  return `${GRAPH_PERMISSION_PREFIX}${name}`;
}

/** The least-privilege grant of an Azure scan: a custom role and the Graph permissions. */
export interface AzureReadOnlyGrant {
  /** an Azure custom role definition, in the shape `az role definition create --role-definition` reads */
  role: {
    Name: string;
    IsCustom: true;
    Description: string;
    Actions: string[];
    NotActions: string[];
    DataActions: string[];
    NotDataActions: string[];
    AssignableScopes: string[];
  };
  /** Microsoft Graph application permissions (app roles) to grant the principal, with admin consent */
  graphPermissions: string[];
}

export const ROLE_NAME = 'Cloudward Reader';

/** The custom role and Graph permissions allowing exactly these permissions (see GRAPH_PERMISSION_PREFIX). */
export function azureGrant(
  permissions: Iterable<string>,
  assignableScopes: readonly string[] = ['/subscriptions/00000000-0000-0000-0000-000000000000'],
): AzureReadOnlyGrant {
  const actions = new Set<string>();
  const graph = new Set<string>();
  for (const p of permissions) {
    if (p.startsWith(GRAPH_PERMISSION_PREFIX)) graph.add(p.slice(GRAPH_PERMISSION_PREFIX.length));
    else actions.add(p);
  }
  return {
    role: {
      Name: ROLE_NAME,
      IsCustom: true,
      Description:
        'Read-only access for Cloudward scans: exactly the Resource Manager reads its collectors make.',
      Actions: [...actions].sort(),
      NotActions: [],
      DataActions: [],
      NotDataActions: [],
      AssignableScopes: [...assignableScopes],
    },
    graphPermissions: [...graph].sort(),
  };
}

/**
 * Azure for the collection kit: the REST transport (transport.ts) carries the read-only policy
 * and the limiter; "absent" answers are matched on Azure's error code (ResourceNotFound,
 * Request_ResourceNotFound...), case-insensitively as Azure compares them; rate scopes are
 * the API (arm, graph) and the limiter keys per subscription and principal.
 */
export const azureAdapter: CloudAdapter<string, AzureOperation> = {
  cloud: 'azure',
  typePattern: /^azure\.[a-z0-9]+(_[a-z0-9]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/,
  matches: (err, codes) =>
    isAzureError(err) && (codes ?? []).some((c) => c.toLowerCase() === err.code.toLowerCase()),
  describeError: describeAzureError,
  answer: (a) => a,
  isReadOnly: (op) =>
    op.method.toUpperCase() === 'GET' ||
    (op.api === 'arm' &&
      op.method.toUpperCase() === 'POST' &&
      op.path.split('?')[0]?.toLowerCase() === RESOURCE_GRAPH_PATH.toLowerCase()),
  limiterKey: (where, rateScope) => `${rateScope}:${rateScope === 'graph' ? 'tenant' : where.account}`,
  policy: (permissions) => azureGrant(permissions),
};
