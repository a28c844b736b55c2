import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../../facts.js';

export const ROLE_ASSIGNMENT = 'azure.authorization.role_assignment';
const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';

export default defineCheck({
  id: 'azure.authorization.subscription_owners_two_to_three',
  title: 'Each subscription has two or three owners',
  severity: 'medium',
  scope: 'account',
  uses: [ROLE_ASSIGNMENT],
  clouds: ['azure'],
  triggers: [
    'Microsoft.Authorization/roleAssignments/write',
    'Microsoft.Authorization/roleAssignments/delete',
  ],
  description:
    'The subscription has fewer than two or more than three principals holding the Owner role over it (assigned on the subscription or inherited from a management group or the root).',
  risk: 'With one owner, nobody can act when that owner is away or compromised; with many, full control of the subscription is spread over too many identities to watch.',
  remediation: {
    text: 'Keep two or three principals (users, or one group counted as one) with the Owner role over the subscription; give the others a narrower role.',
    cli: 'az role assignment list --role Owner --scope /subscriptions/<subscription> --include-inherited --output table\naz role assignment delete --assignee <principal> --role Owner --scope /subscriptions/<subscription>',
  },
  references: [
    'https://learn.microsoft.com/azure/role-based-access-control/best-practices#limit-the-number-of-subscription-owners',
  ],
  evaluate(ctx) {
    const subscription = `/subscriptions/${ctx.account.toLowerCase()}`;
    const owners = ctx.resources(ROLE_ASSIGNMENT).filter((a) => extStr(a, 'role_definition_guid') === OWNER);
    const principals = new Set(owners.map((a) => extStr(a, 'principal_id') ?? a.com.reference));
    const inherited = new Set(
      owners
        .filter((a) => (extStr(a, 'scope') ?? '').toLowerCase().replace(/\/+$/, '') !== subscription)
        .map((a) => extStr(a, 'principal_id') ?? a.com.reference),
    );
    const n = principals.size;
    const split =
      inherited.size > 0 ? ` (${inherited.size} of them inherited from above the subscription)` : '';
    const evidence = { evidence: { owners: [...principals].sort() } };
    if (n >= 2 && n <= 3) return pass(`${n} principals own the subscription${split}`, evidence.evidence);
    return fail(
      n < 2
        ? `Owner role: only ${n} principal${n === 1 ? '' : 's'} own${n === 1 ? 's' : ''} the subscription${split}; two or three are expected`
        : `Owner role: ${n} principals own the subscription${split}; at most three are expected`,
      evidence,
    );
  },
});
