import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import type { OrgLevel } from '../../core/scan-store.js';
import type { AccountClients } from './clients.js';
import { mapConcurrent } from './limiter.js';

/** The calls that read an organisation's tree, for the policy and for the error naming them. */
export const ORG_HIERARCHY_ACTIONS = [
  'organizations:DescribeOrganization',
  'organizations:ListRoots',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListAccountsForParent',
] as const;

/** Parents listed at once while walking the tree (Organizations allows few calls per second). */
const WALK_CONCURRENCY = 4;

/**
 * Each account's place in the organisation: the organisation, then the OUs from the root down
 * (the root itself is no level: every account is under it). The tree is walked from the root,
 * each parent's child OUs and accounts listed: 2 + 2 x (OUs + 1) calls, plus their extra pages
 * (20 items a page), whatever the number of accounts.
 */
export async function readOrganizationPaths(
  clients: AccountClients,
  homeRegion: string,
): Promise<Map<string, OrgLevel[]>> {
  const org = clients.get(OrganizationsClient, 'organizations', homeRegion);
  const described = await org.send(new DescribeOrganizationCommand({}));
  const orgId = described.Organization?.Id;
  if (!orgId) throw new Error('organizations:DescribeOrganization answered without an organisation id');
  const top: OrgLevel = { kind: 'organization', id: orgId };
  const roots = (await org.send(new ListRootsCommand({}))).Roots ?? [];

  const paths = new Map<string, OrgLevel[]>();
  /** parents still to list, each with the path of what is directly under it */
  let level = roots.flatMap((r) => (r.Id ? [{ id: r.Id, path: [top] }] : []));
  while (level.length > 0) {
    const children = await mapConcurrent(level, WALK_CONCURRENCY, async (parent) => {
      const under: { id: string; path: OrgLevel[] }[] = [];
      for await (const page of paginateListOrganizationalUnitsForParent(
        { client: org },
        { ParentId: parent.id },
      )) {
        for (const ou of page.OrganizationalUnits ?? []) {
          if (!ou.Id) continue;
          const node: OrgLevel = {
            kind: 'organizational_unit',
            id: ou.Id,
            ...(ou.Name ? { name: ou.Name } : {}),
          };
          under.push({ id: ou.Id, path: [...parent.path, node] });
        }
      }
      for await (const page of paginateListAccountsForParent({ client: org }, { ParentId: parent.id })) {
        for (const a of page.Accounts ?? []) if (a.Id) paths.set(a.Id, parent.path);
      }
      return under;
    });
    level = children.flat();
  }
  return paths;
}
