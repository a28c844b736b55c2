import type { GroupDetail } from '@aws-sdk/client-iam';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { ATTACHED_POLICIES, attachedPolicies, INLINE_POLICIES, inlinePolicies } from './iam-principal.js';

const TYPE = 'aws.iam.group';

const RAW = S.raw({
  item: S.obj({
    GroupName: S.str,
    Arn: S.str,
    GroupId: S.str,
    Path: S.str,
    AttachedManagedPolicies: ATTACHED_POLICIES,
    GroupPolicyList: INLINE_POLICIES,
  }),
});

/** An IAM group with its attached and inline policies (GetAccountAuthorizationDetails). */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'iam',
  produces: [TYPE, 'identity_group'],
  raw: RAW,
  normalise(raw, scope) {
    const g = requireItem<GroupDetail>(raw, TYPE);
    const name = requireString(g, 'GroupName', TYPE, 'item.GroupName');
    const arn = requireString(g, 'Arn', TYPE, 'item.Arn');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'identity_group',
        reference: arn,
        name,
        service: 'iam',
        ext: {
          group_id: str(g.GroupId),
          path: str(g.Path),
          attached_policies: attachedPolicies(g.AttachedManagedPolicies),
          inline_policies: inlinePolicies(g.GroupPolicyList),
        },
        shape: {},
      }),
    ];
  },
});
