import { EC2Client, paginateDescribeTransitGateways, type TransitGateway } from '@aws-sdk/client-ec2';
import { defineNormaliser } from '../../../core/provider.js';
import { at, buildRecord, keyValueTags, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.transit_gateway';

/** Transit gateways of a region (DescribeTransitGateways), with their options. */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeTransitGateways',
    paginate: (client) => paginateDescribeTransitGateways({ client, pageSize: 1000 }, {}),
    items: (page) => page.TransitGateways,
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      TransitGatewayId: S.str,
      TransitGatewayArn: S.str,
      OwnerId: S.str,
      State: S.str,
      Tags: S.keyValueTags,
      Options: S.obj({ AutoAcceptSharedAttachments: S.str, DefaultRouteTableAssociation: S.str }),
    }),
  }),
  normalise(raw, scope) {
    const t = requireItem<TransitGateway>(raw, TYPE);
    const id = requireString(t, 'TransitGatewayId', TYPE, 'item.TransitGatewayId');
    const tags = keyValueTags(t.Tags);
    const autoAccept = str(at(t, 'Options.AutoAcceptSharedAttachments'));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'network_gateway',
        reference:
          str(t.TransitGatewayArn) ??
          awsArn(
            'ec2',
            scope.region,
            str(t.OwnerId) ?? scope.account,
            `transit-gateway/${id}`,
            scope.partition,
          ),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          transit_gateway_id: id,
          state: str(t.State),
          auto_accept_shared_attachments: autoAccept === null ? null : autoAccept === 'enable',
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsEc2TransitGateway' });
