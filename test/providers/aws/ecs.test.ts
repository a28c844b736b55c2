import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { targetsOf } from '../../../src/watch/resource-ids.js';
import { trailEvent } from '../../watch/fixtures.js';
import { ACCOUNT, endpointCollection, jsonAnswer, REGION } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * ECS clusters, services and task definitions through the SDK stack against the fixture
 * endpoint, in ECS's JSON 1.1 shapes: list calls give ARNs, batch Describe calls the details.
 */

const env = endpointCollection('AKIDECSTEST');
const PREFIX = 'AmazonEC2ContainerServiceV20141113.';
const arn = (kind: string, id: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:${kind}/${id}`;

const clusters = ['prod', 'batch'];
const services: Record<string, Record<string, unknown>[]> = {
  prod: Array.from({ length: 12 }, (_, i) => ({
    serviceArn: arn('service', `prod/web-${i}`),
    serviceName: `web-${i}`,
    clusterArn: arn('cluster', 'prod'),
    launchType: 'FARGATE',
    platformVersion: i === 0 ? '1.3.0' : 'LATEST',
    platformFamily: 'Linux',
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-a'],
        securityGroups: ['sg-1'],
        assignPublicIp: i === 1 ? 'ENABLED' : 'DISABLED',
      },
    },
    taskSets: [],
  })),
  batch: [],
};

const taskDefinitions: Record<string, Record<string, unknown>> = {
  'web:3': {
    family: 'web',
    revision: 3,
    networkMode: 'awsvpc',
    containerDefinitions: [
      {
        name: 'app',
        image: 'app:1',
        readonlyRootFilesystem: true,
        environment: [{ name: 'STAGE', value: 'prod' }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
      },
    ],
  },
  'agent:7': {
    family: 'agent',
    revision: 7,
    networkMode: 'host',
    pidMode: 'host',
    containerDefinitions: [
      {
        name: 'collector',
        image: 'agent:7',
        privileged: true,
        environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'fake-not-a-secret' }],
      },
      { name: 'sidecar', image: 'sidecar:1', user: 'root' },
    ],
  },
};

function ecs(r: EndpointRequest) {
  if (r.service !== 'ecs' || r.headers['x-amz-target'] !== `${PREFIX}${r.action}`) return undefined;
  const input = JSON.parse(r.body || '{}') as Record<string, unknown>;
  switch (r.action) {
    case 'ListClusters':
      return jsonAnswer({ clusterArns: clusters.map((c) => arn('cluster', c)) });
    case 'DescribeClusters':
      expect(input.include).toEqual(['SETTINGS']);
      return jsonAnswer({
        clusters: (input.clusters as string[]).map((a) => ({
          clusterArn: a,
          clusterName: a.split('/').pop(),
          status: 'ACTIVE',
          settings: [{ name: 'containerInsights', value: a.endsWith('prod') ? 'enhanced' : 'disabled' }],
          tags: [{ key: 'team', value: 'core' }],
        })),
        failures: [],
      });
    case 'ListServices':
      return jsonAnswer({
        serviceArns: (services[String(input.cluster).split('/').pop() ?? ''] ?? []).map((s) => s.serviceArn),
      });
    case 'DescribeServices': {
      const wanted = input.services as string[];
      const all = Object.values(services).flat();
      return jsonAnswer({ services: all.filter((s) => wanted.includes(String(s.serviceArn))), failures: [] });
    }
    case 'ListTaskDefinitions':
      return jsonAnswer({
        taskDefinitionArns: ['web:1', 'web:3', 'web:2', 'agent:7'].map((t) => arn('task-definition', t)),
      });
    case 'DescribeTaskDefinition': {
      const id = String(input.taskDefinition).split('/').pop() ?? '';
      const def = taskDefinitions[id];
      if (!def)
        return wireError('AwsJson1_1Protocol', 'ClientException', 'Unable to describe task definition.');
      return jsonAnswer({
        taskDefinition: { taskDefinitionArn: arn('task-definition', id), status: 'ACTIVE', ...def },
      });
    }
    default:
      return undefined;
  }
}

describe('ECS collectors', () => {
  it('clusters come from one DescribeClusters with their settings', async () => {
    env.serve(ecs);
    const records = await env.records('aws.ecs.cluster');
    expect(records.map((r) => [r.com.name, r.ext.container_insights, r.com.tags])).toEqual([
      ['prod', 'enhanced', { team: 'core' }],
      ['batch', 'disabled', { team: 'core' }],
    ]);
    expect(env.calls()).toEqual(['ecs:ListClusters', 'ecs:DescribeClusters']);
  });

  it('services are described ten at a time, per cluster', async () => {
    env.serve(ecs);
    const records = await env.records('aws.ecs.service');
    expect(records).toHaveLength(12);
    expect(
      records
        .slice(0, 2)
        .map((r) => [r.com.name, r.ext.fargate, r.ext.platform_version, r.ext.assigns_public_ip]),
    ).toEqual([
      ['web-0', true, '1.3.0', false],
      ['web-1', true, 'LATEST', true],
    ]);
    expect(env.calls()).toEqual([
      'ecs:ListClusters',
      'ecs:ListServices',
      'ecs:DescribeServices',
      'ecs:DescribeServices',
      'ecs:ListServices',
    ]);
  });

  it('task definitions: only the latest active revision of each family is described', async () => {
    env.serve(ecs);
    const records = await env.records('aws.ecs.task_definition');
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.network_mode,
        r.ext.pid_mode,
        r.ext.privileged_containers,
        r.ext.writable_root_containers,
        r.ext.containers_without_logging,
        r.ext.root_containers,
        r.ext.credential_variables,
      ]),
    ).toEqual([
      ['web:3', 'awsvpc', null, [], [], [], ['app'], []],
      [
        'agent:7',
        'host',
        'host',
        ['collector'],
        ['collector', 'sidecar'],
        ['collector', 'sidecar'],
        ['sidecar'],
        ['collector'],
      ],
    ]);
    expect(env.calls().filter((c) => c === 'ecs:DescribeTaskDefinition')).toHaveLength(2);
    // a plain-text variable's value is not kept, in the facts nor in the raw answer
    expect(JSON.stringify(records)).not.toContain('fake-not-a-secret');
    expect(JSON.stringify(records[1]?.raw)).toContain('(value not kept)');
  });

  it('a failed list is the collection error', async () => {
    env.serve(() => wireError('AwsJson1_1Protocol', 'AccessDeniedException', 'no ecs:ListClusters'));
    const c = await env.collect('aws.ecs.cluster');
    expect(c.error).toMatch(/^ecs:ListClusters: AccessDeniedException/);
  });

  it('declares every call it makes, and events name the resource', () => {
    expect(awsPolicy(['aws.ecs.service']).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      'ecs:DescribeServices',
      'ecs:ListClusters',
      'ecs:ListServices',
    ]);
    const event = trailEvent(
      'UpdateService',
      { cluster: 'prod', service: arn('service', 'prod/web-1') },
      { source: 'ecs.amazonaws.com' },
    );
    expect(targetsOf(event).map((t) => [t.type, t.id])).toEqual([['aws.ecs.service', 'web-1']]);
  });
});
