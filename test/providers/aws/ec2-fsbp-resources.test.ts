import { beforeEach, describe, expect, it } from 'vitest';
import type { ResourceRecord } from '../../../src/core/record.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { ACCOUNT, endpointCollection, REGION } from './endpoint-collection.js';
import type { Answer, EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';
import { ec2Answer } from './query-xml.js';

/**
 * The EC2 resource types of the FSBP controls through the whole SDK stack (signing, the EC2
 * query protocol, the read-only guard, pacing) against the fixture endpoint on 127.0.0.1, with
 * answers in EC2's wire names (lower camel case, lists of <item>; Client VPN's log options keep
 * their upper camel case, as EC2 sends them).
 */

const aws = endpointCollection('AKIDEC2FSBPTEST');
let answers: Record<string, (r: EndpointRequest) => Answer>;

beforeEach(() => {
  answers = {};
  aws.serve((r) => (r.service === 'ec2' ? answers[r.action]?.(r) : undefined));
});

/** the form parameters of an EC2 query-protocol request */
const form = (r: EndpointRequest) => new URLSearchParams(r.body);

async function records(type: string): Promise<ResourceRecord[]> {
  const found = await aws.records(type);
  expect(aws.refused()).toEqual([]);
  return found;
}

const ec2Calls = () =>
  aws
    .requests()
    .filter((r) => r.service === 'ec2')
    .map((r) => r.action);

describe('EC2 resource types of the FSBP controls', () => {
  it('subnets: whether they assign public addresses on launch', async () => {
    answers.DescribeSubnets = () =>
      ec2Answer('DescribeSubnets', {
        subnetSet: [
          {
            subnetId: 'subnet-pub',
            vpcId: 'vpc-1',
            ownerId: ACCOUNT,
            mapPublicIpOnLaunch: true,
            defaultForAz: true,
            subnetArn: `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-pub`,
          },
          {
            subnetId: 'subnet-priv',
            vpcId: 'vpc-1',
            ownerId: ACCOUNT,
            mapPublicIpOnLaunch: false,
            tagSet: [{ key: 'Name', value: 'private-a' }],
          },
        ],
      });
    const rs = await records('aws.ec2.subnet');
    expect(rs.map((r) => [r.com.name, r.ext.map_public_ip_on_launch, r.com.reference])).toEqual([
      ['subnet-pub', true, `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-pub`],
      ['private-a', false, `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-priv`],
    ]);
  });

  it('snapshots: the public ones come from one filtered listing per region, not a call per snapshot', async () => {
    answers.DescribeSnapshots = (r) => {
      expect(form(r).get('Owner.1')).toBe('self');
      const publicOnly = form(r).get('RestorableBy.1') === 'all';
      const all = [
        {
          snapshotId: 'snap-open',
          volumeId: 'vol-1',
          status: 'completed',
          ownerId: ACCOUNT,
          encrypted: false,
          volumeSize: 8,
        },
        {
          snapshotId: 'snap-closed',
          volumeId: 'vol-2',
          status: 'completed',
          ownerId: ACCOUNT,
          encrypted: true,
          volumeSize: 8,
        },
        {
          snapshotId: 'snap-third',
          volumeId: 'vol-3',
          status: 'completed',
          ownerId: ACCOUNT,
          encrypted: true,
          volumeSize: 8,
        },
      ];
      return ec2Answer('DescribeSnapshots', { snapshotSet: publicOnly ? all.slice(0, 1) : all });
    };
    const rs = await records('aws.ec2.snapshot');
    expect(rs.map((r) => [r.com.name, r.ext.public, r.ext.encrypted])).toEqual([
      ['snap-open', true, false],
      ['snap-closed', false, true],
      ['snap-third', false, true],
    ]);
    expect(ec2Calls()).toEqual(['DescribeSnapshots', 'DescribeSnapshots']);
  });

  it('snapshots: a refused public listing leaves "public" unknown, with the reason', async () => {
    answers.DescribeSnapshots = (r) =>
      form(r).get('RestorableBy.1') === 'all'
        ? wireError(
            'AwsEc2QueryProtocol',
            'UnauthorizedOperation',
            'You are not authorized to perform this operation.',
            403,
          )
        : ec2Answer('DescribeSnapshots', { snapshotSet: [{ snapshotId: 'snap-1', ownerId: ACCOUNT }] });
    const [r] = await records('aws.ec2.snapshot');
    expect(r?.ext.public).toBeNull();
    expect(r?.ext.unknown_facts).toEqual({ publicRestore: expect.stringContaining('UnauthorizedOperation') });
  });

  it('region settings: snapshot and VPC block public access', async () => {
    answers.GetSnapshotBlockPublicAccessState = () =>
      ec2Answer('GetSnapshotBlockPublicAccessState', { state: 'block-new-sharing', managedBy: 'account' });
    answers.DescribeVpcBlockPublicAccessOptions = () =>
      ec2Answer('DescribeVpcBlockPublicAccessOptions', {
        vpcBlockPublicAccessOptions: {
          internetGatewayBlockMode: 'off',
          state: 'default-state',
          exclusionsAllowed: 'allowed',
        },
      });
    const [snap] = await records('aws.ec2.snapshot_block_public_access');
    expect(snap?.ext).toMatchObject({ state: 'block-new-sharing' });
    expect(snap?.com.name).toBe(`EBS snapshot block public access (${ACCOUNT}, ${REGION})`);
    const [vpc] = await records('aws.ec2.vpc_block_public_access');
    expect(vpc?.ext).toMatchObject({ internet_gateway_block_mode: 'off' });
  });

  it('a refused region setting is the collection error, naming the API', async () => {
    answers.GetSnapshotBlockPublicAccessState = () =>
      wireError(
        'AwsEc2QueryProtocol',
        'UnauthorizedOperation',
        'You are not authorized to perform this operation.',
        403,
      );
    const c = await aws.collect('aws.ec2.snapshot_block_public_access');
    expect(c.error).toMatch(/^ec2:GetSnapshotBlockPublicAccessState: UnauthorizedOperation/);
  });

  it('transit gateways, Client VPN endpoints and VPN connections', async () => {
    answers.DescribeTransitGateways = () =>
      ec2Answer('DescribeTransitGateways', {
        transitGatewaySet: [
          {
            transitGatewayId: 'tgw-1',
            state: 'available',
            ownerId: ACCOUNT,
            options: { autoAcceptSharedAttachments: 'enable' },
          },
        ],
      });
    answers.DescribeClientVpnEndpoints = () =>
      ec2Answer('DescribeClientVpnEndpoints', {
        clientVpnEndpoint: [
          {
            clientVpnEndpointId: 'cvpn-endpoint-1',
            status: { code: 'available' },
            connectionLogOptions: { Enabled: false },
          },
        ],
      });
    answers.DescribeVpnConnections = () =>
      ec2Answer('DescribeVpnConnections', {
        vpnConnectionSet: [
          {
            vpnConnectionId: 'vpn-1',
            state: 'available',
            vgwTelemetry: [
              { outsideIpAddress: '198.51.100.1', status: 'UP' },
              { outsideIpAddress: '198.51.100.2', status: 'DOWN' },
            ],
            options: {
              tunnelOptionSet: [
                {
                  outsideIpAddress: '198.51.100.1',
                  logOptions: { cloudWatchLogOptions: { logEnabled: true } },
                },
                { outsideIpAddress: '198.51.100.2' },
              ],
            },
          },
        ],
      });
    const [tgw] = await records('aws.ec2.transit_gateway');
    expect(tgw?.ext.auto_accept_shared_attachments).toBe(true);
    const [cvpn] = await records('aws.ec2.client_vpn_endpoint');
    expect(cvpn?.ext.connection_logging).toBe(false);
    const [vpn] = await records('aws.ec2.vpn_connection');
    expect(vpn?.ext.tunnel_status).toEqual([
      { outside_ip: '198.51.100.1', status: 'UP', message: null },
      { outside_ip: '198.51.100.2', status: 'DOWN', message: null },
    ]);
    expect(vpn?.ext.tunnel_logging).toEqual([
      { outside_ip: '198.51.100.1', enabled: true },
      { outside_ip: '198.51.100.2', enabled: false },
    ]);
  });

  it('network interfaces and the default versions of launch templates, in one listing each', async () => {
    answers.DescribeNetworkInterfaces = () =>
      ec2Answer('DescribeNetworkInterfaces', {
        networkInterfaceSet: [
          {
            networkInterfaceId: 'eni-1',
            interfaceType: 'interface',
            requesterManaged: false,
            sourceDestCheck: false,
            status: 'in-use',
            attachment: { instanceId: 'i-1' },
          },
        ],
      });
    answers.DescribeLaunchTemplateVersions = (r) => {
      expect(form(r).get('LaunchTemplateVersion.1')).toBe('$Default');
      return ec2Answer('DescribeLaunchTemplateVersions', {
        launchTemplateVersionSet: [
          {
            launchTemplateId: 'lt-1',
            launchTemplateName: 'web',
            versionNumber: 4,
            defaultVersion: true,
            launchTemplateData: {
              metadataOptions: { httpTokens: 'optional' },
              networkInterfaceSet: [{ deviceIndex: 0, associatePublicIpAddress: true }],
              blockDeviceMappingSet: [
                { deviceName: '/dev/xvda', ebs: { encrypted: true } },
                { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
              ],
            },
          },
        ],
      });
    };
    const [eni] = await records('aws.ec2.network_interface');
    expect(eni?.ext).toMatchObject({
      source_dest_check: false,
      instance_id: 'i-1',
      interface_type: 'interface',
    });
    const [lt] = await records('aws.ec2.launch_template');
    expect(lt?.ext).toMatchObject({
      version: 4,
      http_tokens: 'optional',
      public_ip_interfaces: [0],
      ebs_volumes: [{ device: '/dev/xvda', encrypted: true }],
    });
    expect(ec2Calls()).toEqual(['DescribeNetworkInterfaces', 'DescribeLaunchTemplateVersions']);
  });

  it('VPCs get their endpoints from one DescribeVpcEndpoints listing per region', async () => {
    answers.DescribeVpcs = () =>
      ec2Answer('DescribeVpcs', {
        vpcSet: [
          { vpcId: 'vpc-a', ownerId: ACCOUNT },
          { vpcId: 'vpc-b', ownerId: ACCOUNT },
        ],
      });
    answers.DescribeFlowLogs = () => ec2Answer('DescribeFlowLogs', { flowLogSet: [] });
    answers.DescribeVpcEndpoints = () =>
      ec2Answer('DescribeVpcEndpoints', {
        vpcEndpointSet: [
          {
            vpcEndpointId: 'vpce-1',
            vpcEndpointType: 'Interface',
            vpcId: 'vpc-a',
            serviceName: `com.amazonaws.${REGION}.ssm`,
            state: 'available',
          },
          {
            vpcEndpointId: 'vpce-2',
            vpcEndpointType: 'Gateway',
            vpcId: 'vpc-a',
            serviceName: `com.amazonaws.${REGION}.s3`,
            state: 'available',
          },
        ],
      });
    const rs = await records('aws.ec2.vpc');
    expect(rs.map((r) => [r.ext.vpc_id, (r.ext.vpc_endpoints as unknown[]).length])).toEqual([
      ['vpc-a', 2],
      ['vpc-b', 0],
    ]);
    expect(ec2Calls().filter((a) => a === 'DescribeVpcEndpoints')).toHaveLength(1);
  });

  it('instances: how long a stopped one has been stopped, its virtualisation and its interfaces', async () => {
    answers.DescribeInstances = () =>
      ec2Answer('DescribeInstances', {
        reservationSet: [
          {
            reservationId: 'r-1',
            ownerId: ACCOUNT,
            instancesSet: [
              {
                instanceId: 'i-stopped',
                instanceState: { code: 80, name: 'stopped' },
                reason: 'User initiated (2020-01-15 10:00:00 GMT)',
                virtualizationType: 'paravirtual',
                networkInterfaceSet: [{ networkInterfaceId: 'eni-1' }, { networkInterfaceId: 'eni-2' }],
              },
              {
                instanceId: 'i-running',
                instanceState: { code: 16, name: 'running' },
                reason: '',
                virtualizationType: 'hvm',
                networkInterfaceSet: [{ networkInterfaceId: 'eni-3' }],
              },
            ],
          },
        ],
      });
    answers.DescribeVolumes = () => ec2Answer('DescribeVolumes', { volumeSet: [] });
    const rs = await records('aws.ec2.instance');
    expect(
      rs.map((r) => [
        r.ext.instance_id,
        r.ext.stopped_at,
        r.ext.virtualization_type,
        r.ext.network_interface_count,
      ]),
    ).toEqual([
      ['i-stopped', '2020-01-15T10:00:00Z', 'paravirtual', 2],
      ['i-running', null, 'hvm', 1],
    ]);
    // counted to the time of collection
    expect(rs[0]?.ext.stopped_days).toBeGreaterThan(365);
    expect(rs[1]?.ext.stopped_days).toBeNull();
  });

  it('Spot Fleet requests: the EBS volumes of their launch specifications', async () => {
    answers.DescribeSpotFleetRequests = () =>
      ec2Answer('DescribeSpotFleetRequests', {
        spotFleetRequestConfigSet: [
          {
            spotFleetRequestId: 'sfr-1',
            spotFleetRequestState: 'active',
            spotFleetRequestConfig: {
              launchSpecifications: [
                {
                  blockDeviceMapping: [
                    { deviceName: '/dev/xvda', ebs: { encrypted: false } },
                    { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
                  ],
                },
              ],
            },
          },
        ],
      });
    const [r] = await records('aws.ec2.spot_fleet_request');
    expect(r?.ext).toMatchObject({
      state: 'active',
      uses_launch_specifications: true,
      ebs_volumes: [{ device: '/dev/xvda', encrypted: false }],
    });
  });

  it('the policy grants every call these types make', () => {
    const actions = awsPolicy([
      'aws.ec2.subnet',
      'aws.ec2.snapshot',
      'aws.ec2.snapshot_block_public_access',
      'aws.ec2.vpc_block_public_access',
      'aws.ec2.transit_gateway',
      'aws.ec2.client_vpn_endpoint',
      'aws.ec2.vpn_connection',
      'aws.ec2.network_interface',
      'aws.ec2.launch_template',
    ]).Statement[0]?.Action;
    expect(actions).toEqual(
      expect.arrayContaining([
        'ec2:DescribeSubnets',
        'ec2:DescribeSnapshots',
        'ec2:GetSnapshotBlockPublicAccessState',
        'ec2:DescribeVpcBlockPublicAccessOptions',
        'ec2:DescribeTransitGateways',
        'ec2:DescribeClientVpnEndpoints',
        'ec2:DescribeVpnConnections',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeLaunchTemplateVersions',
      ]),
    );
  });
});
