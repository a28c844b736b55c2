import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extBool, extList } from '../../facts.js';

/** A scope at or above a subscription: the root, a management group or a subscription itself. */
const BROAD_SCOPE = /^\/(?:$|subscriptions\/[^/]+\/?$|providers\/microsoft\.management\/managementgroups\/)/i;

export default defineCheck({
  id: 'azure.authorization.no_custom_subscription_owner_role',
  title: "No custom role grants '*' over a whole subscription",
  severity: 'high',
  resource: 'azure.authorization.role_definition',
  triggers: ['Microsoft.Authorization/roleDefinitions/write'],
  description:
    "A custom role allows every action ('*') and can be assigned at a subscription, management group or the root.",
  risk: 'Such a role is an owner in disguise: whoever holds it can do anything in the subscription, outside the review the built-in Owner role gets.',
  remediation: {
    text: "Replace '*' with the actions the role needs, or delete the role and use built-in roles.",
    cli: 'az role definition delete --name "<role name>"',
  },
  references: ['https://learn.microsoft.com/azure/role-based-access-control/custom-roles'],
  evaluate(role) {
    if (extBool(role, 'custom') === false) return pass(`${role.com.name} is a built-in role`);
    const all = (extList<string>(role, 'actions') ?? []).includes('*');
    const broad = (extList<string>(role, 'assignable_scopes') ?? []).filter((s) => BROAD_SCOPE.test(s));
    if (all && broad.length > 0)
      return fail(`the custom role ${role.com.name} allows '*' and is assignable at ${broad.join(', ')}`);
    return pass(
      all ? `${role.com.name} allows '*' only below a subscription` : `${role.com.name} does not allow '*'`,
    );
  },
});
