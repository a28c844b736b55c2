import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, records, requireItem, str } from '../../normalise-kit.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.iam.support_access';

const names = (v: unknown, key: string): string[] =>
  records(v)
    .map((e) => str(e[key]))
    .filter((n): n is string => n !== null);

/**
 * Who holds the AWS managed policy AWSSupportAccess in the account (ListEntitiesForPolicy):
 * one record per account.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE],
  normalise(raw, scope) {
    const e = requireItem(raw, TYPE);
    for (const k of ['PolicyRoles', 'PolicyUsers', 'PolicyGroups']) {
      if (!Array.isArray(e[k])) throw new Error(`${TYPE}: missing required field item.${k}`);
    }
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'policy_attachments',
        reference: awsArn('iam', 'global', scope.account, 'aws-policy/AWSSupportAccess'),
        name: 'AWSSupportAccess attachments',
        service: 'iam',
        ext: {
          policy_arn: str(e.PolicyArn),
          roles: names(e.PolicyRoles, 'RoleName'),
          users: names(e.PolicyUsers, 'UserName'),
          groups: names(e.PolicyGroups, 'GroupName'),
        },
        shape: {},
      }),
    ];
  },
});
