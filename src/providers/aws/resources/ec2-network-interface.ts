import { EC2Client, type NetworkInterface, paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, keyValueTags, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.network_interface';

/** Elastic network interfaces of a region (DescribeNetworkInterfaces). */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeNetworkInterfaces',
    paginate: (client) => paginateDescribeNetworkInterfaces({ client, pageSize: 1000 }, {}),
    items: (page) => page.NetworkInterfaces,
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'network_interface'],
  raw: S.raw({
    item: S.obj({
      NetworkInterfaceId: S.str,
      InterfaceType: S.str,
      RequesterManaged: S.bool,
      SourceDestCheck: S.bool,
      Status: S.str,
      VpcId: S.str,
      SubnetId: S.str,
      OwnerId: S.str,
      Description: S.str,
      TagSet: S.keyValueTags,
      Attachment: S.obj({ InstanceId: S.str, InstanceOwnerId: S.str }),
    }),
  }),
  normalise(raw, scope) {
    const n = requireItem<NetworkInterface>(raw, TYPE);
    const id = requireString(n, 'NetworkInterfaceId', TYPE, 'item.NetworkInterfaceId');
    const tags = keyValueTags(n.TagSet);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'network_interface',
        reference: awsArn(
          'ec2',
          scope.region,
          str(n.OwnerId) ?? scope.account,
          `network-interface/${id}`,
          scope.partition,
        ),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          network_interface_id: id,
          interface_type: str(n.InterfaceType),
          requester_managed: bool(n.RequesterManaged),
          source_dest_check: bool(n.SourceDestCheck),
          status: str(n.Status),
          vpc_id: str(n.VpcId),
          instance_id: str(at(n, 'Attachment.InstanceId')),
          description: str(n.Description),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsEc2NetworkInterface' });
