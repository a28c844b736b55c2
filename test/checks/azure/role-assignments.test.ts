import rootUaa from '../../../src/checks/azure/authorization/no-root-user-access-administrator.js';
import owners from '../../../src/checks/azure/authorization/subscription-owners.js';
import { checkTester } from '../../helpers/check-tester.js';
import { azureRec, SUBSCRIPTION, subscription } from './scope.js';

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const UAA = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

const assignment = (principal: string, role: string, scope = `/subscriptions/${SUBSCRIPTION}`) =>
  azureRec(
    'azure.authorization.role_assignment',
    { role_definition_guid: role, principal_id: principal, principal_type: 'User', scope },
    `${role} for ${principal}`,
  );

checkTester(owners, {
  pass: [
    { name: 'two owners', input: subscription([assignment('p1', OWNER), assignment('p2', OWNER)]) },
    {
      name: 'three owners, one inherited from a management group, readers not counted',
      input: subscription([
        assignment('p1', OWNER),
        assignment('p2', OWNER),
        assignment('p3', OWNER, '/providers/Microsoft.Management/managementGroups/platform'),
        assignment('p4', READER),
      ]),
      message: '1 of them inherited',
    },
    {
      name: 'one principal assigned twice counts once',
      input: subscription([
        assignment('p1', OWNER),
        assignment('p1', OWNER, '/providers/Microsoft.Management/managementGroups/platform'),
        assignment('p2', OWNER),
      ]),
      message: '2 principals',
    },
  ],
  fail: [
    {
      name: 'a single owner',
      input: subscription([assignment('p1', OWNER)]),
      message: 'only 1 principal owns',
    },
    {
      name: 'four owners',
      input: subscription(['p1', 'p2', 'p3', 'p4'].map((p) => assignment(p, OWNER))),
      message: '4 principals',
    },
    { name: 'nobody', input: subscription([assignment('p1', READER)]), message: 'only 0' },
  ],
  error: [
    {
      name: 'the assignments could not be read',
      input: subscription([], ['azure.authorization.role_assignment']),
    },
  ],
});

const rootAssignment = (role: string | undefined) =>
  azureRec(
    'azure.authorization.root_role_assignment',
    { role_definition_guid: role, principal_id: 'a1b2', principal_type: 'User', scope: '/', at_root: true },
    'root assignment',
  );

checkTester(rootUaa, {
  pass: [{ name: 'a Reader at the root', input: rootAssignment(READER) }],
  fail: [{ name: 'User Access Administrator at the root', input: rootAssignment(UAA), message: 'User a1b2' }],
  error: [{ name: 'no role definition in the answer', input: rootAssignment(undefined) }],
});
