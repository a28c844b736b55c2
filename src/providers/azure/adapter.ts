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

/**
 * How a collector names an Azure RBAC data action (a data-plane read such as listing a vault's
 * certificates): `data:Microsoft.KeyVault/vaults/certificates/read`. It goes to the role's
 * DataActions, and vaults on access policies need the matching access policy permissions.
 */
export const DATA_ACTION_PREFIX = 'data:';

export function dataActionPermission(action: string): string {
  return `${DATA_ACTION_PREFIX}${action}`;
}

/**
 * The vault access policy permissions equivalent to each Key Vault data action, for vaults that
 * use access policies instead of Azure RBAC (their data plane ignores role DataActions).
 */
const ACCESS_POLICY_OF_DATA_ACTION: Record<string, Record<string, string[]>> = {
  'Microsoft.KeyVault/vaults/certificates/read': { certificates: ['get', 'list'] },
};

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
  /**
   * For key vaults using access policies: the permissions an access policy for the principal
   * must give (certificates: get, list), as `az keyvault set-policy` names them.
   */
  keyVaultAccessPolicy: Record<string, string[]>;
}

export const ROLE_NAME = 'Cloudward Reader';

/** The custom role and Graph permissions allowing exactly these permissions (see GRAPH_PERMISSION_PREFIX). */
export function azureGrant(
  permissions: Iterable<string>,
  assignableScopes: readonly string[] = ['/subscriptions/00000000-0000-0000-0000-000000000000'],
): AzureReadOnlyGrant {
  const actions = new Set<string>();
  const dataActions = new Set<string>();
  const graph = new Set<string>();
  const accessPolicy: Record<string, Set<string>> = {};
  for (const p of permissions) {
    if (p.startsWith(GRAPH_PERMISSION_PREFIX)) graph.add(p.slice(GRAPH_PERMISSION_PREFIX.length));
    else if (p.startsWith(DATA_ACTION_PREFIX)) {
      const action = p.slice(DATA_ACTION_PREFIX.length);
      dataActions.add(action);
      for (const [kind, perms] of Object.entries(ACCESS_POLICY_OF_DATA_ACTION[action] ?? {})) {
        const set = accessPolicy[kind] ?? new Set<string>();
        for (const x of perms) set.add(x);
        accessPolicy[kind] = set;
      }
    } else actions.add(p);
  }
  return {
    role: {
      Name: ROLE_NAME,
      IsCustom: true,
      Description:
        'Read-only access for Cloudward scans: exactly the Resource Manager reads its collectors make, and the Key Vault certificate reads (no secret, key or certificate content).',
      Actions: [...actions].sort(),
      NotActions: [],
      DataActions: [...dataActions].sort(),
      NotDataActions: [],
      AssignableScopes: [...assignableScopes],
    },
    graphPermissions: [...graph].sort(),
    keyVaultAccessPolicy: Object.fromEntries(
      Object.entries(accessPolicy).map(([kind, set]) => [kind, [...set].sort()]),
    ),
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
