import { DescribeVpnConnectionsCommand, EC2Client, type VpnConnection } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  keyValueTags,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.vpn_connection';

/**
 * Site-to-Site VPN connections of a region (DescribeVpnConnections: one call, not paged), with
 * the telemetry (status) and options (logging) of both tunnels.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeVpnConnections',
    all: async (client) => (await client.send(new DescribeVpnConnectionsCommand({}))).VpnConnections ?? [],
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'vpn_connection'],
  raw: S.raw({
    item: S.obj({
      VpnConnectionId: S.str,
      State: S.str,
      Tags: S.keyValueTags,
      VgwTelemetry: S.list(z.looseObject({ OutsideIpAddress: S.str, Status: S.str, StatusMessage: S.str })),
      Options: S.obj({
        TunnelOptions: S.list(
          z.looseObject({
            OutsideIpAddress: S.str,
            LogOptions: S.obj({ CloudWatchLogOptions: S.obj({ LogEnabled: S.bool, LogGroupArn: S.str }) }),
          }),
        ),
      }),
    }),
  }),
  normalise(raw, scope) {
    const v = requireItem<VpnConnection>(raw, TYPE);
    const id = requireString(v, 'VpnConnectionId', TYPE, 'item.VpnConnectionId');
    const tags = keyValueTags(v.Tags);
    const telemetry = Array.isArray(v.VgwTelemetry) ? records(v.VgwTelemetry) : null;
    const tunnels = Array.isArray(at(v, 'Options.TunnelOptions'))
      ? records(at(v, 'Options.TunnelOptions'))
      : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'vpn_connection',
        reference: awsArn('ec2', scope.region, scope.account, `vpn-connection/${id}`, scope.partition),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          vpn_connection_id: id,
          state: str(v.State),
          tunnel_status:
            telemetry === null
              ? null
              : telemetry.map((t) => ({
                  outside_ip: str(t.OutsideIpAddress),
                  status: str(t.Status),
                  message: str(t.StatusMessage),
                })),
          tunnel_logging:
            tunnels === null
              ? null
              : tunnels.map((t) => ({
                  outside_ip: str(t.OutsideIpAddress),
                  // no LogOptions: logging was never turned on
                  enabled: bool(at(t, 'LogOptions.CloudWatchLogOptions.LogEnabled')) ?? false,
                })),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsEc2VpnConnection' });
