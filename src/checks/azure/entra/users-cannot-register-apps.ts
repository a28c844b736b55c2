import { authorizationSetting } from './authorization-setting.js';

export default authorizationSetting({
  id: 'azure.entra.users_cannot_register_apps',
  title: 'Users cannot register applications',
  fact: 'users_can_register_apps',
  want: false,
  setting: 'Users can register applications',
  description:
    'Any user of the tenant can register applications (defaultUserRolePermissions.allowedToCreateApps).',
  risk: 'Users can create applications that request access to organisational data, a path for consent phishing and data leaks outside review.',
  remediation:
    'Set "Users can register applications" to No (Entra admin center > Users > User settings); let application developers have the Application Developer role.',
  reference: 'https://learn.microsoft.com/entra/identity/role-based-access-control/delegate-app-roles',
});
