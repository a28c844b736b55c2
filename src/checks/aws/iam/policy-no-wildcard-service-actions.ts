import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.iam.policy_no_wildcard_service_actions',
  title: 'Customer managed IAM policies do not allow every action of a service',
  severity: 'low',
  resource: 'aws.iam.policy',
  triggers: ['CreatePolicy', 'CreatePolicyVersion', 'SetDefaultPolicyVersion'],
  description:
    'The default version of the customer managed policy has an Allow statement with a "<service>:*" action.',
  risk: 'Every action of the service is granted, including ones added later and ones that change permissions, delete data or disable logging: far more than any task needs.',
  remediation: {
    text: 'Replace "<service>:*" with the actions the identities need (IAM Access Analyzer can generate a policy from their CloudTrail activity), then make that version the default.',
    cli: 'aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default',
  },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege'],
  evaluate(policy) {
    const actions = extList<string>(policy, 'wildcard_service_actions');
    if (actions === null)
      return error(
        `the policy document could not be read${extStr(policy, 'document_unreadable') ? `: ${extStr(policy, 'document_unreadable')}` : ''}`,
      );
    if (actions.length === 0) return pass('no statement allows every action of a service');
    return fail(`${policy.com.name} allows ${actions.join(', ')}`, { evidence: { actions } });
  },
});
