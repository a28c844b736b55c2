import {
  AutoScalingClient,
  type AutoScalingGroup,
  paginateDescribeAutoScalingGroups,
} from '@aws-sdk/client-auto-scaling';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, buildRecord, records, requireItem, requireString, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.autoscaling.group';

/** Auto Scaling groups of a region (DescribeAutoScalingGroups: zones, load balancers, launch source). */
const collector = defineCollector({
  type: TYPE,
  service: 'autoscaling',
  client: AutoScalingClient,
  scope: 'region',
  list: {
    permission: 'autoscaling:DescribeAutoScalingGroups',
    paginate: (client) => paginateDescribeAutoScalingGroups({ client, pageSize: 100 }, {}),
    items: (page) => page.AutoScalingGroups,
  },
});

const TEMPLATE = S.obj({ LaunchTemplateId: S.str, LaunchTemplateName: S.str, Version: S.str });

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'autoscaling',
  produces: [TYPE, 'scaling_group'],
  raw: S.raw({
    item: S.obj({
      AutoScalingGroupName: S.str,
      AutoScalingGroupARN: S.str,
      AvailabilityZones: S.strs,
      LoadBalancerNames: S.strs,
      TargetGroupARNs: S.strs,
      HealthCheckType: S.str,
      LaunchConfigurationName: S.str,
      LaunchTemplate: TEMPLATE,
      MixedInstancesPolicy: S.obj({
        LaunchTemplate: S.obj({
          LaunchTemplateSpecification: TEMPLATE,
          Overrides: S.list(z.looseObject({ InstanceType: S.str })),
        }),
      }),
    }),
  }),
  normalise(raw, scope) {
    const g = requireItem<AutoScalingGroup>(raw, TYPE);
    const name = requireString(g, 'AutoScalingGroupName', TYPE, 'item.AutoScalingGroupName');
    const mixed = at(g, 'MixedInstancesPolicy.LaunchTemplate');
    const launchTemplate =
      str(at(g, 'LaunchTemplate.LaunchTemplateId')) ??
      str(at(g, 'LaunchTemplate.LaunchTemplateName')) ??
      str(at(mixed, 'LaunchTemplateSpecification.LaunchTemplateId')) ??
      str(at(mixed, 'LaunchTemplateSpecification.LaunchTemplateName'));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'scaling_group',
        reference:
          str(g.AutoScalingGroupARN) ??
          `arn:${scope.partition ?? 'aws'}:autoscaling:${scope.region}:${scope.account}:autoScalingGroup:*:autoScalingGroupName/${name}`,
        name,
        service: 'autoscaling',
        ext: {
          availability_zones: strings(g.AvailabilityZones),
          load_balancers: [...strings(g.LoadBalancerNames), ...strings(g.TargetGroupARNs)],
          // EC2, ELB, VPC_LATTICE or EBS; AWS answers a comma list when several are set
          health_check_types: (str(g.HealthCheckType) ?? 'EC2').split(',').map((t) => t.trim()),
          launch_configuration: str(g.LaunchConfigurationName),
          launch_template: launchTemplate,
          instance_types: [
            ...new Set(
              records(at(mixed, 'Overrides'))
                .map((o) => str(o.InstanceType))
                .filter((t): t is string => t !== null),
            ),
          ],
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsAutoScalingAutoScalingGroup' });
