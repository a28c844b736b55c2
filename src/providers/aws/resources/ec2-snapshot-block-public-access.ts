import { EC2Client, GetSnapshotBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn, settingName } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.snapshot_block_public_access';

/** Block public access for EBS snapshots, a setting of each region (GetSnapshotBlockPublicAccessState). */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:GetSnapshotBlockPublicAccessState',
    single: (client) => client.send(new GetSnapshotBlockPublicAccessStateCommand({})),
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE],
  raw: S.raw({ item: S.obj({ State: S.str, ManagedBy: S.str }) }),
  normalise(raw, scope) {
    const a = requireItem(raw, TYPE);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'region_setting',
        reference: awsArn(
          'ec2',
          scope.region,
          scope.account,
          'snapshot-block-public-access',
          scope.partition,
        ),
        name: settingName('EBS snapshot block public access', scope),
        service: 'ec2',
        // block-all-sharing, block-new-sharing or unblocked
        ext: { state: str(a.State), managed_by: str(a.ManagedBy) },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: {
    events: {
      EnableSnapshotBlockPublicAccess: [],
      DisableSnapshotBlockPublicAccess: [],
    },
  },
});
