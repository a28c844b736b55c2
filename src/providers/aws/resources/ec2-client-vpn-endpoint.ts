import { type ClientVpnEndpoint, EC2Client, paginateDescribeClientVpnEndpoints } from '@aws-sdk/client-ec2';
import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, keyValueTags, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.client_vpn_endpoint';

/** Client VPN endpoints of a region (DescribeClientVpnEndpoints), with their connection logging. */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeClientVpnEndpoints',
    paginate: (client) => paginateDescribeClientVpnEndpoints({ client, pageSize: 1000 }, {}),
    items: (page) => page.ClientVpnEndpoints,
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'vpn_endpoint'],
  raw: S.raw({
    item: S.obj({
      ClientVpnEndpointId: S.str,
      Description: S.str,
      Tags: S.keyValueTags,
      Status: S.obj({ Code: S.str }),
      ConnectionLogOptions: S.obj({ Enabled: S.bool, CloudwatchLogGroup: S.str, CloudwatchLogStream: S.str }),
    }),
  }),
  normalise(raw, scope) {
    const e = requireItem<ClientVpnEndpoint>(raw, TYPE);
    const id = requireString(e, 'ClientVpnEndpointId', TYPE, 'item.ClientVpnEndpointId');
    const tags = keyValueTags(e.Tags);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'vpn_endpoint',
        reference: awsArn('ec2', scope.region, scope.account, `client-vpn-endpoint/${id}`, scope.partition),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          client_vpn_endpoint_id: id,
          status: str(at(e, 'Status.Code')),
          // ConnectionLogOptions is always in the answer; without it logging is not known
          connection_logging: bool(at(e, 'ConnectionLogOptions.Enabled')),
          log_group: str(at(e, 'ConnectionLogOptions.CloudwatchLogGroup')),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsEc2ClientVpnEndpoint' });
