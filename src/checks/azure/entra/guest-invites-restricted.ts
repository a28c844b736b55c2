import { authorizationSetting } from './authorization-setting.js';

export default authorizationSetting({
  id: 'azure.entra.guest_invites_restricted',
  title: 'Only administrators (or nobody) can invite guests',
  fact: 'guest_invites_restricted',
  want: true,
  setting: 'Guest invite restrictions',
  description:
    'Members or guests can invite guest users (allowInvitesFrom is everyone or adminsGuestInvitersAndAllMembers).',
  risk: 'External accounts are added to the tenant without review, and get access with them.',
  remediation:
    'Set "Guest invite restrictions" to "Only users assigned to specific admin roles can invite guest users" or "No one in the organization can invite guest users".',
  reference: 'https://learn.microsoft.com/entra/external-id/external-collaboration-settings-configure',
});
