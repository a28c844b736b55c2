import type { OrgLevel } from '../../core/scan-store.js';
import { MANAGEMENT_GROUPS_API_VERSION } from './scopes.js';
import type { AzureTransport } from './transport.js';
import { armPath } from './urls.js';

/** The reads of the tenant's management group tree, for the role and for the error naming them. */
export const MANAGEMENT_GROUP_TREE_ACTIONS = [
  'Microsoft.Management/managementGroups/read',
  'Microsoft.Management/managementGroups/descendants/read',
] as const;

/** A read of the tree that failed, with the permission it needs. */
export class ManagementGroupReadError extends Error {
  override name = 'ManagementGroupReadError';
  constructor(
    readonly action: string,
    readonly error: unknown,
  ) {
    super(action);
  }
}

const GROUP_PREFIX = '/providers/microsoft.management/managementgroups/';

interface RawDescendant {
  id?: unknown;
  type?: unknown;
  name?: unknown;
  properties?: { displayName?: unknown; parent?: { id?: unknown } | null };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The group id of `/providers/Microsoft.Management/managementGroups/<id>`, else undefined. */
function groupIdOf(path: unknown): string | undefined {
  const p = str(path);
  return p?.toLowerCase().startsWith(GROUP_PREFIX) ? p.slice(GROUP_PREFIX.length) : undefined;
}

/**
 * Each subscription's management group chain, from the tenant root group down to its own
 * group: the root group read (its name), then its descendants, every group and subscription
 * of the tenant with its parent, in one list. 1 + the list's pages, whatever the number of
 * subscriptions and groups.
 */
export async function readManagementGroupPaths(
  t: AzureTransport,
  tenant: string,
): Promise<Map<string, OrgLevel[]>> {
  const query = { 'api-version': MANAGEMENT_GROUPS_API_VERSION };
  const rootPath = armPath('/providers/Microsoft.Management/managementGroups/{group}', { group: tenant });
  const [readGroup, readDescendants] = MANAGEMENT_GROUP_TREE_ACTIONS;
  const root = await t
    .get<RawDescendant | null>('arm', rootPath, query)
    .catch((e: unknown) => Promise.reject(new ManagementGroupReadError(readGroup, e)));
  const rootId = str(root?.name) ?? tenant;
  const rootName = str(root?.properties?.displayName);
  const items = await t
    .list<RawDescendant>('arm', `${rootPath}/descendants`, query)
    .catch((e: unknown) => Promise.reject(new ManagementGroupReadError(readDescendants, e)));

  const groups = new Map<string, { level: OrgLevel; parent: string | undefined }>([
    [
      rootId.toLowerCase(),
      {
        level: { kind: 'management_group', id: rootId, ...(rootName ? { name: rootName } : {}) },
        parent: undefined,
      },
    ],
  ]);
  const subscriptions: { id: string; parent: string }[] = [];
  for (const item of items) {
    const parent = groupIdOf(item.properties?.parent?.id)?.toLowerCase();
    const type = str(item.type)?.toLowerCase() ?? '';
    const name = str(item.name);
    if (!name || !parent) continue;
    if (type.endsWith('/subscriptions') || /^\/subscriptions\//i.test(str(item.id) ?? '')) {
      subscriptions.push({ id: name.toLowerCase(), parent });
    } else if (type === 'microsoft.management/managementgroups') {
      const displayName = str(item.properties?.displayName);
      groups.set(name.toLowerCase(), {
        level: { kind: 'management_group', id: name, ...(displayName ? { name: displayName } : {}) },
        parent,
      });
    }
  }

  const chains = new Map<string, OrgLevel[]>();
  const chainOf = (group: string): OrgLevel[] => {
    const known = chains.get(group);
    if (known) return known;
    const out: OrgLevel[] = [];
    const seen = new Set<string>();
    // up from the group to the root; a group whose parent is not listed ends the chain
    for (let g: string | undefined = group; g && !seen.has(g); g = groups.get(g)?.parent) {
      seen.add(g);
      const node = groups.get(g);
      if (!node) break;
      out.unshift(node.level);
    }
    chains.set(group, out);
    return out;
  };
  const paths = new Map<string, OrgLevel[]>();
  for (const s of subscriptions) {
    const chain = chainOf(s.parent);
    if (chain.length > 0) paths.set(s.id, chain);
  }
  return paths;
}
