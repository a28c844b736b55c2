import {
  DescribeBackupPolicyCommand,
  EFSClient,
  PolicyNotFound,
  paginateDescribeFileSystems,
} from '@aws-sdk/client-efs';
import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeLoadBalancerPoliciesCommand,
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
      facts: [
        'access_logs_enabled',
        'access_logs_bucket',
        'drop_invalid_header_fields',
        'deletion_protection',
        'desync_mitigation_mode',
      ],
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
      facts: [
        'access_logs_enabled',
        'connection_draining',
        'cross_zone_load_balancing',
        'desync_mitigation_mode',
      ],
      call: (client, lb) =>
        client.send(new DescribeClassicAttributesCommand({ LoadBalancerName: lb.LoadBalancerName })),
    },
    // only load balancers with an HTTPS or SSL listener have SSL negotiation policies
    policies: {
      permission: 'elasticloadbalancing:DescribeLoadBalancerPolicies',
      facts: ['listener_security_policies'],
      when: (lb) =>
        (lb.ListenerDescriptions ?? []).some((d) =>
          ['HTTPS', 'SSL'].includes(d.Listener?.Protocol?.toUpperCase() ?? ''),
        ),
      call: (client, lb) =>
        client.send(new DescribeLoadBalancerPoliciesCommand({ LoadBalancerName: lb.LoadBalancerName })),
    },
  },
});
