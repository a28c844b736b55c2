import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../../facts.js';

const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

export default defineCheck({
  id: 'azure.authorization.no_root_user_access_administrator',
  title: 'The User Access Administrator role is not kept assigned at root scope',
  severity: 'high',
  resource: 'azure.authorization.root_role_assignment',
  triggers: [
    'Microsoft.Authorization/roleAssignments/write',
    'Microsoft.Authorization/roleAssignments/delete',
  ],
  description:
    'A principal holds User Access Administrator at the root scope ("/"), usually left behind after elevating access as a Global Administrator.',
  risk: 'User Access Administrator at the root can grant itself or anyone any role over every management group and subscription of the tenant.',
  remediation: {
    text: 'Remove the assignment once the task that needed elevated access is done (Entra ID > Properties > Access management for Azure resources: No, or delete the role assignment).',
    cli: 'az role assignment delete --role "User Access Administrator" --assignee <principal> --scope "/"',
  },
  references: ['https://learn.microsoft.com/azure/role-based-access-control/elevate-access-global-admin'],
  whenNone: { status: 'pass', message: 'no role is assigned at the root scope' },
  evaluate(a) {
    const role = extStr(a, 'role_definition_guid');
    if (role === null) return error(`${a.com.name}: the assignment names no role definition`);
    if (role !== USER_ACCESS_ADMINISTRATOR) return pass(`${a.com.name} is not User Access Administrator`);
    return fail(
      `${extStr(a, 'principal_type') ?? 'principal'} ${extStr(a, 'principal_id') ?? '?'} holds User Access Administrator at the root scope`,
    );
  },
});
