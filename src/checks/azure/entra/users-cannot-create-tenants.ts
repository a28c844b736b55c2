import { authorizationSetting } from './authorization-setting.js';

export default authorizationSetting({
  id: 'azure.entra.users_cannot_create_tenants',
  title: 'Non-administrators cannot create tenants',
  fact: 'users_can_create_tenants',
  want: false,
  setting: 'Restrict non-admin users from creating tenants',
  description:
    'Users who are not administrators can create new Entra tenants (defaultUserRolePermissions.allowedToCreateTenants).',
  risk: 'Tenants created outside governance hold organisational data with none of its controls.',
  remediation:
    'Set "Restrict non-admin users from creating tenants" to Yes (Entra admin center > Users > User settings).',
  reference:
    'https://learn.microsoft.com/entra/fundamentals/users-default-permissions#restrict-member-users-default-permissions',
});
