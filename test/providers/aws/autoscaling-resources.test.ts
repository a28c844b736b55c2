import { beforeEach, describe, expect, it } from 'vitest';
import type { ResourceRecord } from '../../../src/core/record.js';
import { ACCOUNT, endpointCollection, REGION } from './endpoint-collection.js';
import type { Answer, EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';
import { queryAnswer } from './query-xml.js';

/** Auto Scaling groups and launch configurations through the whole SDK stack, in Auto Scaling's query XML. */

const NS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';

const aws = endpointCollection('AKIDAUTOSCALINGTEST');
let answers: Record<string, (r: EndpointRequest) => Answer>;

beforeEach(() => {
  answers = {};
  aws.serve((r) => (r.service === 'autoscaling' ? answers[r.action]?.(r) : undefined));
});

async function records(type: string): Promise<ResourceRecord[]> {
  const found = await aws.records(type);
  expect(aws.refused()).toEqual([]);
  return found;
}

describe('Auto Scaling resource types', () => {
  it('groups: zones, load balancers, health check type, launch source and instance types', async () => {
    answers.DescribeAutoScalingGroups = () =>
      queryAnswer('DescribeAutoScalingGroups', NS, {
        AutoScalingGroups: [
          {
            AutoScalingGroupName: 'web',
            AutoScalingGroupARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:autoScalingGroup:1:autoScalingGroupName/web`,
            MinSize: 1,
            MaxSize: 4,
            DesiredCapacity: 2,
            DefaultCooldown: 300,
            AvailabilityZones: ['eu-west-1a', 'eu-west-1b'],
            LoadBalancerNames: [],
            TargetGroupARNs: [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/1`],
            HealthCheckType: 'EC2',
            CreatedTime: '2024-01-01T00:00:00Z',
            MixedInstancesPolicy: {
              LaunchTemplate: {
                LaunchTemplateSpecification: { LaunchTemplateId: 'lt-1', Version: '$Latest' },
                Overrides: [{ InstanceType: 'm7g.large' }, { InstanceType: 'm6g.large' }],
              },
            },
          },
          {
            AutoScalingGroupName: 'legacy',
            MinSize: 1,
            MaxSize: 1,
            DesiredCapacity: 1,
            DefaultCooldown: 300,
            AvailabilityZones: ['eu-west-1a'],
            HealthCheckType: 'ELB',
            LaunchConfigurationName: 'legacy-lc',
            CreatedTime: '2019-01-01T00:00:00Z',
          },
        ],
      });
    const [web, legacy] = await records('aws.autoscaling.group');
    expect(web?.ext).toMatchObject({
      availability_zones: ['eu-west-1a', 'eu-west-1b'],
      load_balancers: [`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web/1`],
      health_check_types: ['EC2'],
      launch_template: 'lt-1',
      instance_types: ['m7g.large', 'm6g.large'],
    });
    expect(legacy?.ext).toMatchObject({
      launch_template: null,
      launch_configuration: 'legacy-lc',
      load_balancers: [],
    });
  });

  it('launch configurations: public addressing and metadata options', async () => {
    answers.DescribeLaunchConfigurations = () =>
      queryAnswer('DescribeLaunchConfigurations', NS, {
        LaunchConfigurations: [
          {
            LaunchConfigurationName: 'legacy-lc',
            ImageId: 'ami-1',
            InstanceType: 't3.micro',
            CreatedTime: '2019-01-01T00:00:00Z',
            AssociatePublicIpAddress: true,
            MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
          },
        ],
      });
    const [lc] = await records('aws.autoscaling.launch_configuration');
    expect(lc?.ext).toMatchObject({ associate_public_ip: true, http_tokens: 'optional', hop_limit: 1 });
  });

  it('a refused listing is the collection error, naming the API', async () => {
    answers.DescribeAutoScalingGroups = () =>
      wireError('AwsQueryProtocol', 'AccessDenied', 'not authorized', 403);
    const c = await aws.collect('aws.autoscaling.group');
    expect(c.error).toMatch(/^autoscaling:DescribeAutoScalingGroups: AccessDenied/);
  });
});
