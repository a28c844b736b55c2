import {
  DescribeBackupPolicyCommand,
  EFSClient,
  PolicyNotFound,
  paginateDescribeFileSystems,
} from '@aws-sdk/client-efs';
import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers as paginateDescribeClassicLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { defineCollector } from '../collector.js';
import { allPages } from './pages.js';

export const fileSystems = defineCollector({
  type: 'aws.efs.file_system',
  service: 'elasticfilesystem',
  client: EFSClient,
  scope: 'region',
  list: {
    permission: 'elasticfilesystem:DescribeFileSystems',
    paginate: (client) => paginateDescribeFileSystems({ client, pageSize: 100 }, {}),
    items: (page) => page.FileSystems,
  },
  enrich: {
    // the automatic backup policy (AWS Backup's default plan); PolicyNotFound = never set, off
    backupPolicy: {
      permission: 'elasticfilesystem:DescribeBackupPolicy',
      facts: ['automatic_backups'],
      absentOn: [PolicyNotFound, 'PolicyNotFound'],
      call: (client, f) => client.send(new DescribeBackupPolicyCommand({ FileSystemId: f.FileSystemId })),
    },
  },
});

export const loadBalancers = defineCollector({
  type: 'aws.elbv2.load_balancer',
  service: 'elasticloadbalancing',
  client: ElasticLoadBalancingV2Client,
  scope: 'region',
  list: {
    permission: 'elasticloadbalancing:DescribeLoadBalancers',
    paginate: (client) => paginateDescribeLoadBalancers({ client, pageSize: 400 }, {}),
    items: (page) => page.LoadBalancers,
  },
  enrich: {
    listeners: {
      permission: 'elasticloadbalancing:DescribeListeners',
      facts: ['listeners'],
      call: (client, lb) =>
        allPages(
          paginateDescribeListeners({ client }, { LoadBalancerArn: lb.LoadBalancerArn }),
          (p) => p.Listeners,
        ),
    },
    attributes: {
      permission: 'elasticloadbalancing:DescribeLoadBalancerAttributes',
      facts: ['access_logs_enabled', 'access_logs_bucket', 'drop_invalid_header_fields'],
      call: (client, lb) =>
        client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.LoadBalancerArn })),
    },
  },
});

export const classicLoadBalancers = defineCollector({
  type: 'aws.elb.load_balancer',
  service: 'elasticloadbalancing',
  client: ElasticLoadBalancingClient,
  scope: 'region',
  list: {
    permission: 'elasticloadbalancing:DescribeLoadBalancers',
    paginate: (client) => paginateDescribeClassicLoadBalancers({ client, pageSize: 400 }, {}),
    items: (page) => page.LoadBalancerDescriptions,
  },
  enrich: {
    attributes: {
      permission: 'elasticloadbalancing:DescribeLoadBalancerAttributes',
      facts: ['access_logs_enabled'],
      call: (client, lb) =>
        client.send(new DescribeClassicAttributesCommand({ LoadBalancerName: lb.LoadBalancerName })),
    },
  },
});
