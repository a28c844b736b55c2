import { DescribeVpcBlockPublicAccessOptionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, isRecord, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn, settingName } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.vpc_block_public_access';

/** VPC Block Public Access, a setting of each region (DescribeVpcBlockPublicAccessOptions). */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeVpcBlockPublicAccessOptions',
    single: (client) => client.send(new DescribeVpcBlockPublicAccessOptionsCommand({})),
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      VpcBlockPublicAccessOptions: S.obj({
        InternetGatewayBlockMode: S.str,
        State: S.str,
        ExclusionsAllowed: S.str,
      }),
    }),
  }),
  normalise(raw, scope) {
    const a = requireItem(raw, TYPE);
    const options = isRecord(a.VpcBlockPublicAccessOptions) ? a.VpcBlockPublicAccessOptions : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'region_setting',
        reference: awsArn('ec2', scope.region, scope.account, 'vpc-block-public-access', scope.partition),
        name: settingName('VPC block public access', scope),
        service: 'ec2',
        ext: {
          // off, block-bidirectional or block-ingress; null when the answer carried no options
          internet_gateway_block_mode: options ? str(options.InternetGatewayBlockMode) : null,
          state: options ? str(options.State) : null,
          exclusions_allowed: options ? str(options.ExclusionsAllowed) : null,
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  singleton: true,
  changedBy: { events: { ModifyVpcBlockPublicAccessOptions: [] } },
});
