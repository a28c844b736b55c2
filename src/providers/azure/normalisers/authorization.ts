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
