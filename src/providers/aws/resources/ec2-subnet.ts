import { EC2Client, paginateDescribeSubnets, type Subnet } from '@aws-sdk/client-ec2';
import { defineNormaliser } from '../../../core/provider.js';
import { bool, buildRecord, keyValueTags, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.subnet';

/** VPC subnets of a region (DescribeSubnets): whether instances launched in them get a public IPv4 address. */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeSubnets',
    paginate: (client) => paginateDescribeSubnets({ client, pageSize: 1000 }, {}),
    items: (page) => page.Subnets,
  },
});

const RAW = S.raw({
  item: S.obj({
    SubnetId: S.str,
    SubnetArn: S.str,
    VpcId: S.str,
    OwnerId: S.str,
    AvailabilityZone: S.str,
    CidrBlock: S.str,
    DefaultForAz: S.bool,
    MapPublicIpOnLaunch: S.bool,
    AssignIpv6AddressOnCreation: S.bool,
    Tags: S.keyValueTags,
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'subnet'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<Subnet>(raw, TYPE);
    const id = requireString(s, 'SubnetId', TYPE, 'item.SubnetId');
    const tags = keyValueTags(s.Tags);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'subnet',
        reference:
          str(s.SubnetArn) ??
          awsArn('ec2', scope.region, str(s.OwnerId) ?? scope.account, `subnet/${id}`, scope.partition),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          subnet_id: id,
          vpc_id: str(s.VpcId),
          availability_zone: str(s.AvailabilityZone),
          cidr_block: str(s.CidrBlock),
          default_for_az: bool(s.DefaultForAz),
          // absent means off: DescribeSubnets always answers it, and it defaults to false
          map_public_ip_on_launch: bool(s.MapPublicIpOnLaunch) ?? false,
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsEc2Subnet' });
