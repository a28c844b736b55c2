import { records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** A custom role definition: what it allows, and where it may be assigned. */
export const roleDefinition = defineArmNormaliser({
  type: 'azure.authorization.role_definition',
  service: 'authorization',
  properties: {
    roleName: S.str,
    type: S.str,
    assignableScopes: S.strs,
    permissions: S.list(S.obj({ actions: S.strs, notActions: S.strs })),
  },
  name: (r) => str(r.properties.roleName) ?? r.name,
  ext: (p) => {
    const actions = records(p.permissions).flatMap((perm) => strings(perm.actions));
    return {
      role_name: str(p.roleName),
      role_type: str(p.type),
      custom: str(p.type)?.toLowerCase() === 'customrole',
      actions,
      all_actions: actions.includes('*'),
      assignable_scopes: strings(p.assignableScopes),
    };
  },
});

/** Built-in roles the checks name, by their role definition GUID (the same in every tenant). */
export const BUILT_IN_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
};

const ASSIGNMENT_PROPERTIES = {
  roleDefinitionId: S.str,
  principalId: S.str,
  principalType: S.str,
  scope: S.str,
};

/**
 * A role assignment: which role (its definition GUID, and the built-in role's name), to whom
 * (principal id and type: Graph is not asked for names) and at which scope.
 */
function roleAssignmentNormaliser(type: string) {
  return defineArmNormaliser({
    type,
    service: 'authorization',
    properties: ASSIGNMENT_PROPERTIES,
    name: (r) => {
      const role = roleOf(str(r.properties.roleDefinitionId));
      const principal = `${str(r.properties.principalType) ?? 'principal'} ${str(r.properties.principalId) ?? '?'}`;
      return `${role.name ?? `role ${role.guid ?? '?'}`} for ${principal} at ${str(r.properties.scope) ?? '?'}`;
    },
    ext: (p) => {
      const role = roleOf(str(p.roleDefinitionId));
      const scope = str(p.scope);
      return {
        role_definition_id: str(p.roleDefinitionId),
        role_definition_guid: role.guid,
        role_name: role.name,
        principal_id: str(p.principalId),
        principal_type: str(p.principalType),
        scope,
        at_root: scope === '/',
      };
    },
  });
}

function roleOf(definitionId: string | null): { guid: string | null; name: string | null } {
  const guid = definitionId?.split('/').pop()?.toLowerCase() ?? null;
  return { guid, name: guid ? (BUILT_IN_ROLES[guid] ?? null) : null };
}

export const roleAssignment = roleAssignmentNormaliser('azure.authorization.role_assignment');
export const rootRoleAssignment = roleAssignmentNormaliser('azure.authorization.root_role_assignment');
