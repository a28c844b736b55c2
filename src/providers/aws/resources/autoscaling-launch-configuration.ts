import {
  AutoScalingClient,
  type LaunchConfiguration,
  paginateDescribeLaunchConfigurations,
} from '@aws-sdk/client-auto-scaling';
import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.autoscaling.launch_configuration';

/** Launch configurations of a region (DescribeLaunchConfigurations). */
const collector = defineCollector({
  type: TYPE,
  service: 'autoscaling',
  client: AutoScalingClient,
  scope: 'region',
  list: {
    permission: 'autoscaling:DescribeLaunchConfigurations',
    paginate: (client) => paginateDescribeLaunchConfigurations({ client, pageSize: 100 }, {}),
    items: (page) => page.LaunchConfigurations,
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'autoscaling',
  produces: [TYPE, 'launch_template'],
  raw: S.raw({
    item: S.obj({
      LaunchConfigurationName: S.str,
      LaunchConfigurationARN: S.str,
      AssociatePublicIpAddress: S.bool,
      MetadataOptions: S.obj({ HttpTokens: S.str, HttpEndpoint: S.str, HttpPutResponseHopLimit: S.num }),
    }),
  }),
  normalise(raw, scope) {
    const c = requireItem<LaunchConfiguration>(raw, TYPE);
    const name = requireString(c, 'LaunchConfigurationName', TYPE, 'item.LaunchConfigurationName');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'launch_template',
        reference:
          str(c.LaunchConfigurationARN) ??
          `arn:${scope.partition ?? 'aws'}:autoscaling:${scope.region}:${scope.account}:launchConfiguration:*:launchConfigurationName/${name}`,
        name,
        service: 'autoscaling',
        ext: {
          // absent: the subnet's setting decides
          associate_public_ip: bool(c.AssociatePublicIpAddress),
          http_tokens: str(at(c, 'MetadataOptions.HttpTokens')),
          metadata_endpoint: str(at(c, 'MetadataOptions.HttpEndpoint')),
          hop_limit: num(at(c, 'MetadataOptions.HttpPutResponseHopLimit')),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsAutoScalingLaunchConfiguration' });
