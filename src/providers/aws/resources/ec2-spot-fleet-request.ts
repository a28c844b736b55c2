import {
  DescribeSpotFleetRequestsCommand,
  EC2Client,
  type SpotFleetRequestConfig,
} from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ec2.spot_fleet_request';

/** Spot Fleet requests of a region (DescribeSpotFleetRequests, paged by NextToken; the SDK has no paginator). */
const collector = defineCollector({
  type: TYPE,
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeSpotFleetRequests',
    all: async (client) => {
      const out: SpotFleetRequestConfig[] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(new DescribeSpotFleetRequestsCommand({ MaxResults: 1000, NextToken }));
        out.push(...(page.SpotFleetRequestConfigs ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
      return out;
    },
  },
});

const MAPPING = z.looseObject({ DeviceName: S.str, Ebs: S.obj({ Encrypted: S.bool }) });

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ec2',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({
      SpotFleetRequestId: S.str,
      SpotFleetRequestState: S.str,
      SpotFleetRequestConfig: S.obj({
        LaunchSpecifications: S.list(z.looseObject({ BlockDeviceMappings: S.list(MAPPING) })),
      }),
    }),
  }),
  normalise(raw, scope) {
    const r = requireItem<SpotFleetRequestConfig>(raw, TYPE);
    const id = requireString(r, 'SpotFleetRequestId', TYPE, 'item.SpotFleetRequestId');
    const specs = records(at(r, 'SpotFleetRequestConfig.LaunchSpecifications'));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'spot_fleet_request',
        reference: awsArn('ec2', scope.region, scope.account, `spot-fleet-request/${id}`, scope.partition),
        name: id,
        service: 'ec2',
        ext: {
          state: str(r.SpotFleetRequestState),
          // requests that launch from launch templates carry no launch specifications
          uses_launch_specifications: specs.length > 0,
          ebs_volumes: specs.flatMap((s) =>
            records(s.BlockDeviceMappings)
              .filter((m) => at(m, 'Ebs') !== undefined && at(m, 'Ebs') !== null)
              .map((m) => ({ device: str(m.DeviceName), encrypted: bool(at(m, 'Ebs.Encrypted')) })),
          ),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser });
