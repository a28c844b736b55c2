import type { Collection } from '../../src/core/provider.js';
import { DEV, PROD } from './demo-estate-aws-cis.js';

/**
 * The AWS Foundational Security Best Practices part of the demo estate: the EC2 network
 * pieces, databases, containers, serverless and messaging services of the two AWS accounts.
 * acme-prod runs the shop and is mostly well kept; acme-dev holds the experiments, where most
 * of the gaps are. Every raw item has the shape the AWS SDK v3 answers with for the collector's
 * calls (the list item under `item`, each per-item answer under its key; dates as ISO strings).
 */

type Json = Record<string, unknown>;
type Col = (region: string, type: string, items: Json[]) => Collection;

const tags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

// ------------------------------------------------------------------ EC2 network

function subnet(
  account: string,
  id: string,
  vpc: string,
  az: string,
  cidr: string,
  publicIp: boolean,
  name: string,
): Json {
  return {
    item: {
      SubnetId: id,
      SubnetArn: `arn:aws:ec2:us-east-1:${account}:subnet/${id}`,
      VpcId: vpc,
      OwnerId: account,
      AvailabilityZone: az,
      AvailabilityZoneId: az === 'us-east-1a' ? 'use1-az1' : 'use1-az2',
      CidrBlock: cidr,
      AvailableIpAddressCount: 240,
      DefaultForAz: false,
      MapPublicIpOnLaunch: publicIp,
      AssignIpv6AddressOnCreation: false,
      State: 'available',
      Tags: tags({ Name: name }),
    },
  };
}

function snapshot(
  account: string,
  id: string,
  volume: string,
  encrypted: boolean,
  open: boolean,
  name: string,
): Json {
  return {
    item: {
      SnapshotId: id,
      VolumeId: volume,
      OwnerId: account,
      Description: `${name} nightly`,
      Encrypted: encrypted,
      ...(encrypted
        ? { KmsKeyId: `arn:aws:kms:us-east-1:${account}:key/0de00000-0000-4000-8000-0000000000e1` }
        : {}),
      VolumeSize: 50,
      State: 'completed',
      Progress: '100%',
      StartTime: '2025-02-28T02:00:00.000Z',
      StorageTier: 'standard',
      Tags: tags({ Name: name }),
    },
    publicRestore: { public: open },
  };
}

function eni(
  account: string,
  id: string,
  subnetId: string,
  vpc: string,
  instance: string,
  srcDest: boolean,
  description: string,
): Json {
  return {
    item: {
      NetworkInterfaceId: id,
      InterfaceType: 'interface',
      RequesterManaged: false,
      SourceDestCheck: srcDest,
      Status: 'in-use',
      VpcId: vpc,
      SubnetId: subnetId,
      OwnerId: account,
      AvailabilityZone: 'us-east-1a',
      Description: description,
      PrivateIpAddress: '10.0.1.50',
      Attachment: {
        AttachmentId: `eni-attach-${id.slice(4)}`,
        InstanceId: instance,
        InstanceOwnerId: account,
        DeviceIndex: 0,
        Status: 'attached',
      },
      TagSet: [],
    },
  };
}

function launchTemplate(id: string, name: string, data: Json): Json {
  return {
    item: {
      LaunchTemplateId: id,
      LaunchTemplateName: name,
      VersionNumber: 3,
      DefaultVersion: true,
      CreateTime: '2024-10-02T09:00:00.000Z',
      CreatedBy: 'arn:aws:iam::111122223333:user/alice',
      LaunchTemplateData: data,
    },
  };
}

function vpnConnection(
  id: string,
  name: string,
  up: [string, string],
  logged: [boolean, boolean],
  logGroup: string,
): Json {
  const ips = ['203.0.113.10', '203.0.113.74'];
  return {
    item: {
      VpnConnectionId: id,
      CustomerGatewayId: `cgw-${id.slice(4)}`,
      VpnGatewayId: `vgw-${id.slice(4)}`,
      Type: 'ipsec.1',
      State: 'available',
      Category: 'VPN',
      Tags: tags({ Name: name }),
      VgwTelemetry: ips.map((ip, i) => ({
        OutsideIpAddress: ip,
        Status: up[i],
        StatusMessage: up[i] === 'UP' ? '2 BGP ROUTES' : '',
        AcceptedRouteCount: up[i] === 'UP' ? 2 : 0,
        LastStatusChange: '2025-03-01T06:12:00.000Z',
      })),
      Options: {
        StaticRoutesOnly: false,
        TunnelInsideIpVersion: 'ipv4',
        TunnelOptions: ips.map((ip, i) => ({
          OutsideIpAddress: ip,
          LogOptions: logged[i]
            ? { CloudWatchLogOptions: { LogEnabled: true, LogGroupArn: logGroup, LogOutputFormat: 'json' } }
            : { CloudWatchLogOptions: { LogEnabled: false } },
        })),
      },
    },
  };
}

