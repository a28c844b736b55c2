import noOwnerRole from '../../../src/checks/azure/authorization/no-custom-subscription-owner-role.js';
import guestAccess from '../../../src/checks/azure/entra/guest-access-restricted.js';
import guestInvites from '../../../src/checks/azure/entra/guest-invites-restricted.js';
import defaults from '../../../src/checks/azure/entra/security-defaults-enabled.js';
import mfa from '../../../src/checks/azure/entra/user-mfa-registered.js';
import tenants from '../../../src/checks/azure/entra/users-cannot-create-tenants.js';
import apps from '../../../src/checks/azure/entra/users-cannot-register-apps.js';
import { checkTester } from '../../helpers/check-tester.js';
import { azureRec, SUBSCRIPTION, subscription } from './scope.js';

const sd = (enabled: boolean | null) =>
  azureRec('azure.entra.security_defaults', { enabled }, 'Security defaults');
const ca = (enabled: boolean) =>
  azureRec(
    'azure.entra.conditional_access_policy',
    { enabled, state: enabled ? 'enabled' : 'disabled' },
    'Require MFA',
  );

checkTester(defaults, {
  pass: [
    { name: 'on', input: subscription([sd(true)]) },
    {
      name: 'off, conditional access on',
      input: subscription([sd(false), ca(true)]),
      message: 'conditional access',
    },
    { name: 'on, conditional access unreadable (not needed)', input: subscription([sd(true)], []) },
  ],
  fail: [{ name: 'off, no enabled policy', input: subscription([sd(false), ca(false)]) }],
  error: [
    { name: 'defaults unreadable', input: subscription([], ['azure.entra.security_defaults']) },
    {
      name: 'off, conditional access unreadable',
      input: subscription([sd(false)], ['azure.entra.conditional_access_policy']),
    },
    { name: 'state missing', input: subscription([sd(null)]) },
  ],
});

const user = (ext: Record<string, unknown>) =>
  azureRec('azure.entra.user_registration', ext, 'ana@contoso.example');
checkTester(mfa, {
  pass: [{ name: 'registered', input: user({ mfa_registered: true, user_type: 'member' }) }],
  fail: [
    {
      name: 'not registered',
      input: user({ mfa_registered: false, user_type: 'member' }),
      message: 'ana@contoso.example',
    },
    {
      name: 'guest not registered',
      input: user({ mfa_registered: false, user_type: 'guest' }),
      message: 'guest',
    },
  ],
  error: [{ name: 'unknown', input: user({ mfa_registered: null }) }],
});

const policy = (ext: Record<string, unknown>) =>
  subscription([azureRec('azure.entra.authorization_policy', ext, 'Authorization policy')]);
checkTester(apps, {
  pass: [{ name: 'off', input: policy({ users_can_register_apps: false }) }],
  fail: [
    {
      name: 'on',
      input: policy({ users_can_register_apps: true }),
      message: 'Users can register applications',
    },
  ],
  error: [
    { name: 'absent', input: policy({ users_can_register_apps: null }) },
    { name: 'no policy', input: subscription([]) },
    {
      name: 'unreadable',
      input: subscription([], ['azure.entra.authorization_policy']),
      message: 'AuthorizationFailed',
    },
  ],
});
checkTester(tenants, {
  pass: [{ name: 'restricted', input: policy({ users_can_create_tenants: false }) }],
  fail: [{ name: 'allowed', input: policy({ users_can_create_tenants: true }) }],
  error: [{ name: 'absent', input: policy({}) }],
});
checkTester(guestAccess, {
  pass: [{ name: 'restricted role', input: policy({ guests_restricted: true }) }],
  fail: [{ name: 'member-like guests', input: policy({ guests_restricted: false }) }],
  error: [{ name: 'absent', input: policy({ guests_restricted: null }) }],
});
checkTester(guestInvites, {
  pass: [{ name: 'admins only', input: policy({ guest_invites_restricted: true }) }],
  fail: [{ name: 'everyone', input: policy({ guest_invites_restricted: false }) }],
  error: [{ name: 'absent', input: policy({ guest_invites_restricted: null }) }],
});

const role = (actions: string[], scopes: string[]) =>
  azureRec(
    'azure.authorization.role_definition',
    { custom: true, actions, assignable_scopes: scopes },
    'Ops all-powerful',
  );
checkTester(noOwnerRole, {
  pass: [
    { name: 'narrow actions', input: role(['Microsoft.Compute/*/read'], [`/subscriptions/${SUBSCRIPTION}`]) },
    {
      name: "'*' below a subscription only",
      input: role(['*'], [`/subscriptions/${SUBSCRIPTION}/resourceGroups/sandbox`]),
    },
  ],
  fail: [
    {
      name: "'*' at the subscription",
      input: role(['*'], [`/subscriptions/${SUBSCRIPTION}`]),
      message: 'Ops all-powerful',
    },
    {
      name: "'*' at a management group",
      input: role(['*'], ['/providers/Microsoft.Management/managementGroups/root']),
    },
    { name: "'*' at the root", input: role(['*'], ['/']) },
  ],
});
