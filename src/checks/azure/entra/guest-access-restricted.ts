import { authorizationSetting } from './authorization-setting.js';

export default authorizationSetting({
  id: 'azure.entra.guest_access_restricted',
  title: 'Guests see only their own directory objects',
  fact: 'guests_restricted',
  want: true,
  setting: 'Guest user access restrictions',
  description:
    'Guest users can read more of the directory than their own objects (guestUserRoleId is not the most restrictive role).',
  risk: 'Guests can enumerate users, groups and memberships, which helps an attacker who controls a guest account.',
  remediation:
    'Set "Guest user access" to "Guest user access is restricted to properties and memberships of their own directory objects" (External Identities > External collaboration settings).',
  reference: 'https://learn.microsoft.com/entra/identity/users/users-restrict-guest-permissions',
});