function prodNetwork(col: Col): Collection[] {
  const A = PROD;
  const vpc = 'vpc-0de00000000000001';
  return [
    col('us-east-1', 'aws.ec2.subnet', [
      subnet(A, 'subnet-0de00000000000001', vpc, 'us-east-1a', '10.0.1.0/24', false, 'prod-app-a'),
      subnet(A, 'subnet-0de00000000000002', vpc, 'us-east-1b', '10.0.2.0/24', false, 'prod-app-b'),
      // the public subnet of the load balancers, set up years ago to hand out addresses
      subnet(A, 'subnet-0de00000000000003', vpc, 'us-east-1a', '10.0.0.0/24', true, 'prod-public-a'),
    ]),
    col('us-east-1', 'aws.ec2.snapshot', [
      snapshot(A, 'snap-0de00000000000001', 'vol-0de00000000000001', true, false, 'web-1-root'),
      snapshot(A, 'snap-0de00000000000002', 'vol-0de00000000000003', false, false, 'legacy-batch-data'),
    ]),
    col('us-east-1', 'aws.ec2.snapshot_block_public_access', [
      { item: { State: 'block-all-sharing', ManagedBy: 'account' } },
    ]),
    col('eu-west-1', 'aws.ec2.snapshot_block_public_access', [
      { item: { State: 'unblocked', ManagedBy: 'account' } },
    ]),
    col('us-east-1', 'aws.ec2.vpc_block_public_access', [
      {
        item: {
          VpcBlockPublicAccessOptions: {
            AwsAccountId: A,
            AwsRegion: 'us-east-1',
            State: 'update-complete',
            InternetGatewayBlockMode: 'block-ingress',
            Reason: 'Account',
            ExclusionsAllowed: 'allowed',
            LastUpdateTimestamp: '2025-01-15T10:00:00.000Z',
          },
        },
      },
    ]),
    col('eu-west-1', 'aws.ec2.vpc_block_public_access', [
      {
        item: {
          VpcBlockPublicAccessOptions: {
            AwsAccountId: A,
            AwsRegion: 'eu-west-1',
            State: 'default-state',
            InternetGatewayBlockMode: 'off',
            Reason: 'Account',
            ExclusionsAllowed: 'allowed',
          },
        },
      },
    ]),
    col('us-east-1', 'aws.ec2.transit_gateway', [
      {
        item: {
          TransitGatewayId: 'tgw-0de00000000000001',
          TransitGatewayArn: `arn:aws:ec2:us-east-1:${A}:transit-gateway/tgw-0de00000000000001`,
          OwnerId: A,
          State: 'available',
          Description: 'acme hub',
          CreationTime: '2023-05-04T10:00:00.000Z',
          Options: {
            AmazonSideAsn: 64512,
            AutoAcceptSharedAttachments: 'disable',
            DefaultRouteTableAssociation: 'enable',
            DefaultRouteTablePropagation: 'enable',
            VpnEcmpSupport: 'enable',
            DnsSupport: 'enable',
          },
          Tags: tags({ Name: 'acme-hub' }),
        },
      },
    ]),
    col('us-east-1', 'aws.ec2.client_vpn_endpoint', [
      {
        item: {
          ClientVpnEndpointId: 'cvpn-endpoint-0de00000000000001',
          Description: 'staff remote access',
          Status: { Code: 'available' },
          CreationTime: '2023-08-01T09:00:00',
          DnsName: '*.cvpn-endpoint-0de00000000000001.prod.clientvpn.us-east-1.amazonaws.com',
          ClientCidrBlock: '172.16.0.0/22',
          TransportProtocol: 'udp',
          VpcId: vpc,
          ConnectionLogOptions: {
            Enabled: true,
            CloudwatchLogGroup: '/acme/client-vpn',
            CloudwatchLogStream: 'connections',
          },
          Tags: tags({ Name: 'staff-vpn' }),
        },
      },
    ]),
    col('us-east-1', 'aws.ec2.vpn_connection', [
      vpnConnection(
        'vpn-0de00000000000001',
        'office-london',
        ['UP', 'UP'],
        [true, true],
        `arn:aws:logs:us-east-1:${A}:log-group:/acme/vpn`,
      ),
    ]),
    col('us-east-1', 'aws.ec2.network_interface', [
      eni(
        A,
        'eni-0de00000000000001',
        'subnet-0de00000000000001',
        vpc,
        'i-0de00000000000001',
        true,
        'web-1 primary',
      ),
    ]),
    col('us-east-1', 'aws.ec2.launch_template', [
      launchTemplate('lt-0de00000000000001', 'web-asg', {
        ImageId: 'ami-0de00000000000001',
        InstanceType: 't3.medium',
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
        NetworkInterfaces: [
          { DeviceIndex: 0, AssociatePublicIpAddress: false, Groups: ['sg-0de00000000000002'] },
        ],
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 20, VolumeType: 'gp3' } },
        ],
      }),
    ]),
  ];
}

