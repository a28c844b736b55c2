import { defineNormaliser, type Normaliser, type ScopeRef } from '../../../core/provider.js';
import {
  bool,
  buildRecord,
  type Json,
  requireItem,
  requireString,
  str,
  strings,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';

/**
 * Microsoft Graph objects of the tenant. Their records are in the tenant's batch (account = the
 * tenant id); references are Graph paths, since Graph objects have no Resource Manager id.
 */
function tenantRecord(
  raw: Json,
  scope: ScopeRef,
  type: string,
  reference: string,
  name: string,
  ext: Json,
): ReturnType<typeof buildRecord> {
  return buildRecord({
    raw,
    scope,
    origin: type,
    extType: type,
    recordType: type,
    reference: `graph:${scope.account}${reference}`,
    name,
    region: 'global',
    service: 'entra',
    ext,
    shape: {},
  });
}

/** The tenant's security defaults (identitySecurityDefaultsEnforcementPolicy). */
export const securityDefaults: Normaliser = defineNormaliser({
  type: 'azure.entra.security_defaults',
  cloud: 'azure',
  service: 'entra',
  produces: ['azure.entra.security_defaults'],
  raw: S.raw({ item: S.obj({ isEnabled: S.bool }) }),
  normalise(raw, scope) {
    const item = requireItem(raw, 'azure.entra.security_defaults');
    return [
      tenantRecord(
        raw,
        scope,
        'azure.entra.security_defaults',
        '/policies/identitySecurityDefaultsEnforcementPolicy',
        'Security defaults',
        {
          enabled: bool(item.isEnabled),
        },
      ),
    ];
  },
});

/** The Entra built-in role guests get: "restricted to properties and memberships of their own directory objects". */
export const RESTRICTED_GUEST_ROLE = '2af84b1e-32c8-42b7-82bc-daa82404023b';

/** The tenant's authorization policy: what default users and guests may do. */
export const authorizationPolicy: Normaliser = defineNormaliser({
  type: 'azure.entra.authorization_policy',
  cloud: 'azure',
  service: 'entra',
  produces: ['azure.entra.authorization_policy'],
  raw: S.raw({
    item: S.obj({
      allowInvitesFrom: S.str,
      guestUserRoleId: S.str,
      defaultUserRolePermissions: S.obj({
        allowedToCreateApps: S.bool,
        allowedToCreateTenants: S.bool,
        allowedToCreateSecurityGroups: S.bool,
      }),
    }),
  }),
  normalise(raw, scope) {
    const item = requireItem(raw, 'azure.entra.authorization_policy');
    const perms = (item.defaultUserRolePermissions ?? {}) as Json;
    const guestRole = str(item.guestUserRoleId);
    return [
      tenantRecord(
        raw,
        scope,
        'azure.entra.authorization_policy',
        '/policies/authorizationPolicy',
        'Authorization policy',
        {
          allow_invites_from: str(item.allowInvitesFrom),
          guest_invites_restricted: (() => {
            const v = str(item.allowInvitesFrom);
            return v === null ? null : ['adminsandguestinviters', 'none'].includes(v.toLowerCase());
          })(),
          guest_user_role_id: guestRole,
          guests_restricted: guestRole === null ? null : guestRole.toLowerCase() === RESTRICTED_GUEST_ROLE,
          users_can_register_apps: bool(perms.allowedToCreateApps),
          users_can_create_tenants: bool(perms.allowedToCreateTenants),
          users_can_create_security_groups: bool(perms.allowedToCreateSecurityGroups),
        },
      ),
    ];
  },
});

/** A conditional access policy: its state and what it grants or blocks. */
export const conditionalAccessPolicy: Normaliser = defineNormaliser({
  type: 'azure.entra.conditional_access_policy',
  cloud: 'azure',
  service: 'entra',
  produces: ['azure.entra.conditional_access_policy'],
  raw: S.raw({
    item: S.obj({
      id: S.str,
      displayName: S.str,
      state: S.str,
      grantControls: S.obj({ builtInControls: S.strs }),
    }),
  }),
  normalise(raw, scope) {
    const type = 'azure.entra.conditional_access_policy';
    const item = requireItem(raw, type);
    const id = requireString(item, 'id', type, 'item.id');
    const state = str(item.state);
    return [
      tenantRecord(
        raw,
        scope,
        type,
        `/identity/conditionalAccess/policies/${id}`,
        str(item.displayName) ?? id,
        {
          state,
          enabled: state === null ? null : state.toLowerCase() === 'enabled',
          grant_controls: strings((item.grantControls as Json | undefined)?.builtInControls),
        },
      ),
    ];
  },
});

/** A user's authentication method registration (reports/authenticationMethods/userRegistrationDetails). */
export const userRegistration: Normaliser = defineNormaliser({
  type: 'azure.entra.user_registration',
  cloud: 'azure',
  service: 'entra',
  produces: ['azure.entra.user_registration'],
  raw: S.raw({
    item: S.obj({
      id: S.str,
      userPrincipalName: S.str,
      userDisplayName: S.str,
      userType: S.str,
      isAdmin: S.bool,
      isMfaRegistered: S.bool,
      isMfaCapable: S.bool,
      methodsRegistered: S.strs,
    }),
  }),
  normalise(raw, scope) {
    const type = 'azure.entra.user_registration';
    const item = requireItem(raw, type);
    const id = requireString(item, 'id', type, 'item.id');
    return [
      tenantRecord(raw, scope, type, `/users/${id}`, str(item.userPrincipalName) ?? id, {
        user_type: str(item.userType),
        admin: bool(item.isAdmin),
        mfa_registered: bool(item.isMfaRegistered),
        mfa_capable: bool(item.isMfaCapable),
        methods: strings(item.methodsRegistered),
      }),
    ];
  },
});
