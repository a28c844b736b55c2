import type { Vpc } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  bool,
  buildRecord,
  isErrorFact,
  keyValueTags,
  listEnrichment,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.ec2.vpc';

const RAW = S.raw({
  item: S.obj({ VpcId: S.str, OwnerId: S.str, IsDefault: S.bool, CidrBlock: S.str, Tags: S.keyValueTags }),
  flowLogs: S.answerList(
    z.looseObject({
      FlowLogId: S.str,
      FlowLogStatus: S.str,
      TrafficType: S.str,
      LogDestinationType: S.str,
      DeliverLogsStatus: S.str,
    }),
  ),
  endpoints: S.answerList(
    z.looseObject({ VpcEndpointId: S.str, ServiceName: S.str, VpcEndpointType: S.str, State: S.str }),
    'VpcEndpoints',
  ),
});

/**
 * A VPC with its flow logs (DescribeFlowLogs joined on the VPC id). flow_logs is null when the
 * flow log listing failed.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE, 'network'],
  raw: RAW,
  normalise(raw, scope) {
    const v = requireItem<Vpc>(raw, TYPE);
    const id = requireString(v, 'VpcId', TYPE, 'item.VpcId');
    const tags = keyValueTags(v.Tags);
    const logs = Array.isArray(raw.flowLogs) ? records(raw.flowLogs) : null;
    const endpoints = listEnrichment(raw, 'endpoints', 'VpcEndpoints');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'network',
        reference: awsArn('ec2', scope.region, str(v.OwnerId) ?? scope.account, `vpc/${id}`, scope.partition),
        name: tags.Name ?? id,
        service: 'ec2',
        tags,
        ext: {
          vpc_id: id,
          is_default: bool(v.IsDefault) ?? false,
          cidr_block: str(v.CidrBlock),
          flow_logs:
            logs === null
              ? null
              : logs.map((f) => ({
                  id: str(f.FlowLogId),
                  status: str(f.FlowLogStatus),
                  traffic_type: str(f.TrafficType),
                  destination_type: str(f.LogDestinationType),
                  delivery_status: str(f.DeliverLogsStatus),
                })),
          flow_logs_error: isErrorFact(raw.flowLogs)
            ? raw.flowLogs.__error
            : logs === null
              ? 'flowLogs was not collected'
              : null,
          vpc_endpoints:
            endpoints === null
              ? null
              : endpoints.map((e) => ({
                  id: str(e.VpcEndpointId),
                  service_name: str(e.ServiceName),
                  type: str(e.VpcEndpointType),
                  state: str(e.State),
                })),
          unknown_facts:
            endpoints === null
              ? {
                  endpoints: isErrorFact(raw.endpoints)
                    ? raw.endpoints.__error
                    : 'endpoints was not collected',
                }
              : {},
        },
        shape: {},
      }),
    ];
  },
});