function devNetwork(col: Col): Collection[] {
  const A = DEV;
  const vpc = 'vpc-0de0000000000d001';
  return [
    col('us-east-1', 'aws.ec2.subnet', [
      subnet(A, 'subnet-0de0000000000d001', vpc, 'us-east-1a', '10.20.1.0/24', true, 'dev-a'),
    ]),
    col('us-east-1', 'aws.ec2.snapshot', [
      // shared with everyone to hand a disk image to a contractor, and never unshared
      snapshot(A, 'snap-0de0000000000d001', 'vol-0de0000000000d001', false, true, 'dev-box-handover'),
    ]),
    col('us-east-1', 'aws.ec2.snapshot_block_public_access', [
      { item: { State: 'unblocked', ManagedBy: 'account' } },
    ]),
    col('us-east-1', 'aws.ec2.vpc_block_public_access', [
      {
        item: {
          VpcBlockPublicAccessOptions: {
            AwsAccountId: A,
            AwsRegion: 'us-east-1',
            State: 'default-state',
            InternetGatewayBlockMode: 'off',
            Reason: 'Account',
            ExclusionsAllowed: 'allowed',
          },
        },
      },
    ]),
    col('us-east-1', 'aws.ec2.transit_gateway', [
      {
        item: {
          TransitGatewayId: 'tgw-0de0000000000d001',
          TransitGatewayArn: `arn:aws:ec2:us-east-1:${A}:transit-gateway/tgw-0de0000000000d001`,
          OwnerId: A,
          State: 'available',
          Description: 'dev sandbox hub',
          CreationTime: '2024-06-11T10:00:00.000Z',
          Options: {
            AmazonSideAsn: 64513,
            AutoAcceptSharedAttachments: 'enable',
            DefaultRouteTableAssociation: 'enable',
            DefaultRouteTablePropagation: 'enable',
            VpnEcmpSupport: 'enable',
            DnsSupport: 'enable',
          },
          Tags: tags({ Name: 'dev-hub' }),
        },
      },
    ]),
    col('us-east-1', 'aws.ec2.client_vpn_endpoint', [
      {
        item: {
          ClientVpnEndpointId: 'cvpn-endpoint-0de0000000000d001',
          Description: 'contractor access',
          Status: { Code: 'available' },
          CreationTime: '2024-09-03T09:00:00',
          DnsName: '*.cvpn-endpoint-0de0000000000d001.prod.clientvpn.us-east-1.amazonaws.com',
          ClientCidrBlock: '172.20.0.0/22',
          TransportProtocol: 'udp',
          VpcId: vpc,
          ConnectionLogOptions: { Enabled: false },
          Tags: tags({ Name: 'contractor-vpn' }),
        },
      },
    ]),
    col('us-east-1', 'aws.ec2.vpn_connection', [
      vpnConnection('vpn-0de0000000000d001', 'lab-office', ['UP', 'DOWN'], [false, false], ''),
    ]),
    col('us-east-1', 'aws.ec2.network_interface', [
      // a NAT instance someone built by hand
      eni(
        A,
        'eni-0de0000000000d001',
        'subnet-0de0000000000d001',
        vpc,
        'i-0de0000000000d001',
        false,
        'dev-box nat',
      ),
    ]),
    col('us-east-1', 'aws.ec2.launch_template', [
      launchTemplate('lt-0de0000000000d001', 'dev-runner', {
        ImageId: 'ami-0de0000000000d001',
        InstanceType: 't3.large',
        NetworkInterfaces: [
          { DeviceIndex: 0, AssociatePublicIpAddress: true, Groups: ['sg-0de0000000000d001'] },
        ],
        BlockDeviceMappings: [
          { DeviceName: '/dev/xvda', Ebs: { Encrypted: false, VolumeSize: 100, VolumeType: 'gp3' } },
        ],
      }),
    ]),
  ];
}

export function prodServiceCollections(col: Col): Collection[] {
  return [...prodNetwork(col)];
}

export function devServiceCollections(col: Col): Collection[] {
  return [...devNetwork(col)];
}
