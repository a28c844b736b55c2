import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, records, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsPartition, settingName } from './aws-common.js';

const TYPE = 'aws.iam.support_access';

const names = (v: unknown, key: string): string[] =>
  records(v)
    .map((e) => str(e[key]))
    .filter((n): n is string => n !== null);

const RAW = S.raw({
  item: S.obj({
    PolicyArn: S.str,
    PolicyRoles: S.list(z.looseObject({ RoleName: S.str })),
    PolicyUsers: S.list(z.looseObject({ UserName: S.str })),
    PolicyGroups: S.list(z.looseObject({ GroupName: S.str })),
  }),
});

/**
 * Who holds the AWS managed policy AWSSupportAccess in the account (ListEntitiesForPolicy):
 * one record per account. Its reference is the policy's real ARN
 * (`arn:aws:iam::aws:policy/AWSSupportAccess`, the same in every account) with the account as
 * fragment, so the findings of two accounts stay apart.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const e = requireItem(raw, TYPE);
    for (const k of ['PolicyRoles', 'PolicyUsers', 'PolicyGroups']) {
      if (!Array.isArray(e[k])) throw new Error(`${TYPE}: missing required field item.${k}`);
    }
    // the AWS managed policy's own ARN, as the collector asked for it
    const policyArn =
      str(e.PolicyArn) ??
      `arn:${scope.partition ?? awsPartition(scope.region)}:iam::aws:policy/AWSSupportAccess`;
    if (!/^arn:aws[a-z-]*:iam::aws:policy\//.test(policyArn)) {
      throw new Error(`${TYPE}: item.PolicyArn is not an AWS managed policy ARN: ${policyArn}`);
    }
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'policy_attachments',
        reference: `${policyArn}#account/${scope.account}`,
        name: settingName('AWSSupportAccess attachments', scope),
        service: 'iam',
        ext: {
          policy_arn: policyArn,
          roles: names(e.PolicyRoles, 'RoleName'),
          users: names(e.PolicyUsers, 'UserName'),
          groups: names(e.PolicyGroups, 'GroupName'),
        },
        shape: {},
      }),
    ];
  },
});
