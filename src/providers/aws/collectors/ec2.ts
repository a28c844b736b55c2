import {
  EC2Client,
  type FlowLog,
  GetEbsEncryptionByDefaultCommand,
  type Instance,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeSecurityGroups,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  type Volume,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import type { CollectContext } from '../collector.js';
import { defineCollector } from '../collector.js';
import { allPages, groupBy } from './pages.js';

/** Every volume of the region, listed once and shared by the volume and instance collectors. */
function regionVolumes(client: EC2Client, ctx: CollectContext): Promise<Volume[]> {
  return ctx.memo('ec2:DescribeVolumes', () =>
    allPages(paginateDescribeVolumes({ client, pageSize: 500 }, {}), (p) => p.Volumes),
  );
}

export const securityGroups = defineCollector({
  type: 'aws.ec2.security_group',
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeSecurityGroups',
    paginate: (client) => paginateDescribeSecurityGroups({ client, pageSize: 1000 }, {}),
    items: (page) => page.SecurityGroups,
  },
});

export const instances = defineCollector({
  type: 'aws.ec2.instance',
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeInstances',
    paginate: (client) => paginateDescribeInstances({ client, pageSize: 1000 }, {}),
    items: (page) => page.Reservations?.flatMap((r): Instance[] => r.Instances ?? []),
  },
  enrich: {
    // a join on one DescribeVolumes listing per region, not a call per instance
    volumes: {
      permission: 'ec2:DescribeVolumes',
      call: async (client, instance, ctx) => {
        const byInstance = await ctx.memo('ec2:DescribeVolumes#byInstance', async () =>
          groupBy(await regionVolumes(client, ctx), (v) => (v.Attachments ?? []).map((a) => a.InstanceId)),
        );
        return instance.InstanceId ? (byInstance.get(instance.InstanceId) ?? []) : [];
      },
    },
  },
  // how long a stopped instance has been stopped is counted to the collection, not to a replay
  derive: { collectedAt: () => new Date().toISOString() },
});

export const volumes = defineCollector({
  type: 'aws.ec2.volume',
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: { permission: 'ec2:DescribeVolumes', all: (client, ctx) => regionVolumes(client, ctx) },
});

export const ebsEncryptionDefault = defineCollector({
  type: 'aws.ec2.ebs_encryption_default',
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:GetEbsEncryptionByDefault',
    single: (client) => client.send(new GetEbsEncryptionByDefaultCommand({})),
  },
});

export const vpcs = defineCollector({
  type: 'aws.ec2.vpc',
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeVpcs',
    paginate: (client) => paginateDescribeVpcs({ client, pageSize: 1000 }, {}),
    items: (page) => page.Vpcs,
  },
  enrich: {
    // one DescribeFlowLogs listing per region, joined on the VPC id
    flowLogs: {
      permission: 'ec2:DescribeFlowLogs',
      call: async (client, vpc, ctx) => {
        const byResource = await ctx.memo('ec2:DescribeFlowLogs#byResource', async () =>
          groupBy(
            await allPages(
              paginateDescribeFlowLogs({ client, pageSize: 1000 }, {}),
              (p): FlowLog[] => p.FlowLogs ?? [],
            ),
            (f) => [f.ResourceId],
          ),
        );
        return vpc.VpcId ? (byResource.get(vpc.VpcId) ?? []) : [];
      },
    },
    // one DescribeVpcEndpoints listing per region, joined on the VPC id
    endpoints: {
      permission: 'ec2:DescribeVpcEndpoints',
      facts: ['vpc_endpoints'],
      call: async (client, vpc, ctx) => {
        const byVpc = await ctx.memo('ec2:DescribeVpcEndpoints#byVpc', async () =>
          groupBy(
            await allPages(
              paginateDescribeVpcEndpoints({ client, pageSize: 1000 }, {}),
              (p): VpcEndpoint[] => p.VpcEndpoints ?? [],
            ),
            (e) => [e.VpcId],
          ),
        );
        return vpc.VpcId ? (byVpc.get(vpc.VpcId) ?? []) : [];
      },
    },
  },
});

export const networkAcls = defineCollector({
  type: 'aws.ec2.network_acl',
  service: 'ec2',
  client: EC2Client,
  scope: 'region',
  list: {
    permission: 'ec2:DescribeNetworkAcls',
    paginate: (client) => paginateDescribeNetworkAcls({ client, pageSize: 1000 }, {}),
    items: (page) => page.NetworkAcls,
  },
});
