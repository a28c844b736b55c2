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

// ------------------------------------------------------------------ messaging and serverless

const KEY = (account: string, n: string) =>
  `arn:aws:kms:us-east-1:${account}:key/0de00000-0000-4000-8000-0000000000${n}`;
const policy = (...Statement: Json[]) => JSON.stringify({ Version: '2012-10-17', Statement });

function queue(account: string, name: string, attrs: Record<string, string>): Json {
  return {
    item: { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${account}/${name}` },
    attributes: { Attributes: { QueueArn: `arn:aws:sqs:us-east-1:${account}:${name}`, ...attrs } },
  };
}

function topic(account: string, name: string, attrs: Record<string, string>): Json {
  const arn = `arn:aws:sns:us-east-1:${account}:${name}`;
  return {
    item: { TopicArn: arn },
    attributes: {
      Attributes: {
        TopicArn: arn,
        Owner: account,
        DisplayName: name,
        SubscriptionsConfirmed: '2',
        SubscriptionsPending: '0',
        Policy: policy({
          Sid: '__default_statement_ID',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['SNS:Publish', 'SNS:Subscribe'],
          Resource: arn,
          Condition: { StringEquals: { 'AWS:SourceOwner': account } },
        }),
        ...attrs,
      },
    },
  };
}

function secret(account: string, name: string, s: Json, collectedAt: string): Json {
  return {
    item: {
      ARN: `arn:aws:secretsmanager:us-east-1:${account}:secret:${name}-AbCdEf`,
      Name: name,
      SecretVersionsToStages: { '0de00000-aaaa-4000-8000-000000000001': ['AWSCURRENT'] },
      Tags: [],
      ...s,
    },
    collectedAt,
  };
}

function lambdaFn(account: string, name: string, f: Json, lambdaPolicy: Json | null, subnets?: Json): Json {
  return {
    item: {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:us-east-1:${account}:function:${name}`,
      Role: `arn:aws:iam::${account}:role/${name}-role`,
      Handler: 'index.handler',
      CodeSize: 48213,
      Timeout: 30,
      MemorySize: 256,
      LastModified: '2025-02-11T10:12:00.000+0000',
      Version: '$LATEST',
      PackageType: 'Zip',
      Architectures: ['arm64'],
      ...f,
    },
    policy: lambdaPolicy,
    ...(subnets ? { subnets } : {}),
  };
}

function stream(account: string, name: string, encryption: Json): Json {
  const arn = `arn:aws:kinesis:us-east-1:${account}:stream/${name}`;
  return {
    item: {
      StreamName: name,
      StreamARN: arn,
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamCreationTimestamp: '2024-03-01T10:00:00.000Z',
    },
    summary: {
      StreamDescriptionSummary: {
        StreamName: name,
        StreamARN: arn,
        StreamStatus: 'ACTIVE',
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        RetentionPeriodHours: 24,
        StreamCreationTimestamp: '2024-03-01T10:00:00.000Z',
        OpenShardCount: 4,
        ConsumerCount: 1,
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        ...encryption,
      },
    },
  };
}

function stateMachine(account: string, name: string, level: string, tracing: boolean): Json {
  return {
    item: {
      stateMachineArn: `arn:aws:states:us-east-1:${account}:stateMachine:${name}`,
      name,
      type: 'STANDARD',
      creationDate: '2024-07-09T10:00:00.000Z',
    },
    settings: {
      loggingConfiguration:
        level === 'OFF'
          ? { level: 'OFF', includeExecutionData: false }
          : {
              level,
              includeExecutionData: false,
              destinations: [
                {
                  cloudWatchLogsLogGroup: {
                    logGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:/aws/vendedlogs/states/${name}:*`,
                  },
                },
              ],
            },
      tracingConfiguration: { enabled: tracing },
    },
  };
}

function table(account: string, name: string, deletionProtection: boolean, pitr: boolean): Json {
  return {
    item: { TableName: name },
    table: {
      Table: {
        TableName: name,
        TableArn: `arn:aws:dynamodb:us-east-1:${account}:table/${name}`,
        TableId: `0de00000-0000-4000-8000-${name.length.toString().padStart(12, '0')}`,
        TableStatus: 'ACTIVE',
        CreationDateTime: '2023-11-20T10:00:00.000Z',
        ItemCount: 18234,
        TableSizeBytes: 9811230,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        DeletionProtectionEnabled: deletionProtection,
      },
    },
    continuousBackups: {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: pitr
          ? {
              PointInTimeRecoveryStatus: 'ENABLED',
              RecoveryPeriodInDays: 35,
              EarliestRestorableDateTime: '2025-01-27T06:00:00.000Z',
              LatestRestorableDateTime: '2025-03-03T05:55:00.000Z',
            }
          : { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    },
  };
}

function certificate(
  account: string,
  id: string,
  domain: string,
  key: string,
  notAfter: string,
  collectedAt: string,
): Json {
  return {
    item: {
      CertificateArn: `arn:aws:acm:us-east-1:${account}:certificate/${id}`,
      DomainName: domain,
      SubjectAlternativeNameSummaries: [domain],
      HasAdditionalSubjectAlternativeNames: false,
      Status: 'ISSUED',
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: key,
      KeyUsages: ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'],
      ExtendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION'],
      InUse: true,
      RenewalEligibility: 'ELIGIBLE',
      NotBefore: '2024-10-01T00:00:00.000Z',
      NotAfter: notAfter,
      CreatedAt: '2023-09-30T10:00:00.000Z',
      IssuedAt: '2024-10-01T10:00:00.000Z',
    },
    collectedAt,
  };
}

function prodServerless(col: Col, collectedAt: string): Collection[] {
  const A = PROD;
  return [
    col('global', 'aws.account.security_contact', [
      {
        item: {
          AlternateContactType: 'SECURITY',
          Name: 'Acme Security Team',
          Title: 'Security',
          EmailAddress: 'security@example.com',
          PhoneNumber: '+1-555-0100',
        },
      },
    ]),
    col('us-east-1', 'aws.acm.certificate', [
      certificate(
        A,
        '0de00000-0000-4000-8000-0000000000c1',
        'shop.acme.example',
        'RSA_2048',
        '2025-10-31T23:59:59.000Z',
        collectedAt,
      ),
      // imported years ago for the old API host, still attached, and expiring this month
      certificate(
        A,
        '0de00000-0000-4000-8000-0000000000c2',
        'api-legacy.acme.example',
        'RSA_1024',
        '2025-03-20T23:59:59.000Z',
        collectedAt,
      ),
    ]),
    col('us-east-1', 'aws.sqs.queue', [
      queue(A, 'orders', {
        KmsMasterKeyId: KEY(A, 'e1'),
        KmsDataKeyReusePeriodSeconds: '300',
        SqsManagedSseEnabled: 'false',
      }),
      queue(A, 'order-events-dlq', { KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'false' }),
    ]),
    col('us-east-1', 'aws.sns.topic', [
      topic(A, 'order-notifications', {
        KmsMasterKeyId: KEY(A, 'e1'),
        SQSSuccessFeedbackRoleArn: `arn:aws:iam::${A}:role/sns-delivery-status`,
        SQSFailureFeedbackRoleArn: `arn:aws:iam::${A}:role/sns-delivery-status`,
        SQSSuccessFeedbackSampleRate: '10',
      }),
      topic(A, 'ops-alerts', { KmsMasterKeyId: 'alias/aws/sns' }),
    ]),
    col('us-east-1', 'aws.secretsmanager.secret', [
      secret(
        A,
        'prod/orders/db',
        {
          KmsKeyId: KEY(A, 'e1'),
          RotationEnabled: true,
          RotationLambdaARN: `arn:aws:lambda:us-east-1:${A}:function:secrets-rotation`,
          RotationRules: { AutomaticallyAfterDays: 30 },
          CreatedDate: '2023-11-20T10:00:00.000Z',
          LastRotatedDate: '2025-02-20T03:00:00.000Z',
          LastChangedDate: '2025-02-20T03:00:00.000Z',
          LastAccessedDate: '2025-03-02T00:00:00.000Z',
          NextRotationDate: '2025-03-22T03:00:00.000Z',
        },
        collectedAt,
      ),
      secret(
        A,
        'prod/payments/api-key',
        {
          RotationEnabled: true,
          RotationLambdaARN: `arn:aws:lambda:us-east-1:${A}:function:secrets-rotation`,
          RotationRules: { AutomaticallyAfterDays: 30 },
          CreatedDate: '2024-01-08T10:00:00.000Z',
          // the rotation function has failed since the payment provider changed its API
          LastRotatedDate: '2024-10-01T03:00:00.000Z',
          LastChangedDate: '2024-10-01T03:00:00.000Z',
          LastAccessedDate: '2025-03-02T00:00:00.000Z',
          NextRotationDate: '2024-10-31T03:00:00.000Z',
        },
        collectedAt,
      ),
    ]),
    col('us-east-1', 'aws.lambda.function', [
      lambdaFn(
        A,
        'orders-api',
        {
          Runtime: 'nodejs20.x',
          VpcConfig: {
            SubnetIds: ['subnet-0de00000000000001', 'subnet-0de00000000000002'],
            SecurityGroupIds: ['sg-0de00000000000002'],
            VpcId: 'vpc-0de00000000000001',
          },
          TracingConfig: { Mode: 'Active' },
        },
        null,
        {
          Subnets: [
            {
              SubnetId: 'subnet-0de00000000000001',
              AvailabilityZone: 'us-east-1a',
              VpcId: 'vpc-0de00000000000001',
              CidrBlock: '10.0.1.0/24',
            },
            {
              SubnetId: 'subnet-0de00000000000002',
              AvailabilityZone: 'us-east-1b',
              VpcId: 'vpc-0de00000000000001',
              CidrBlock: '10.0.2.0/24',
            },
          ],
        },
      ),
      lambdaFn(
        A,
        'thumbnailer',
        { Runtime: 'python3.12', TracingConfig: { Mode: 'PassThrough' } },
        {
          Policy: policy({
            Sid: 's3-invoke',
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: 'lambda:InvokeFunction',
            Resource: `arn:aws:lambda:us-east-1:${A}:function:thumbnailer`,
            Condition: {
              StringEquals: { 'AWS:SourceAccount': A },
              ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::acme-prod-public-site' },
            },
          }),
          RevisionId: '0de00000-0000-4000-8000-00000000a001',
        },
      ),
    ]),
    col('us-east-1', 'aws.kinesis.stream', [
      stream(A, 'clickstream', { EncryptionType: 'KMS', KeyId: KEY(A, 'e1') }),
      stream(A, 'audit-events', { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }),
    ]),
    col('us-east-1', 'aws.states.state_machine', [stateMachine(A, 'order-fulfilment', 'ERROR', true)]),
    col('us-east-1', 'aws.dynamodb.table', [
      table(A, 'orders', true, true),
      table(A, 'sessions', false, false),
    ]),
  ];
}

function devServerless(col: Col, collectedAt: string): Collection[] {
  const A = DEV;
  return [
    // GetAlternateContact answered ResourceNotFoundException: nobody is registered
    col('global', 'aws.account.security_contact', [{ item: null }]),
    col('us-east-1', 'aws.sqs.queue', [
      queue(A, 'dev-jobs', {
        SqsManagedSseEnabled: 'false',
        Policy: policy({
          Sid: 'AnyoneCanSend',
          Effect: 'Allow',
          Principal: '*',
          Action: 'sqs:SendMessage',
          Resource: `arn:aws:sqs:us-east-1:${A}:dev-jobs`,
        }),
      }),
    ]),
    col('us-east-1', 'aws.sns.topic', [
      // opened to every AWS account to get a partner's CI to subscribe, without a condition
      topic(A, 'dev-builds', {
        Policy: policy({
          Sid: 'PartnerSubscribe',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'SNS:Subscribe',
          Resource: `arn:aws:sns:us-east-1:${A}:dev-builds`,
        }),
      }),
    ]),
    col('us-east-1', 'aws.secretsmanager.secret', [
      secret(
        A,
        'dev/legacy/ftp-password',
        {
          CreatedDate: '2022-05-17T10:00:00.000Z',
          LastChangedDate: '2022-05-17T10:00:00.000Z',
          LastAccessedDate: '2023-01-09T00:00:00.000Z',
        },
        collectedAt,
      ),
    ]),
    col('us-east-1', 'aws.lambda.function', [
      lambdaFn(
        A,
        'dev-webhook',
        { Runtime: 'nodejs16.x', TracingConfig: { Mode: 'PassThrough' } },
        {
          Policy: policy({
            Sid: 'FunctionURLAllowPublicAccess',
            Effect: 'Allow',
            Principal: '*',
            Action: 'lambda:InvokeFunctionUrl',
            Resource: `arn:aws:lambda:us-east-1:${A}:function:dev-webhook`,
            Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
          }),
          RevisionId: '0de00000-0000-4000-8000-00000000d001',
        },
      ),
      lambdaFn(
        A,
        'dev-db-migrate',
        {
          Runtime: 'python3.12',
          VpcConfig: {
            SubnetIds: ['subnet-0de0000000000d001'],
            SecurityGroupIds: ['sg-0de0000000000d001'],
            VpcId: 'vpc-0de0000000000d001',
          },
          TracingConfig: { Mode: 'PassThrough' },
        },
        null,
        {
          Subnets: [
            {
              SubnetId: 'subnet-0de0000000000d001',
              AvailabilityZone: 'us-east-1a',
              VpcId: 'vpc-0de0000000000d001',
              CidrBlock: '10.20.1.0/24',
            },
          ],
        },
      ),
    ]),
    col('us-east-1', 'aws.kinesis.stream', [stream(A, 'dev-events', { EncryptionType: 'NONE' })]),
    col('us-east-1', 'aws.states.state_machine', [stateMachine(A, 'dev-etl', 'OFF', false)]),
  ];
}

// ------------------------------------------------------------------ databases

function dbCluster(account: string, id: string, engine: string, c: Json): Json {
  return {
    item: {
      DBClusterIdentifier: id,
      DBClusterArn: `arn:aws:rds:us-east-1:${account}:cluster:${id}`,
      DbClusterResourceId: `cluster-0DE0${id
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .padEnd(22, 'X')
        .slice(0, 22)}`,
      Engine: engine,
      EngineMode: 'provisioned',
      Status: 'available',
      Endpoint: `${id}.cluster-c0de00000000.us-east-1.rds.amazonaws.com`,
      Port: engine.includes('postgres') ? 5432 : 3306,
      AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      BackupRetentionPeriod: 7,
      ClusterCreateTime: '2023-06-12T10:00:00.000Z',
      TagList: [],
      ...c,
    },
  };
}

const member = (id: string, writer: boolean) => ({
  DBInstanceIdentifier: id,
  IsClusterWriter: writer,
  DBClusterParameterGroupStatus: 'in-sync',
  PromotionTier: 1,
});

function dbSnapshot(
  account: string,
  id: string,
  instance: string,
  encrypted: boolean,
  restore: string[],
): Json {
  return {
    item: {
      DBSnapshotIdentifier: id,
      DBSnapshotArn: `arn:aws:rds:us-east-1:${account}:snapshot:${id}`,
      DBInstanceIdentifier: instance,
      SnapshotCreateTime: '2025-02-27T04:00:00.000Z',
      Engine: 'postgres',
      EngineVersion: '16.4',
      AllocatedStorage: 100,
      Status: 'available',
      SnapshotType: 'manual',
      Encrypted: encrypted,
      ...(encrypted ? { KmsKeyId: KEY(account, 'e1') } : {}),
      TagList: [],
    },
    attributes: {
      DBSnapshotAttributesResult: {
        DBSnapshotIdentifier: id,
        DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: restore }],
      },
    },
  };
}

function clusterSnapshot(
  account: string,
  id: string,
  cluster: string,
  encrypted: boolean,
  restore: string[],
  engine = 'aurora-mysql',
): Json {
  return {
    item: {
      DBClusterSnapshotIdentifier: id,
      DBClusterSnapshotArn: `arn:aws:rds:us-east-1:${account}:cluster-snapshot:${id}`,
      DBClusterIdentifier: cluster,
      SnapshotCreateTime: '2025-02-27T04:00:00.000Z',
      Engine: engine,
      EngineVersion:
        engine === 'aurora-mysql' ? '8.0.mysql_aurora.3.05.2' : engine === 'docdb' ? '5.0.0' : '1.3.2.1',
      Status: 'available',
      SnapshotType: 'manual',
      StorageEncrypted: encrypted,
      ...(encrypted ? { KmsKeyId: KEY(account, 'e1') } : {}),
      TagList: [],
    },
    attributes: {
      DBClusterSnapshotAttributesResult: {
        DBClusterSnapshotIdentifier: id,
        DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: restore }],
      },
    },
  };
}

function eventSubscription(
  account: string,
  name: string,
  sourceType: string,
  categories: string[],
  enabled = true,
): Json {
  return {
    item: {
      CustomerAwsId: account,
      CustSubscriptionId: name,
      EventSubscriptionArn: `arn:aws:rds:us-east-1:${account}:es:${name}`,
      SnsTopicArn: `arn:aws:sns:us-east-1:${account}:${account === PROD ? 'ops-alerts' : 'dev-builds'}`,
      Status: 'active',
      SubscriptionCreationTime: '2024-02-01 10:00:00.000',
      SourceType: sourceType,
      EventCategoriesList: categories,
      Enabled: enabled,
    },
  };
}

function redshift(account: string, id: string, c: Json, loggingOn: boolean, requireSsl: boolean): Json {
  return {
    item: {
      ClusterIdentifier: id,
      ClusterNamespaceArn: `arn:aws:redshift:us-east-1:${account}:namespace:0de00000-0000-4000-8000-${id.length.toString().padStart(12, '0')}`,
      NodeType: 'ra3.xlplus',
      ClusterStatus: 'available',
      NumberOfNodes: 2,
      Endpoint: { Address: `${id}.c0de00000000.us-east-1.redshift.amazonaws.com`, Port: 5439 },
      ClusterCreateTime: '2023-04-18T10:00:00.000Z',
      ClusterParameterGroups: [{ ParameterGroupName: `${id}-params`, ParameterApplyStatus: 'in-sync' }],
      VpcId: account === PROD ? 'vpc-0de00000000000001' : 'vpc-0de0000000000d001',
      Tags: [],
      ...c,
    },
    logging: loggingOn
      ? {
          LoggingEnabled: true,
          LogDestinationType: 'cloudwatch',
          LogExports: ['connectionlog', 'userlog', 'useractivitylog'],
        }
      : { LoggingEnabled: false },
    parameters: [
      {
        ParameterName: 'require_ssl',
        ParameterValue: String(requireSsl),
        Description: 'require ssl for all databaseconnections',
        Source: requireSsl ? 'user' : 'engine-default',
        DataType: 'boolean',
        ApplyType: 'static',
        IsModifiable: true,
      },
    ],
  };
}

function cacheCluster(account: string, id: string, c: Json): Json {
  return {
    item: {
      CacheClusterId: id,
      ARN: `arn:aws:elasticache:us-east-1:${account}:cluster:${id}`,
      CacheNodeType: 'cache.t4g.medium',
      Engine: 'redis',
      EngineVersion: '7.1.0',
      CacheClusterStatus: 'available',
      NumCacheNodes: 1,
      PreferredAvailabilityZone: 'us-east-1a',
      CacheClusterCreateTime: '2024-01-22T10:00:00.000Z',
      ...c,
    },
  };
}

function replicationGroup(account: string, id: string, g: Json): Json {
  return {
    item: {
      ReplicationGroupId: id,
      ARN: `arn:aws:elasticache:us-east-1:${account}:replicationgroup:${id}`,
      Description: `${id} cache`,
      Status: 'available',
      Engine: 'redis',
      MemberClusters: [`${id}-001`, `${id}-002`],
      CacheNodeType: 'cache.t4g.medium',
      ClusterEnabled: false,
      UserGroupIds: [],
      ...g,
    },
  };
}

function prodDatabases(col: Col): Collection[] {
  const A = PROD;
  const good = {
    StorageEncrypted: true,
    KmsKeyId: KEY(A, 'e1'),
    DeletionProtection: true,
    IAMDatabaseAuthenticationEnabled: true,
    MultiAZ: true,
    CopyTagsToSnapshot: true,
  };
  return [
    col('us-east-1', 'aws.rds.db_cluster', [
      dbCluster(A, 'orders-aurora', 'aurora-postgresql', {
        ...good,
        EngineVersion: '16.4',
        MasterUsername: 'orders_admin',
        EnabledCloudwatchLogsExports: ['postgresql'],
        DBClusterMembers: [member('orders-aurora-1', true), member('orders-aurora-2', false)],
      }),
      dbCluster(A, 'catalog-aurora', 'aurora-mysql', {
        ...good,
        EngineVersion: '8.0.mysql_aurora.3.05.2',
        MasterUsername: 'catalog_admin',
        BacktrackWindow: 86400,
        EnabledCloudwatchLogsExports: ['audit', 'error', 'slowquery'],
        DBClusterMembers: [member('catalog-aurora-1', true), member('catalog-aurora-2', false)],
      }),
      // a Multi-AZ DB cluster (not Aurora): it sets minor version upgrades for the cluster
      dbCluster(A, 'ledger', 'postgres', {
        ...good,
        EngineVersion: '16.4',
        MasterUsername: 'ledger_admin',
        AutoMinorVersionUpgrade: true,
        EnabledCloudwatchLogsExports: ['postgresql'],
        DBClusterMembers: [
          member('ledger-instance-1', true),
          member('ledger-instance-2', false),
          member('ledger-instance-3', false),
        ],
      }),
      ...docdbNeptune(A, true),
    ]),
    col('us-east-1', 'aws.rds.db_snapshot', [
      dbSnapshot(A, 'orders-db-before-upgrade', 'orders-db', true, []),
    ]),
    col('us-east-1', 'aws.rds.db_cluster_snapshot', [
      // shared with the backup account only
      clusterSnapshot(A, 'catalog-aurora-2025-02', 'catalog-aurora', true, ['777788889999']),
      ...docdbNeptuneSnapshots(A, true),
    ]),
    col('us-east-1', 'aws.rds.event_subscription', [
      eventSubscription(A, 'prod-db-instances', 'db-instance', [
        'failure',
        'low storage',
        'maintenance',
        'configuration change',
        'notification',
      ]),
      eventSubscription(A, 'prod-db-clusters', 'db-cluster', []),
      eventSubscription(A, 'prod-db-parameter-groups', 'db-parameter-group', ['configuration change']),
      eventSubscription(A, 'prod-db-security-groups', 'db-security-group', [
        'configuration change',
        'failure',
      ]),
    ]),
    col('us-east-1', 'aws.redshift.cluster', [
      redshift(
        A,
        'acme-warehouse',
        {
          PubliclyAccessible: false,
          Encrypted: true,
          KmsKeyId: KEY(A, 'e1'),
          AutomatedSnapshotRetentionPeriod: 14,
          AllowVersionUpgrade: true,
          EnhancedVpcRouting: true,
          MasterUsername: 'warehouse_admin',
          DBName: 'analytics',
          MultiAZ: 'Enabled',
        },
        true,
        true,
      ),
    ]),
    col('us-east-1', 'aws.elasticache.cache_cluster', [
      cacheCluster(A, 'sessions-001', {
        ReplicationGroupId: 'sessions',
        AutoMinorVersionUpgrade: true,
        CacheSubnetGroupName: 'acme-cache',
        SnapshotRetentionLimit: 7,
        AtRestEncryptionEnabled: true,
        TransitEncryptionEnabled: true,
      }),
    ]),
    col('us-east-1', 'aws.elasticache.replication_group', [
      replicationGroup(A, 'sessions', {
        AutomaticFailover: 'enabled',
        MultiAZ: 'enabled',
        AtRestEncryptionEnabled: true,
        TransitEncryptionEnabled: true,
        TransitEncryptionMode: 'required',
        AuthTokenEnabled: true,
        SnapshotRetentionLimit: 7,
        KmsKeyId: KEY(A, 'e1'),
      }),
    ]),
  ];
}

function devDatabases(col: Col): Collection[] {
  const A = DEV;
  const neglected = {
    StorageEncrypted: false,
    DeletionProtection: false,
    IAMDatabaseAuthenticationEnabled: false,
    MultiAZ: false,
    CopyTagsToSnapshot: false,
    MasterUsername: 'admin',
    EnabledCloudwatchLogsExports: [],
  };
  return [
    col('us-east-1', 'aws.rds.db_cluster', [
      dbCluster(A, 'dev-aurora-mysql', 'aurora-mysql', {
        ...neglected,
        EngineVersion: '8.0.mysql_aurora.3.04.1',
        BacktrackWindow: 0,
        DBClusterMembers: [member('dev-aurora-mysql-1', true)],
      }),
      dbCluster(A, 'dev-aurora-pg', 'aurora-postgresql', {
        ...neglected,
        MasterUsername: 'postgres',
        EngineVersion: '15.6',
        DBClusterMembers: [member('dev-aurora-pg-1', true)],
      }),
      dbCluster(A, 'dev-metrics', 'mysql', {
        ...neglected,
        EngineVersion: '8.0.39',
        // a Multi-AZ DB cluster is in three zones by construction
        MultiAZ: true,
        AutoMinorVersionUpgrade: false,
        DBClusterMembers: [
          member('dev-metrics-instance-1', true),
          member('dev-metrics-instance-2', false),
          member('dev-metrics-instance-3', false),
        ],
      }),
      ...docdbNeptune(A, false),
    ]),
    col('us-east-1', 'aws.rds.db_snapshot', [
      // made public to copy test data into a vendor's account
      dbSnapshot(A, 'dev-db-for-vendor', 'dev-db', false, ['all']),
    ]),
    col('us-east-1', 'aws.rds.db_cluster_snapshot', [
      clusterSnapshot(A, 'dev-aurora-mysql-share', 'dev-aurora-mysql', false, ['777788889999']),
      ...docdbNeptuneSnapshots(A, false),
    ]),
    col('us-east-1', 'aws.rds.event_subscription', [
      eventSubscription(A, 'dev-db-instances', 'db-instance', ['failure']),
      eventSubscription(A, 'dev-db-clusters', 'db-cluster', ['failover']),
      eventSubscription(A, 'dev-db-parameter-groups', 'db-parameter-group', ['configuration change'], false),
      eventSubscription(A, 'dev-db-security-groups', 'db-security-group', ['failure']),
    ]),
    col('us-east-1', 'aws.redshift.cluster', [
      redshift(
        A,
        'dev-warehouse',
        {
          PubliclyAccessible: true,
          Encrypted: false,
          AutomatedSnapshotRetentionPeriod: 1,
          AllowVersionUpgrade: false,
          EnhancedVpcRouting: false,
          MasterUsername: 'awsuser',
          DBName: 'dev',
          MultiAZ: 'Disabled',
        },
        false,
        false,
      ),
    ]),
    col('us-east-1', 'aws.elasticache.cache_cluster', [
      cacheCluster(A, 'dev-cache', {
        AutoMinorVersionUpgrade: false,
        CacheSubnetGroupName: 'default',
        SnapshotRetentionLimit: 0,
        AtRestEncryptionEnabled: false,
        TransitEncryptionEnabled: false,
      }),
    ]),
    col('us-east-1', 'aws.elasticache.replication_group', [
      replicationGroup(A, 'dev-queue', {
        AutomaticFailover: 'disabled',
        MultiAZ: 'disabled',
        AtRestEncryptionEnabled: false,
        TransitEncryptionEnabled: false,
        AuthTokenEnabled: false,
        SnapshotRetentionLimit: 0,
      }),
    ]),
  ];
}

// ------------------------------------------------------------------ containers, build and operations

/** What the collectors keep of a plain-text variable's value (they never store it). */
const NOT_KEPT = '(value not kept)';

function ecsCluster(account: string, name: string, insights: string): Json {
  return {
    item: {
      clusterArn: `arn:aws:ecs:us-east-1:${account}:cluster/${name}`,
      clusterName: name,
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 6,
      activeServicesCount: 2,
      settings: [{ name: 'containerInsights', value: insights }],
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      tags: [{ key: 'env', value: account === PROD ? 'prod' : 'dev' }],
    },
  };
}

function ecsService(
  account: string,
  cluster: string,
  name: string,
  platformVersion: string,
  publicIp: boolean,
  taskSets: Json[] = [],
): Json {
  const network = (ip: boolean) => ({
    awsvpcConfiguration: {
      subnets: [account === PROD ? 'subnet-0de00000000000001' : 'subnet-0de0000000000d001'],
      securityGroups: [account === PROD ? 'sg-0de00000000000002' : 'sg-0de0000000000d001'],
      assignPublicIp: ip ? 'ENABLED' : 'DISABLED',
    },
  });
  return {
    item: {
      serviceArn: `arn:aws:ecs:us-east-1:${account}:service/${cluster}/${name}`,
      serviceName: name,
      clusterArn: `arn:aws:ecs:us-east-1:${account}:cluster/${cluster}`,
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 2,
      launchType: 'FARGATE',
      platformVersion,
      platformFamily: 'Linux',
      taskDefinition: `arn:aws:ecs:us-east-1:${account}:task-definition/${name}:12`,
      deploymentController: { type: taskSets.length > 0 ? 'EXTERNAL' : 'ECS' },
      networkConfiguration: network(publicIp),
      taskSets: taskSets.map(({ public: open, ...t }) => ({
        ...t,
        networkConfiguration: network(open === true),
      })),
      createdAt: '2024-04-02T10:00:00.000Z',
    },
  };
}

function taskDefinition(account: string, family: string, d: Json, containers: Json[]): Json {
  const arn = `arn:aws:ecs:us-east-1:${account}:task-definition/${family}:12`;
  return {
    item: { taskDefinitionArn: arn },
    definition: {
      taskDefinition: {
        taskDefinitionArn: arn,
        family,
        revision: 12,
        status: 'ACTIVE',
        requiresCompatibilities: ['FARGATE'],
        cpu: '512',
        memory: '1024',
        executionRoleArn: `arn:aws:iam::${account}:role/ecsTaskExecutionRole`,
        registeredAt: '2025-01-30T10:00:00.000Z',
        ...d,
        containerDefinitions: containers.map((c) => ({
          image: `${account}.dkr.ecr.us-east-1.amazonaws.com/${family}:1.4.2`,
          essential: true,
          ...c,
        })),
      },
    },
  };
}

const awslogs = (group: string) => ({
  logDriver: 'awslogs',
  options: { 'awslogs-group': group, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
});

function eks(account: string, name: string, c: Json): Json {
  return {
    item: { name },
    cluster: {
      cluster: {
        name,
        arn: `arn:aws:eks:us-east-1:${account}:cluster/${name}`,
        createdAt: '2023-10-05T10:00:00.000Z',
        endpoint: `https://0DE0000000000000000000000000${name.length}.gr7.us-east-1.eks.amazonaws.com`,
        roleArn: `arn:aws:iam::${account}:role/eks-cluster-role`,
        status: 'ACTIVE',
        platformVersion: 'eks.9',
        tags: { env: account === PROD ? 'prod' : 'dev' },
        ...c,
      },
    },
  };
}

const eksLogging = (enabled: string[]) => {
  const all = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
  const off = all.filter((t) => !enabled.includes(t));
  return {
    clusterLogging: [
      ...(enabled.length ? [{ types: enabled, enabled: true }] : []),
      ...(off.length ? [{ types: off, enabled: false }] : []),
    ],
  };
};

function managedNode(id: string, name: string, patch: string | null, association: string | null): Json {
  const summary = (type: string, status: string) => ({
    ComplianceType: type,
    ResourceType: 'ManagedInstance',
    ResourceId: id,
    Status: status,
    OverallSeverity: status === 'COMPLIANT' ? 'UNSPECIFIED' : 'HIGH',
    ExecutionSummary: { ExecutionTime: '2025-03-02T23:00:00.000Z' },
    CompliantSummary: { CompliantCount: status === 'COMPLIANT' ? 12 : 9 },
    NonCompliantSummary: { NonCompliantCount: status === 'COMPLIANT' ? 0 : 3 },
  });
  return {
    item: {
      InstanceId: id,
      PingStatus: 'Online',
      LastPingDateTime: '2025-03-03T05:50:00.000Z',
      AgentVersion: '3.3.1142.0',
      IsLatestVersion: false,
      PlatformType: 'Linux',
      PlatformName: 'Amazon Linux',
      PlatformVersion: '2023',
      ResourceType: 'EC2Instance',
      ComputerName: `${name}.ec2.internal`,
      ComplianceSummaries: [
        ...(patch ? [summary('Patch', patch)] : []),
        ...(association ? [summary('Association', association)] : []),
      ],
    },
  };
}

function ssmSettings(
  account: string,
  region: string,
  publicSharing: string | null,
  automationLogs: string | null,
): Json {
  const setting = (id: string, value: string) => ({
    SettingId: id,
    SettingValue: value,
    LastModifiedDate: '2024-06-03T10:00:00.000Z',
    LastModifiedUser: `arn:aws:iam::${account}:user/alice`,
    ARN: `arn:aws:ssm:${region}:${account}:servicesetting${id}`,
    Status: 'Customized',
  });
  return {
    item: {
      publicSharing: publicSharing
        ? setting('/ssm/documents/console/public-sharing-permission', publicSharing)
        : null,
      automationLogs: automationLogs
        ? setting('/ssm/automation/customer-script-log-destination', automationLogs)
        : null,
    },
  };
}

function ssmDocument(account: string, name: string, shared: string[]): Json {
  return {
    item: {
      Name: name,
      Owner: account,
      DocumentType: 'Automation',
      DocumentFormat: 'YAML',
      DocumentVersion: '3',
      SchemaVersion: '0.3',
      PlatformTypes: ['Windows', 'Linux', 'MacOS'],
      CreatedDate: '2024-02-14T10:00:00.000Z',
      Tags: [],
    },
    sharing: {
      Name: name,
      AccountIds: shared,
      AccountSharingInfoList: shared.map((AccountId) => ({ AccountId, SharedDocumentVersion: '3' })),
    },
  };
}

function buildProject(account: string, name: string, p: Json): Json {
  return {
    item: {
      name,
      arn: `arn:aws:codebuild:us-east-1:${account}:project/${name}`,
      serviceRole: `arn:aws:iam::${account}:role/codebuild-${name}`,
      artifacts: { type: 'NO_ARTIFACTS' },
      cache: { type: 'NO_CACHE' },
      timeoutInMinutes: 60,
      created: '2024-03-11T10:00:00.000Z',
      lastModified: '2025-01-20T10:00:00.000Z',
      sourceUrlCredentials: false,
      ...p,
    },
  };
}

function reportGroup(account: string, name: string, exportConfig: Json): Json {
  return {
    item: {
      arn: `arn:aws:codebuild:us-east-1:${account}:report-group/${name}`,
      name,
      type: 'TEST',
      status: 'ACTIVE',
      created: '2024-03-11T10:00:00.000Z',
      lastModified: '2024-03-11T10:00:00.000Z',
      exportConfig,
    },
  };
}

function prodOperations(col: Col): Collection[] {
  const A = PROD;
  return [
    col('us-east-1', 'aws.ecs.cluster', [ecsCluster(A, 'shop', 'enhanced')]),
    col('us-east-1', 'aws.ecs.service', [
      ecsService(A, 'shop', 'storefront', 'LATEST', false),
      // a blue/green service run by an external deployment controller
      ecsService(A, 'shop', 'checkout', '1.4.0', false, [
        {
          id: 'ecs-svc/0de0000000000001',
          taskSetArn: `arn:aws:ecs:us-east-1:${A}:task-set/shop/checkout/ecs-svc/0de0000000000001`,
          status: 'PRIMARY',
        },
      ]),
    ]),
    col('us-east-1', 'aws.ecs.task_definition', [
      taskDefinition(A, 'storefront', { networkMode: 'awsvpc' }, [
        {
          name: 'storefront',
          user: '1000',
          readonlyRootFilesystem: true,
          environment: [{ name: 'NODE_ENV', value: NOT_KEPT }],
          logConfiguration: awslogs('/ecs/storefront'),
        },
      ]),
      // the node exporter needs the host network and process list, and runs as a named user
      taskDefinition(
        A,
        'node-exporter',
        { networkMode: 'host', pidMode: 'host', requiresCompatibilities: ['EC2'] },
        [
          {
            name: 'node-exporter',
            user: 'nobody',
            readonlyRootFilesystem: true,
            environment: [],
            logConfiguration: awslogs('/ecs/node-exporter'),
          },
        ],
      ),
    ]),
    col('us-east-1', 'aws.eks.cluster', [
      eks(A, 'acme-prod', {
        version: '1.32',
        resourcesVpcConfig: {
          vpcId: 'vpc-0de00000000000001',
          subnetIds: ['subnet-0de00000000000001', 'subnet-0de00000000000002'],
          endpointPublicAccess: false,
          endpointPrivateAccess: true,
          publicAccessCidrs: [],
        },
        encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: KEY(A, 'e1') } }],
        logging: eksLogging(['api', 'audit', 'authenticator']),
      }),
    ]),
    col('us-east-1', 'aws.ssm.managed_instance', [
      managedNode('i-0de00000000000001', 'web-1', 'COMPLIANT', 'COMPLIANT'),
      // the old batch box has missed three patches and its inventory association fails
      managedNode('i-0de00000000000002', 'legacy-batch', 'NON_COMPLIANT', 'NON_COMPLIANT'),
    ]),
    col('us-east-1', 'aws.ssm.service_settings', [ssmSettings(A, 'us-east-1', 'Disable', 'CloudWatch')]),
    col('eu-west-1', 'aws.ssm.service_settings', [ssmSettings(A, 'eu-west-1', null, null)]),
    col('us-east-1', 'aws.ssm.document', [ssmDocument(A, 'acme-RestartWeb', ['777788889999'])]),
    col('us-east-1', 'aws.codebuild.project', [
      buildProject(A, 'storefront-build', {
        source: {
          type: 'CODECOMMIT',
          location: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/storefront`,
        },
        environment: {
          type: 'LINUX_CONTAINER',
          image: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0',
          computeType: 'BUILD_GENERAL1_SMALL',
          environmentVariables: [{ name: 'NPM_TOKEN', value: '/ci/npm-token', type: 'PARAMETER_STORE' }],
        },
        logsConfig: {
          cloudWatchLogs: { status: 'ENABLED', groupName: '/codebuild/storefront' },
          s3Logs: {
            status: 'ENABLED',
            location: 'acme-prod-audit-logs/codebuild',
            encryptionDisabled: false,
          },
        },
      }),
    ]),
    col('us-east-1', 'aws.codebuild.report_group', [
      reportGroup(A, 'storefront-tests', {
        exportConfigType: 'S3',
        s3Destination: {
          bucket: 'acme-prod-audit-logs',
          path: 'reports',
          packaging: 'ZIP',
          encryptionKey: KEY(A, 'e1'),
          encryptionDisabled: false,
        },
      }),
    ]),
  ];
}

function devOperations(col: Col): Collection[] {
  const A = DEV;
  return [
    col('us-east-1', 'aws.ecs.cluster', [ecsCluster(A, 'dev', 'disabled')]),
    col('us-east-1', 'aws.ecs.service', [
      ecsService(A, 'dev', 'preview', '1.3.0', true, [
        {
          id: 'ecs-svc/0de000000000000d',
          taskSetArn: `arn:aws:ecs:us-east-1:${A}:task-set/dev/preview/ecs-svc/0de000000000000d`,
          status: 'PRIMARY',
          public: true,
        },
      ]),
    ]),
    col('us-east-1', 'aws.ecs.task_definition', [
      // a debugging image built in a hurry: root, privileged, keys baked in, no logs
      taskDefinition(
        A,
        'dev-debug',
        { networkMode: 'host', pidMode: 'host', requiresCompatibilities: ['EC2'] },
        [
          {
            name: 'debug',
            privileged: true,
            environment: [
              { name: 'AWS_ACCESS_KEY_ID', value: NOT_KEPT },
              { name: 'AWS_SECRET_ACCESS_KEY', value: NOT_KEPT },
            ],
          },
          { name: 'sidecar', environment: [] },
        ],
      ),
    ]),
    col('us-east-1', 'aws.eks.cluster', [
      eks(A, 'acme-dev', {
        version: '1.29',
        resourcesVpcConfig: {
          vpcId: 'vpc-0de0000000000d001',
          subnetIds: ['subnet-0de0000000000d001'],
          endpointPublicAccess: true,
          endpointPrivateAccess: false,
          publicAccessCidrs: ['0.0.0.0/0'],
        },
        logging: eksLogging([]),
      }),
    ]),
    col('us-east-1', 'aws.ssm.service_settings', [ssmSettings(A, 'us-east-1', 'Enable', null)]),
    col('us-east-1', 'aws.ssm.document', [ssmDocument(A, 'dev-ResetLab', ['all'])]),
    col('us-east-1', 'aws.codebuild.project', [
      buildProject(A, 'dev-nightly', {
        // the source URL carried a token; the collector keeps only that it was there
        sourceUrlCredentials: true,
        source: { type: 'BITBUCKET', location: `https://${NOT_KEPT}@bitbucket.org/acme/dev-nightly.git` },
        environment: {
          type: 'LINUX_CONTAINER',
          image: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0',
          computeType: 'BUILD_GENERAL1_SMALL',
          environmentVariables: [
            { name: 'AWS_ACCESS_KEY_ID', value: NOT_KEPT, type: 'PLAINTEXT' },
            { name: 'AWS_SECRET_ACCESS_KEY', value: NOT_KEPT, type: 'PLAINTEXT' },
          ],
        },
        logsConfig: {
          cloudWatchLogs: { status: 'DISABLED' },
          s3Logs: { status: 'DISABLED', encryptionDisabled: false },
        },
      }),
      buildProject(A, 'dev-docs', {
        source: { type: 'GITHUB', location: 'https://github.com/acme/docs.git' },
        environment: {
          type: 'LINUX_CONTAINER',
          image: 'aws/codebuild/standard:7.0',
          computeType: 'BUILD_GENERAL1_SMALL',
          environmentVariables: [],
        },
        logsConfig: {
          cloudWatchLogs: { status: 'DISABLED' },
          s3Logs: { status: 'ENABLED', location: 'acme-dev-scratch/codebuild', encryptionDisabled: true },
        },
      }),
    ]),
    col('us-east-1', 'aws.codebuild.report_group', [
      reportGroup(A, 'dev-tests', {
        exportConfigType: 'S3',
        s3Destination: {
          bucket: 'acme-dev-scratch',
          path: 'reports',
          packaging: 'NONE',
          encryptionDisabled: true,
        },
      }),
    ]),
  ];
}

// ------------------------------------------------------------------ machine learning and APIs

function notebook(account: string, name: string, d: Json): Json {
  const arn = `arn:aws:sagemaker:us-east-1:${account}:notebook-instance/${name}`;
  return {
    item: {
      NotebookInstanceName: name,
      NotebookInstanceArn: arn,
      NotebookInstanceStatus: 'InService',
      InstanceType: 'ml.t3.medium',
      CreationTime: '2024-05-06T10:00:00.000Z',
      LastModifiedTime: '2025-02-03T10:00:00.000Z',
    },
    details: {
      NotebookInstanceArn: arn,
      NotebookInstanceName: name,
      NotebookInstanceStatus: 'InService',
      InstanceType: 'ml.t3.medium',
      RoleArn: `arn:aws:iam::${account}:role/sagemaker-notebooks`,
      VolumeSizeInGB: 20,
      CreationTime: '2024-05-06T10:00:00.000Z',
      ...d,
    },
  };
}

function endpointConfig(account: string, name: string, variants: Json[]): Json {
  const arn = `arn:aws:sagemaker:us-east-1:${account}:endpoint-config/${name}`;
  return {
    item: { EndpointConfigName: name, EndpointConfigArn: arn, CreationTime: '2024-11-12T10:00:00.000Z' },
    details: {
      EndpointConfigName: name,
      EndpointConfigArn: arn,
      CreationTime: '2024-11-12T10:00:00.000Z',
      ProductionVariants: variants.map((v) => ({
        ModelName: `${name}-model`,
        InitialVariantWeight: 1,
        ...v,
      })),
    },
  };
}

function model(account: string, name: string, isolated: boolean): Json {
  return {
    item: {
      ModelName: name,
      ModelArn: `arn:aws:sagemaker:us-east-1:${account}:model/${name}`,
      CreationTime: '2024-11-12T10:00:00.000Z',
    },
    details: { EnableNetworkIsolation: isolated, VpcConfig: null },
  };
}

function restStage(api: string, apiName: string, name: string, st: Json): Json {
  return {
    item: {
      deploymentId: `d0de${name.length}a`,
      stageName: name,
      restApiId: api,
      restApiName: apiName,
      cacheClusterStatus: 'NOT_AVAILABLE',
      createdDate: '2024-02-20T10:00:00.000Z',
      lastUpdatedDate: '2025-02-10T10:00:00.000Z',
      tags: {},
      ...st,
    },
  };
}

function v2Stage(api: string, apiName: string, protocol: string, st: Json): Json {
  return {
    item: {
      StageName: '$default',
      ApiId: api,
      ApiName: apiName,
      ProtocolType: protocol,
      AutoDeploy: true,
      CreatedDate: '2024-08-01T10:00:00.000Z',
      LastUpdatedDate: '2025-01-10T10:00:00.000Z',
      StageVariables: {},
      RouteSettings: {},
      Tags: {},
      ...st,
    },
  };
}

function v2Route(api: string, apiName: string, protocol: string, id: string, key: string, auth: Json): Json {
  return {
    item: {
      RouteId: id,
      RouteKey: key,
      ApiId: api,
      ApiName: apiName,
      ProtocolType: protocol,
      ApiKeyRequired: false,
      Target: 'integrations/0de0a01',
      ...auth,
    },
  };
}

function prodApis(col: Col): Collection[] {
  const A = PROD;
  return [
    col('us-east-1', 'aws.sagemaker.notebook_instance', [
      notebook(A, 'pricing-research', {
        SubnetId: 'subnet-0de00000000000001',
        SecurityGroups: ['sg-0de00000000000002'],
        DirectInternetAccess: 'Disabled',
        RootAccess: 'Disabled',
        KmsKeyId: KEY(A, 'e1'),
        PlatformIdentifier: 'notebook-al2023-v1',
      }),
    ]),
    col('us-east-1', 'aws.sagemaker.endpoint_config', [
      endpointConfig(A, 'recommendations', [
        { VariantName: 'AllTraffic', InitialInstanceCount: 2, InstanceType: 'ml.m5.large' },
      ]),
    ]),
    col('us-east-1', 'aws.sagemaker.model', [model(A, 'recommendations-model', true)]),
    col('us-east-1', 'aws.apigateway.stage', [
      restStage('0de0a00001', 'orders-api', 'prod', {
        clientCertificateId: '0de0cc',
        tracingEnabled: true,
        webAclArn: `arn:aws:wafv2:us-east-1:${A}:regional/webacl/orders-api/0de00000-0000-4000-8000-0000000000f1`,
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
        cacheClusterStatus: 'AVAILABLE',
        methodSettings: {
          '*/*': {
            loggingLevel: 'INFO',
            metricsEnabled: true,
            cachingEnabled: true,
            cacheDataEncrypted: true,
            cacheTtlInSeconds: 300,
          },
        },
        accessLogSettings: {
          destinationArn: `arn:aws:logs:us-east-1:${A}:log-group:/acme/apigateway/orders`,
          format: '$context.requestId $context.status',
        },
      }),
      // the partner API's stage: its cache was turned on for one slow method, unencrypted
      restStage('0de0a00002', 'partner-api', 'v1', {
        tracingEnabled: false,
        cacheClusterEnabled: true,
        cacheClusterSize: '0.5',
        cacheClusterStatus: 'AVAILABLE',
        methodSettings: {
          '*/*': { loggingLevel: 'ERROR', metricsEnabled: false, cachingEnabled: false },
          'catalog/GET': {
            loggingLevel: 'OFF',
            cachingEnabled: true,
            cacheDataEncrypted: false,
            cacheTtlInSeconds: 3600,
          },
        },
      }),
    ]),
    col('us-east-1', 'aws.apigatewayv2.stage', [
      v2Stage('0de0b00001', 'shop-http', 'HTTP', {
        AccessLogSettings: {
          DestinationArn: `arn:aws:logs:us-east-1:${A}:log-group:/acme/apigateway/shop-http`,
          Format: '$context.requestId',
        },
        DefaultRouteSettings: { DetailedMetricsEnabled: true },
      }),
      v2Stage('0de0b00002', 'order-updates', 'WEBSOCKET', {
        StageName: 'prod',
        AutoDeploy: false,
        AccessLogSettings: {
          DestinationArn: `arn:aws:logs:us-east-1:${A}:log-group:/acme/apigateway/order-updates`,
          Format: '$context.requestId',
        },
        DefaultRouteSettings: { LoggingLevel: 'INFO', DataTraceEnabled: false, DetailedMetricsEnabled: true },
      }),
    ]),
    col('us-east-1', 'aws.apigatewayv2.route', [
      v2Route('0de0b00001', 'shop-http', 'HTTP', '0de0r01', 'GET /orders', {
        AuthorizationType: 'JWT',
        AuthorizerId: '0de0au1',
      }),
      v2Route('0de0b00002', 'order-updates', 'WEBSOCKET', '0de0r02', '$connect', {
        AuthorizationType: 'AWS_IAM',
      }),
    ]),
  ];
}

function devApis(col: Col): Collection[] {
  const A = DEV;
  return [
    col('us-east-1', 'aws.sagemaker.notebook_instance', [
      notebook(A, 'dev-scratch-notebook', {
        DirectInternetAccess: 'Enabled',
        RootAccess: 'Enabled',
        PlatformIdentifier: 'notebook-al2-v1',
      }),
    ]),
    col('us-east-1', 'aws.sagemaker.endpoint_config', [
      endpointConfig(A, 'dev-recommendations', [
        { VariantName: 'AllTraffic', InitialInstanceCount: 1, InstanceType: 'ml.t2.medium' },
      ]),
    ]),
    col('us-east-1', 'aws.sagemaker.model', [model(A, 'dev-recommendations-model', false)]),
    col('us-east-1', 'aws.apigatewayv2.stage', [
      v2Stage('0de0bd0001', 'dev-chat', 'WEBSOCKET', {
        StageName: 'dev',
        DefaultRouteSettings: { LoggingLevel: 'OFF', DataTraceEnabled: false, DetailedMetricsEnabled: false },
      }),
    ]),
    col('us-east-1', 'aws.apigatewayv2.route', [
      v2Route('0de0bd0001', 'dev-chat', 'WEBSOCKET', '0de0rd1', '$connect', { AuthorizationType: 'NONE' }),
    ]),
  ];
}

// ------------------------------------------------------------------ graph and document databases, scaling, edge protection

function docdbNeptune(account: string, good: boolean): Json[] {
  const common = (engine: string) => ({
    StorageEncrypted: good,
    ...(good ? { KmsKeyId: KEY(account, 'e1') } : {}),
    DeletionProtection: good,
    BackupRetentionPeriod: good ? 14 : 1,
    EnabledCloudwatchLogsExports: good ? ['audit'] : [],
    Port: engine === 'docdb' ? 27017 : 8182,
  });
  const env = account === PROD ? 'prod' : 'dev';
  return [
    dbCluster(account, `${env}-documents`, 'docdb', {
      ...common('docdb'),
      EngineVersion: '5.0.0',
      MasterUsername: `${env}_docs_admin`,
      MultiAZ: good,
      DBClusterMembers: good
        ? [member(`${env}-documents-1`, true), member(`${env}-documents-2`, false)]
        : [member(`${env}-documents-1`, true)],
    }),
    dbCluster(account, `${env}-graph`, 'neptune', {
      ...common('neptune'),
      EngineVersion: '1.3.2.1',
      MasterUsername: 'admin',
      IAMDatabaseAuthenticationEnabled: good,
      CopyTagsToSnapshot: good,
      MultiAZ: good,
      DBClusterMembers: good
        ? [member(`${env}-graph-1`, true), member(`${env}-graph-2`, false)]
        : [member(`${env}-graph-1`, true)],
    }),
  ];
}

function docdbNeptuneSnapshots(account: string, good: boolean): Json[] {
  const env = account === PROD ? 'prod' : 'dev';
  return [
    clusterSnapshot(
      account,
      `${env}-documents-2025-02`,
      `${env}-documents`,
      true,
      good ? [] : ['all'],
      'docdb',
    ),
    clusterSnapshot(account, `${env}-graph-2025-02`, `${env}-graph`, good, good ? [] : ['all'], 'neptune'),
  ];
}

function autoscalingGroup(account: string, name: string, g: Json): Json {
  return {
    item: {
      AutoScalingGroupName: name,
      AutoScalingGroupARN: `arn:aws:autoscaling:us-east-1:${account}:autoScalingGroup:0de00000-0000-4000-8000-${name.length.toString().padStart(12, '0')}:autoScalingGroupName/${name}`,
      MinSize: 2,
      MaxSize: 6,
      DesiredCapacity: 2,
      DefaultCooldown: 300,
      HealthCheckGracePeriod: 300,
      CreatedTime: '2024-04-15T10:00:00.000Z',
      LoadBalancerNames: [],
      TargetGroupARNs: [],
      Instances: [],
      Tags: [],
      ...g,
    },
  };
}

function launchConfiguration(account: string, name: string, c: Json): Json {
  return {
    item: {
      LaunchConfigurationName: name,
      LaunchConfigurationARN: `arn:aws:autoscaling:us-east-1:${account}:launchConfiguration:0de00000-0000-4000-8000-00000000${name.length.toString().padStart(4, '0')}:launchConfigurationName/${name}`,
      ImageId: 'ami-0de00000000000002',
      InstanceType: 't3.small',
      SecurityGroups: [],
      BlockDeviceMappings: [],
      CreatedTime: '2021-09-01T10:00:00.000Z',
      ...c,
    },
  };
}

function firewall(account: string, name: string, good: boolean): Json {
  const arn = `arn:aws:network-firewall:us-east-1:${account}:firewall/${name}`;
  const zones = good ? ['us-east-1a', 'us-east-1b'] : ['us-east-1a'];
  return {
    item: { FirewallName: name, FirewallArn: arn },
    firewall: {
      Firewall: {
        FirewallName: name,
        FirewallArn: arn,
        FirewallId: `0de00000-0000-4000-8000-00000000f${good ? '001' : '00d'}`,
        FirewallPolicyArn: `arn:aws:network-firewall:us-east-1:${account}:firewall-policy/${name}-policy`,
        VpcId: account === PROD ? 'vpc-0de00000000000001' : 'vpc-0de0000000000d001',
        SubnetMappings: zones.map((_, i) => ({
          SubnetId: `subnet-0de0000000000f${account === PROD ? '1' : 'd'}${i}`,
          IPAddressType: 'IPV4',
        })),
        DeleteProtection: good,
        SubnetChangeProtection: good,
        FirewallPolicyChangeProtection: good,
      },
      FirewallStatus: {
        Status: 'READY',
        ConfigurationSyncStateSummary: 'IN_SYNC',
        SyncStates: Object.fromEntries(
          zones.map((z, i) => [
            z,
            {
              Attachment: {
                SubnetId: `subnet-0de0000000000f${account === PROD ? '1' : 'd'}${i}`,
                EndpointId: `vpce-0de0000000000f${i}`,
                Status: 'READY',
              },
            },
          ]),
        ),
      },
      UpdateToken: '0de00000-0000-4000-8000-0000000000a1',
    },
    logging: {
      FirewallArn: arn,
      LoggingConfiguration: {
        LogDestinationConfigs: good
          ? [
              {
                LogType: 'ALERT',
                LogDestinationType: 'CloudWatchLogs',
                LogDestination: { logGroup: '/acme/network-firewall/alert' },
              },
              {
                LogType: 'FLOW',
                LogDestinationType: 'S3',
                LogDestination: { bucketName: 'acme-prod-audit-logs', prefix: 'network-firewall' },
              },
            ]
          : [],
      },
    },
  };
}

function firewallPolicy(account: string, name: string, p: Json): Json {
  const arn = `arn:aws:network-firewall:us-east-1:${account}:firewall-policy/${name}`;
  return {
    item: { Name: name, Arn: arn },
    policy: {
      UpdateToken: '0de00000-0000-4000-8000-0000000000a2',
      FirewallPolicyResponse: {
        FirewallPolicyName: name,
        FirewallPolicyArn: arn,
        FirewallPolicyId: `0de00000-0000-4000-8000-0000000${name.length.toString().padStart(5, '0')}`,
        FirewallPolicyStatus: 'ACTIVE',
      },
      FirewallPolicy: p,
    },
  };
}

function ruleGroup(account: string, name: string, type: string, rules: number): Json {
  const arn = `arn:aws:network-firewall:us-east-1:${account}:${type === 'STATELESS' ? 'stateless' : 'stateful'}-rulegroup/${name}`;
  return {
    item: { Name: name, Arn: arn },
    ruleGroup: {
      UpdateToken: '0de00000-0000-4000-8000-0000000000a3',
      RuleGroupResponse: {
        RuleGroupArn: arn,
        RuleGroupName: name,
        RuleGroupId: `0de00000-0000-4000-8000-0000000${name.length.toString().padStart(5, '0')}`,
        Type: type,
        Capacity: 100,
        RuleGroupStatus: 'ACTIVE',
      },
      RuleGroup: {
        RulesSource: {
          StatelessRulesAndCustomActions: {
            StatelessRules: Array.from({ length: rules }, (_, i) => ({
              Priority: (i + 1) * 10,
              RuleDefinition: {
                MatchAttributes: {
                  Sources: [{ AddressDefinition: '0.0.0.0/0' }],
                  Destinations: [{ AddressDefinition: '10.0.0.0/16' }],
                  Protocols: [6],
                  DestinationPorts: [{ FromPort: 23, ToPort: 23 }],
                },
                Actions: ['aws:drop'],
              },
            })),
          },
        },
      },
    },
  };
}

function opensearchDomain(account: string, name: string, good: boolean): Json {
  const on = (Enabled: boolean) => ({ Enabled });
  return {
    item: {
      DomainId: `${account}/${name}`,
      DomainName: name,
      ARN: `arn:aws:es:us-east-1:${account}:domain/${name}`,
      Created: true,
      Deleted: false,
      EngineVersion: good ? 'OpenSearch_2.17' : 'OpenSearch_1.3',
      ...(good
        ? {
            Endpoints: { vpc: `vpc-${name}-0de0000000000000000000000a.us-east-1.es.amazonaws.com` },
            VPCOptions: {
              VPCId: 'vpc-0de00000000000001',
              SubnetIds: ['subnet-0de00000000000001', 'subnet-0de00000000000002'],
              SecurityGroupIds: ['sg-0de00000000000002'],
            },
          }
        : { Endpoint: `search-${name}-0de0000000000000000000000d.us-east-1.es.amazonaws.com` }),
      Processing: false,
      ClusterConfig: {
        InstanceType: good ? 'r6g.large.search' : 't3.small.search',
        InstanceCount: good ? 3 : 1,
        DedicatedMasterEnabled: good,
        ...(good ? { DedicatedMasterType: 'm6g.large.search', DedicatedMasterCount: 3 } : {}),
        ZoneAwarenessEnabled: good,
        ...(good ? { ZoneAwarenessConfig: { AvailabilityZoneCount: 3 } } : {}),
      },
      EncryptionAtRestOptions: good ? { Enabled: true, KmsKeyId: KEY(account, 'e1') } : on(false),
      NodeToNodeEncryptionOptions: on(good),
      AdvancedSecurityOptions: { Enabled: good, InternalUserDatabaseEnabled: false },
      DomainEndpointOptions: good
        ? { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' }
        : { EnforceHTTPS: false, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
      LogPublishingOptions: good
        ? {
            ES_APPLICATION_LOGS: {
              CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:/aws/opensearch/${name}/application`,
              Enabled: true,
            },
            AUDIT_LOGS: {
              CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:/aws/opensearch/${name}/audit`,
              Enabled: true,
            },
          }
        : {},
      ServiceSoftwareOptions: good
        ? {
            CurrentVersion: 'OpenSearch_2_17_R20250212',
            NewVersion: '',
            UpdateAvailable: false,
            Cancellable: false,
            UpdateStatus: 'COMPLETED',
          }
        : {
            CurrentVersion: 'OpenSearch_1_3_R20240102',
            NewVersion: 'OpenSearch_1_3_R20250212',
            UpdateAvailable: true,
            Cancellable: false,
            UpdateStatus: 'ELIGIBLE',
          },
    },
  };
}

function webAcl(
  account: string,
  name: string,
  rules: { name: string; metrics: boolean }[],
  metrics: boolean,
  logged: boolean,
): Json {
  const id = `0de00000-0000-4000-8000-0000000000${rules.length}${metrics ? 'a' : 'b'}`;
  const arn = `arn:aws:wafv2:us-east-1:${account}:regional/webacl/${name}/${id}`;
  const visibility = (metric: string, on: boolean) => ({
    SampledRequestsEnabled: on,
    CloudWatchMetricsEnabled: on,
    MetricName: metric,
  });
  return {
    item: {
      Name: name,
      Id: id,
      ARN: arn,
      Scope: 'REGIONAL',
      Description: '',
      LockToken: '0de00000-0000-4000-8000-0000000000a4',
    },
    webAcl: {
      WebACL: {
        Name: name,
        Id: id,
        ARN: arn,
        DefaultAction: { Allow: {} },
        Capacity: rules.length * 25,
        ManagedByFirewallManager: false,
        Rules: rules.map((r, i) => ({
          Name: r.name,
          Priority: i,
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: r.name } },
          OverrideAction: { None: {} },
          VisibilityConfig: visibility(r.name, r.metrics),
        })),
        VisibilityConfig: visibility(name, metrics),
      },
      LockToken: '0de00000-0000-4000-8000-0000000000a4',
    },
    // GetLoggingConfiguration answers WAFNonexistentItemException when nothing is configured
    logging: logged
      ? {
          LoggingConfiguration: {
            ResourceArn: arn,
            LogDestinationConfigs: [`arn:aws:logs:us-east-1:${account}:log-group:aws-waf-logs-${name}`],
          },
        }
      : null,
  };
}

function spotFleet(account: string, id: string, encrypted: boolean): Json {
  return {
    item: {
      SpotFleetRequestId: id,
      SpotFleetRequestState: 'active',
      ActivityStatus: 'fulfilled',
      CreateTime: '2025-01-08T10:00:00.000Z',
      SpotFleetRequestConfig: {
        AllocationStrategy: 'priceCapacityOptimized',
        IamFleetRole: `arn:aws:iam::${account}:role/aws-ec2-spot-fleet-tagging-role`,
        TargetCapacity: 4,
        Type: 'maintain',
        LaunchSpecifications: [
          {
            ImageId: 'ami-0de00000000000003',
            InstanceType: 'c6g.large',
            BlockDeviceMappings: [
              { DeviceName: '/dev/xvda', Ebs: { Encrypted: encrypted, VolumeSize: 30, VolumeType: 'gp3' } },
            ],
          },
        ],
      },
      Tags: [],
    },
  };
}

function prodEdge(col: Col): Collection[] {
  const A = PROD;
  return [
    col('us-east-1', 'aws.autoscaling.group', [
      autoscalingGroup(A, 'web-asg', {
        MixedInstancesPolicy: {
          LaunchTemplate: {
            LaunchTemplateSpecification: {
              LaunchTemplateId: 'lt-0de00000000000001',
              LaunchTemplateName: 'web-asg',
              Version: '$Default',
            },
            Overrides: [{ InstanceType: 't3.medium' }, { InstanceType: 't3a.medium' }],
          },
          InstancesDistribution: {
            OnDemandBaseCapacity: 2,
            SpotAllocationStrategy: 'price-capacity-optimized',
          },
        },
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
        TargetGroupARNs: [`arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/web/0de0000000000001`],
        HealthCheckType: 'ELB',
        VPCZoneIdentifier: 'subnet-0de00000000000001,subnet-0de00000000000002',
      }),
      // the batch fleet, still on the launch configuration it was created with in 2021
      autoscalingGroup(A, 'batch-asg', {
        LaunchConfigurationName: 'batch-lc-2021',
        AvailabilityZones: ['us-east-1b'],
        LoadBalancerNames: ['acme-legacy-clb'],
        HealthCheckType: 'EC2',
        VPCZoneIdentifier: 'subnet-0de00000000000002',
      }),
    ]),
    col('us-east-1', 'aws.autoscaling.launch_configuration', [
      launchConfiguration(A, 'batch-lc-2021', {
        AssociatePublicIpAddress: false,
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
      }),
    ]),
    col('us-east-1', 'aws.ec2.spot_fleet_request', [
      spotFleet(A, 'sfr-0de00000-0000-4000-8000-000000000001', true),
    ]),
    col('us-east-1', 'aws.network_firewall.firewall', [firewall(A, 'acme-egress', true)]),
    col('us-east-1', 'aws.network_firewall.policy', [
      firewallPolicy(A, 'acme-egress-policy', {
        StatelessRuleGroupReferences: [
          {
            ResourceArn: `arn:aws:network-firewall:us-east-1:${A}:stateless-rulegroup/block-telnet`,
            Priority: 10,
          },
        ],
        StatefulRuleGroupReferences: [
          { ResourceArn: `arn:aws:network-firewall:us-east-1:${A}:stateful-rulegroup/egress-domains` },
        ],
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
      }),
    ]),
    col('us-east-1', 'aws.network_firewall.rule_group', [
      ruleGroup(A, 'block-telnet', 'STATELESS', 2),
      ruleGroup(A, 'egress-domains', 'STATEFUL', 0),
    ]),
    col('us-east-1', 'aws.opensearch.domain', [opensearchDomain(A, 'orders-search', true)]),
    col('us-east-1', 'aws.wafv2.web_acl', [
      webAcl(
        A,
        'orders-api',
        [
          { name: 'AWSManagedRulesCommonRuleSet', metrics: true },
          { name: 'AWSManagedRulesKnownBadInputsRuleSet', metrics: true },
        ],
        true,
        true,
      ),
    ]),
  ];
}

function devEdge(col: Col): Collection[] {
  const A = DEV;
  return [
    col('us-east-1', 'aws.autoscaling.group', [
      autoscalingGroup(A, 'dev-runners', {
        LaunchConfigurationName: 'dev-runners-lc',
        AvailabilityZones: ['us-east-1a'],
        HealthCheckType: 'EC2',
        VPCZoneIdentifier: 'subnet-0de0000000000d001',
      }),
    ]),
    col('us-east-1', 'aws.autoscaling.launch_configuration', [
      launchConfiguration(A, 'dev-runners-lc', {
        AssociatePublicIpAddress: true,
        MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 },
      }),
    ]),
    col('us-east-1', 'aws.ec2.spot_fleet_request', [
      spotFleet(A, 'sfr-0de00000-0000-4000-8000-00000000000d', false),
    ]),
    col('us-east-1', 'aws.network_firewall.firewall', [firewall(A, 'dev-egress', false)]),
    col('us-east-1', 'aws.network_firewall.policy', [
      firewallPolicy(A, 'dev-egress-policy', {
        StatelessRuleGroupReferences: [],
        StatefulRuleGroupReferences: [],
        StatelessDefaultActions: ['aws:pass'],
        StatelessFragmentDefaultActions: ['aws:pass'],
      }),
    ]),
    col('us-east-1', 'aws.network_firewall.rule_group', [ruleGroup(A, 'dev-placeholder', 'STATELESS', 0)]),
    col('us-east-1', 'aws.opensearch.domain', [opensearchDomain(A, 'dev-logs', false)]),
    col('us-east-1', 'aws.wafv2.web_acl', [webAcl(A, 'dev-api', [], false, false)]),
  ];
}

// ------------------------------------------------------------------ answers of the FSBP calls for resources defined elsewhere

/**
 * The FSBP checks made the collectors of some older types (S3 buckets, GuardDuty detectors,
 * VPCs) call more APIs per item. Their answers for the demo's existing resources, by resource
 * id: merged into those items by `withServiceAnswers`, so the resources stay defined in one place.
 */
type Answers = Record<string, Json>;

const NO_LIFECYCLE = null; // NoSuchLifecycleConfiguration
const NO_OBJECT_LOCK = null; // ObjectLockConfigurationNotFoundError
const ownerOnlyAcl = (owner: string) => ({
  Owner: { ID: owner },
  Grants: [{ Grantee: { ID: owner, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }],
});
const enforced = { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } };
const PROD_OWNER = '0de0000000000000000000000000000000000000000000000000000000000a01';
const DEV_OWNER = '0de0000000000000000000000000000000000000000000000000000000000d01';

const BUCKET_ANSWERS: Answers = {
  'acme-prod-audit-logs': {
    acl: ownerOnlyAcl(PROD_OWNER),
    ownershipControls: enforced,
    lifecycle: {
      Rules: [
        {
          ID: 'expire-noncurrent-after-400-days',
          Status: 'Enabled',
          Filter: {},
          NoncurrentVersionExpiration: { NoncurrentDays: 400 },
        },
      ],
    },
    objectLock: {
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } },
      },
    },
    notifications: { EventBridgeConfiguration: {} },
  },
  // ACLs still on: the site was set up before object ownership existed
  'acme-prod-public-site': {
    acl: ownerOnlyAcl(PROD_OWNER),
    // versioning went on after a bad deploy; nobody added a rule to expire the old versions
    versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
    ownershipControls: { OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } },
    lifecycle: NO_LIFECYCLE,
    objectLock: NO_OBJECT_LOCK,
    notifications: {},
  },
  'acme-prod-eu-exports': {
    acl: ownerOnlyAcl(PROD_OWNER),
    ownershipControls: enforced,
    lifecycle: {
      Rules: [
        {
          ID: 'expire-exports-after-30-days',
          Status: 'Enabled',
          Filter: { Prefix: 'exports/' },
          Expiration: { Days: 30 },
        },
      ],
    },
    objectLock: NO_OBJECT_LOCK,
    notifications: {
      QueueConfigurations: [
        {
          Id: 'new-export',
          QueueArn: `arn:aws:sqs:eu-west-1:${PROD}:export-ready`,
          Events: ['s3:ObjectCreated:*'],
        },
      ],
    },
    // the reporting partner's account was given full control to "make the integration work"
    policyStatus: { PolicyStatus: { IsPublic: false } },
    policy: {
      Policy: policy({
        Sid: 'PartnerEtl',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::777788889999:root' },
        Action: 's3:*',
        Resource: ['arn:aws:s3:::acme-prod-eu-exports', 'arn:aws:s3:::acme-prod-eu-exports/*'],
      }),
    },
  },
  'acme-dev-scratch': {
    // a contractor's canonical user was granted read through the ACL, not the bucket policy
    acl: {
      Owner: { ID: DEV_OWNER },
      Grants: [
        ...ownerOnlyAcl(DEV_OWNER).Grants,
        {
          Grantee: {
            ID: '0de0000000000000000000000000000000000000000000000000000000000c01',
            Type: 'CanonicalUser',
          },
          Permission: 'READ',
        },
      ],
    },
    ownershipControls: null, // OwnershipControlsNotFoundError: ACLs enabled
    lifecycle: NO_LIFECYCLE,
    objectLock: NO_OBJECT_LOCK,
    notifications: {},
  },
};

const PROTECTION_PLANS = [
  ['S3_DATA_EVENTS', []],
  ['EKS_AUDIT_LOGS', []],
  ['EBS_MALWARE_PROTECTION', []],
  ['RDS_LOGIN_EVENTS', []],
  ['LAMBDA_NETWORK_LOGS', []],
  ['RUNTIME_MONITORING', ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT']],
] as const;

/** GetDetector's Features of the prod detector: every protection plan on. */
const DETECTOR_FEATURES: Answers = {
  '0de000000000000000000000000000d1': {
    Features: PROTECTION_PLANS.map(([Name, agents]) => ({
      Name,
      Status: 'ENABLED',
      UpdatedAt: '2024-09-10T10:00:00.000Z',
      ...(agents.length
        ? {
            AdditionalConfiguration: agents.map((a) => ({
              Name: a,
              Status: 'ENABLED',
              UpdatedAt: '2024-09-10T10:00:00.000Z',
            })),
          }
        : {}),
    })),
  },
};

function endpoint(vpc: string, n: number, service: string): Json {
  return {
    VpcEndpointId: `vpce-0de0000000000${n.toString().padStart(4, '0')}`,
    VpcEndpointType: 'Interface',
    VpcId: vpc,
    ServiceName: `com.amazonaws.us-east-1.${service}`,
    State: 'available',
    PrivateDnsEnabled: true,
    CreationTimestamp: '2024-03-04T10:00:00.000Z',
  };
}

/** DescribeVpcEndpoints per VPC: prod reaches the AWS APIs privately, the others do not. */
const VPC_ENDPOINTS: Answers = {
  'vpc-0de00000000000001': {
    endpoints: {
      VpcEndpoints: ['ec2', 'ecr.api', 'ecr.dkr', 'ssm', 'ssm-contacts', 'ssm-incidents'].map((svc, i) =>
        endpoint('vpc-0de00000000000001', i + 1, svc),
      ),
    },
  },
  'vpc-0de0000000000e001': { endpoints: { VpcEndpoints: [] } },
  'vpc-0de0000000000d001': { endpoints: { VpcEndpoints: [] } },
};

/** The classic load balancers' listener policies (DescribeLoadBalancerPolicies), by name. */
const CLB_ANSWERS: Answers = {
  'payments-clb': {
    policies: {
      PolicyDescriptions: [
        {
          PolicyName: 'ELBSecurityPolicy-TLS-1-2-2017-01',
          PolicyTypeName: 'SSLNegotiationPolicyType',
          PolicyAttributeDescriptions: [
            {
              AttributeName: 'Reference-Security-Policy',
              AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01',
            },
            { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
          ],
        },
      ],
    },
  },
  'legacy-clb': { policies: { PolicyDescriptions: [] } },
};

/** Both TLS listeners of the payments load balancer negotiate with the same predefined policy. */
function clbAnswers(lb: Json): Json {
  const item = lb.item as Json;
  const withAnswers = { ...lb, ...(CLB_ANSWERS[String(item.LoadBalancerName)] ?? {}) };
  if (item.LoadBalancerName !== 'payments-clb') return withAnswers;
  const listeners = (item.ListenerDescriptions as Json[]).map((l) =>
    (l.Listener as Json).Protocol === 'SSL'
      ? { ...l, PolicyNames: ['ELBSecurityPolicy-TLS-1-2-2017-01'] }
      : l,
  );
  return { ...withAnswers, item: { ...item, ListenerDescriptions: listeners } };
}

/** A classic load balancer of acme-dev: one zone, an IAM certificate and a hand-made TLS policy. */
const DEV_CLB: Json = {
  item: {
    LoadBalancerName: 'dev-old-clb',
    DNSName: 'dev-old-clb-0de00d.us-east-1.elb.amazonaws.com',
    ListenerDescriptions: [
      {
        Listener: {
          Protocol: 'HTTPS',
          LoadBalancerPort: 443,
          InstanceProtocol: 'HTTP',
          InstancePort: 8080,
          SSLCertificateId: `arn:aws:iam::${DEV}:server-certificate/dev-old-wildcard`,
        },
        PolicyNames: ['dev-old-tls'],
      },
    ],
    AvailabilityZones: ['us-east-1a'],
    Subnets: ['subnet-0de0000000000d001'],
    VPCId: 'vpc-0de0000000000d001',
    Instances: [],
    SecurityGroups: ['sg-0de0000000000d001'],
    CreatedTime: '2020-02-11T10:00:00.000Z',
    Scheme: 'internet-facing',
  },
  attributes: {
    LoadBalancerAttributes: {
      CrossZoneLoadBalancing: { Enabled: false },
      AccessLog: { Enabled: false },
      ConnectionDraining: { Enabled: false, Timeout: 300 },
      ConnectionSettings: { IdleTimeout: 60 },
      AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'monitor' }],
    },
  },
  policies: {
    PolicyDescriptions: [
      {
        PolicyName: 'dev-old-tls',
        PolicyTypeName: 'SSLNegotiationPolicyType',
        PolicyAttributeDescriptions: [
          { AttributeName: 'Protocol-TLSv1', AttributeValue: 'true' },
          { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' },
        ],
      },
    ],
  },
};

/** Application load balancers: prod's shop spans two zones; dev's was left with the defaults off. */
function albAnswers(lb: Json): Json {
  const item = lb.item as Json;
  if (item.LoadBalancerName === 'shop-alb')
    return {
      ...lb,
      item: {
        ...item,
        AvailabilityZones: [
          { ZoneName: 'us-east-1a', SubnetId: 'subnet-0de00000000000001' },
          { ZoneName: 'us-east-1b', SubnetId: 'subnet-0de00000000000002' },
        ],
      },
    };
  if (item.LoadBalancerName !== 'dev-alb') return lb;
  const off: Record<string, string> = {
    'deletion_protection.enabled': 'false',
    'routing.http.drop_invalid_header_fields.enabled': 'false',
  };
  const attrs = ((lb.attributes as Json).Attributes as { Key: string; Value: string }[]).map((a) => ({
    ...a,
    Value: off[a.Key] ?? a.Value,
  }));
  return {
    ...lb,
    attributes: { Attributes: [...attrs, { Key: 'routing.http.desync_mitigation_mode', Value: 'monitor' }] },
  };
}

/** GetKeyPolicy of the prod customer keys: the account's default key policy. */
const defaultKeyPolicy = (account: string) => ({
  PolicyName: 'default',
  Policy: policy({
    Sid: 'Enable IAM User Permissions',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'kms:*',
    Resource: '*',
  }),
});

const KMS_ANSWERS: Answers = {
  '0de00000-0000-4000-8000-00000000a0d1': { keyPolicy: defaultKeyPolicy(PROD) },
  '0de00000-0000-4000-8000-00000000c0de': { keyPolicy: defaultKeyPolicy(PROD) },
};

/** An old key of acme-dev, opened to everyone for a demo and now scheduled for deletion. */
const DEV_OLD_KEY: Json = (() => {
  const id = '0de00000-0000-4000-8000-0000000000d9';
  const arn = `arn:aws:kms:us-east-1:${DEV}:key/${id}`;
  return {
    item: { KeyId: id, KeyArn: arn },
    metadata: {
      KeyMetadata: {
        AWSAccountId: DEV,
        KeyId: id,
        Arn: arn,
        CreationDate: '2022-09-01T10:00:00.000Z',
        Enabled: false,
        Description: 'old partner demo exports',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'PendingDeletion',
        DeletionDate: '2025-03-20T00:00:00.000Z',
        PendingDeletionWindowInDays: 30,
        Origin: 'AWS_KMS',
        KeyManager: 'CUSTOMER',
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
      },
    },
    rotation: { KeyRotationEnabled: false },
    keyPolicy: {
      PolicyName: 'default',
      Policy: policy({
        Sid: 'PartnerDemo',
        Effect: 'Allow',
        Principal: '*',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: '*',
      }),
    },
  };
})();

/** DescribeBackupPolicy per file system: the media share is backed up, the build cache is not. */
const EFS_ANSWERS: Answers = {
  'fs-0de00000000000001': { backupPolicy: { BackupPolicy: { Status: 'ENABLED' } } },
  'fs-0de00000000000002': { backupPolicy: { BackupPolicy: { Status: 'DISABLED' } } },
};

/** A billing alarm someone silenced in acme-dev during a load test and never turned back on. */
const DEV_ALARM: Json = {
  item: {
    AlarmName: 'dev-estimated-charges',
    AlarmArn: `arn:aws:cloudwatch:us-east-1:${DEV}:alarm:dev-estimated-charges`,
    ActionsEnabled: false,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    StateValue: 'ALARM',
    MetricName: 'EstimatedCharges',
    Namespace: 'AWS/Billing',
    Statistic: 'Maximum',
    Dimensions: [{ Name: 'Currency', Value: 'USD' }],
    Period: 21600,
    EvaluationPeriods: 1,
    Threshold: 500,
    ComparisonOperator: 'GreaterThanThreshold',
  },
};

const enc = (doc: Json) => encodeURIComponent(JSON.stringify(doc));
const iamDoc = (...Statement: Json[]): Json => ({ Version: '2012-10-17', Statement });
const DECRYPT_ANY_KEY = iamDoc({
  Effect: 'Allow',
  Action: ['kms:Decrypt', 'kms:DescribeKey'],
  Resource: '*',
});
const DECRYPT_ONE_KEY = iamDoc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY(DEV, 'e1') });

/** acme-dev's IAM, as GetAccountAuthorizationDetails answers it: decryption granted too widely. */
const DEV_GROUP: Json = {
  item: {
    Path: '/',
    GroupName: 'dev-contractors',
    GroupId: 'AGPA0DE0000000CONTRA',
    Arn: `arn:aws:iam::${DEV}:group/dev-contractors`,
    CreateDate: '2024-09-02T10:00:00.000Z',
    GroupPolicyList: [{ PolicyName: 'read-secrets', PolicyDocument: enc(DECRYPT_ANY_KEY) }],
    AttachedManagedPolicies: [],
  },
};

function devRole(name: string, inline: Json): Json {
  return {
    item: {
      Path: '/',
      RoleName: name,
      RoleId: `AROA0DE0000000${name
        .toUpperCase()
        .replace(/[^A-Z]/g, '')
        .padEnd(6, 'X')
        .slice(0, 6)}`,
      Arn: `arn:aws:iam::${DEV}:role/${name}`,
      CreateDate: '2024-05-14T10:00:00.000Z',
      AssumeRolePolicyDocument: enc(
        iamDoc({
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
        }),
      ),
      InstanceProfileList: [],
      RolePolicyList: [{ PolicyName: `${name}-kms`, PolicyDocument: enc(inline) }],
      AttachedManagedPolicies: [],
      Tags: [],
      RoleLastUsed: { LastUsedDate: '2025-03-01T10:00:00.000Z', Region: 'us-east-1' },
    },
  };
}

const S3_EVERYTHING = iamDoc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
const DEV_POLICY: Json = (() => {
  const version = {
    Document: enc(S3_EVERYTHING),
    VersionId: 'v1',
    IsDefaultVersion: true,
    CreateDate: '2024-06-20T10:00:00.000Z',
  };
  return {
    item: {
      PolicyName: 'dev-s3-everything',
      PolicyId: 'ANPA0DE0000000000D01',
      Arn: `arn:aws:iam::${DEV}:policy/dev-s3-everything`,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: '2024-06-20T10:00:00.000Z',
      UpdateDate: '2024-06-20T10:00:00.000Z',
      PolicyVersionList: [version],
    },
    defaultVersion: version,
    defaultDocument: S3_EVERYTHING,
  };
})();

/** ECR: the shop's images are encrypted with the prod key and expire untagged images. */
const ECR_ANSWERS: Answers = {
  'shop/web': {
    encryptionConfiguration: { encryptionType: 'KMS', kmsKey: KEY(PROD, 'e1') },
    lifecyclePolicy: {
      registryId: PROD,
      repositoryName: 'shop/web',
      lifecyclePolicyText: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: 'expire untagged images after 14 days',
            selection: {
              tagStatus: 'untagged',
              countType: 'sinceImagePushed',
              countUnit: 'days',
              countNumber: 14,
            },
            action: { type: 'expire' },
          },
        ],
      }),
      lastEvaluatedAt: '2025-03-02T00:00:00.000Z',
    },
  },
  // AWS managed KMS key, and no lifecycle policy (LifecyclePolicyNotFoundException)
  'tools/ci-runner': { encryptionConfiguration: { encryptionType: 'KMS' }, lifecyclePolicy: null },
};

/** The RDS settings FSBP reads that the demo's first instances did not carry yet, by instance. */
const DB_INSTANCE_ANSWERS: Answers = {
  'orders-pg': {
    CopyTagsToSnapshot: true,
    MonitoringInterval: 60,
    MonitoringRoleArn: `arn:aws:iam::${PROD}:role/rds-monitoring-role`,
    IAMDatabaseAuthenticationEnabled: true,
    DBSubnetGroup: {
      DBSubnetGroupName: 'orders',
      VpcId: 'vpc-0de00000000000001',
      SubnetGroupStatus: 'Complete',
    },
  },
  'reports-mysql': { CopyTagsToSnapshot: false, MonitoringInterval: 0 },
};

function extraDbInstance(id: string, engine: string, version: string, port: number, i: Json): Json {
  return {
    item: {
      DBInstanceIdentifier: id,
      DBInstanceArn: `arn:aws:rds:us-east-1:${DEV}:db:${id}`,
      DBInstanceClass: 'db.t4g.medium',
      Engine: engine,
      EngineVersion: version,
      DBInstanceStatus: 'available',
      Endpoint: { Address: `${id}.c0de0000000d.us-east-1.rds.amazonaws.com`, Port: port },
      DbInstancePort: 0,
      AllocatedStorage: 20,
      StorageType: 'gp3',
      StorageEncrypted: true,
      KmsKeyId: KEY(DEV, 'e1'),
      PubliclyAccessible: false,
      MultiAZ: false,
      BackupRetentionPeriod: 7,
      DeletionProtection: false,
      AutoMinorVersionUpgrade: true,
      IAMDatabaseAuthenticationEnabled: false,
      CopyTagsToSnapshot: false,
      MonitoringInterval: 0,
      CACertificateIdentifier: 'rds-ca-rsa2048-g1',
      DBParameterGroups: [{ DBParameterGroupName: `default.${engine}`, ParameterApplyStatus: 'in-sync' }],
      VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0de0000000000d001', Status: 'active' }],
      DBSubnetGroup: {
        DBSubnetGroupName: 'dev',
        VpcId: 'vpc-0de0000000000d001',
        SubnetGroupStatus: 'Complete',
      },
      EnabledCloudwatchLogsExports: [],
      TagList: [],
      ...i,
    },
    // only the parameter groups of the engines with a TLS parameter are read; these are defaults
    parameters: [],
  };
}

/** Items the FSBP engine-specific checks needed, added to collections defined elsewhere. */
const EXTRA_ITEMS: Record<string, Json[]> = {
  [`${DEV}/us-east-1/aws.elb.load_balancer`]: [DEV_CLB],
  [`${DEV}/us-east-1/aws.kms.key`]: [DEV_OLD_KEY],
  [`${DEV}/global/aws.iam.group`]: [DEV_GROUP],
  [`${DEV}/global/aws.iam.role`]: [
    devRole('dev-batch-task', DECRYPT_ANY_KEY),
    devRole('dev-api-task', DECRYPT_ONE_KEY),
  ],
  [`${DEV}/global/aws.iam.policy`]: [DEV_POLICY],
  [`${DEV}/us-east-1/aws.cloudwatch.alarm`]: [DEV_ALARM],
  [`${DEV}/us-east-1/aws.rds.db_instance`]: [
    extraDbInstance('dev-wiki-mariadb', 'mariadb', '10.11.9', 3306, {
      MasterUsername: 'wiki_admin',
      EnabledCloudwatchLogsExports: ['audit', 'error', 'slowquery'],
    }),
    extraDbInstance('dev-cms-mariadb', 'mariadb', '10.6.19', 3306, { MasterUsername: 'admin' }),
    extraDbInstance('dev-billing-sqlserver', 'sqlserver-se', '16.00.4135.4.v1', 1433, {
      MasterUsername: 'billing_admin',
      EnabledCloudwatchLogsExports: ['agent', 'error'],
      LicenseModel: 'license-included',
    }),
    extraDbInstance('dev-legacy-sqlserver', 'sqlserver-ex', '15.00.4395.2.v1', 1433, {
      MasterUsername: 'admin',
      EnabledCloudwatchLogsExports: ['error'],
      LicenseModel: 'license-included',
    }),
    extraDbInstance('dev-pg-sandbox', 'postgres', '16.4', 5433, { MasterUsername: 'postgres' }),
  ],
};

function mergeDetectors(item: Json): Json {
  const detectors = Array.isArray(item.detectors) ? (item.detectors as Json[]) : [];
  return {
    ...item,
    detectors: detectors.map((d) => ({ ...d, ...(DETECTOR_FEATURES[String(d.DetectorId)] ?? {}) })),
  };
}

const OVERLAYS: Record<string, (item: Json) => Json> = {
  'aws.s3.bucket': (i) => ({ ...i, ...(BUCKET_ANSWERS[String((i.item as Json).Name)] ?? {}) }),
  'aws.guardduty.detectors': mergeDetectors,
  'aws.ec2.vpc': (i) => ({ ...i, ...(VPC_ENDPOINTS[String((i.item as Json).VpcId)] ?? {}) }),
  'aws.elb.load_balancer': clbAnswers,
  'aws.elbv2.load_balancer': albAnswers,
  // bob pasted a policy from a blog post to read the dev secrets
  'aws.iam.user': (i) =>
    (i.item as Json).Arn === `arn:aws:iam::${DEV}:user/bob`
      ? {
          ...i,
          item: {
            ...(i.item as Json),
            UserPolicyList: [{ PolicyName: 'decrypt-everything', PolicyDocument: enc(DECRYPT_ANY_KEY) }],
          },
        }
      : i,
  'aws.ecr.repository': (i) => {
    const answers = ECR_ANSWERS[String((i.item as Json).repositoryName)] ?? {};
    const { encryptionConfiguration, ...rest } = answers;
    return {
      ...i,
      ...rest,
      ...(encryptionConfiguration ? { item: { ...(i.item as Json), encryptionConfiguration } } : {}),
    };
  },
  'aws.kms.key': (i) => ({ ...i, ...(KMS_ANSWERS[String((i.item as Json).KeyId)] ?? {}) }),
  'aws.efs.file_system': (i) => ({ ...i, ...(EFS_ANSWERS[String((i.item as Json).FileSystemId)] ?? {}) }),
  // the public subnet's ACL is the one in use; the others are the VPCs' unused defaults
  'aws.ec2.network_acl': (i) =>
    (i.item as Json).NetworkAclId === 'acl-0de00000000000001'
      ? {
          ...i,
          item: {
            ...(i.item as Json),
            Associations: [
              {
                NetworkAclAssociationId: 'aclassoc-0de00000000000001',
                NetworkAclId: 'acl-0de00000000000001',
                SubnetId: 'subnet-0de00000000000003',
              },
            ],
          },
        }
      : i,
  'aws.rds.db_instance': (i) => ({
    ...i,
    item: {
      ...(i.item as Json),
      ...(DB_INSTANCE_ANSWERS[String((i.item as Json).DBInstanceIdentifier)] ?? {}),
    },
  }),
};

/** Inspector in prod's main region also scans Lambda code (the code scanning FSBP checks). */
function lambdaCodeScanning(c: Collection): Collection {
  if (c.type !== 'aws.inspector2.account_status' || c.account !== PROD || c.region !== 'us-east-1') return c;
  const items = (c.items ?? []).map((i) => {
    const item = i.item as { accounts: Json[] };
    return {
      ...i,
      item: {
        ...item,
        accounts: item.accounts.map((a) => ({
          ...a,
          resourceState: { ...(a.resourceState as Json), lambdaCode: { status: 'ENABLED' } },
        })),
      },
    };
  });
  return { ...c, items };
}

/** The account's collections with the FSBP calls' answers merged into the items they concern. */
export function withServiceAnswers(collections: Collection[]): Collection[] {
  return collections.map(lambdaCodeScanning).map((c) => {
    const overlay = OVERLAYS[c.type];
    const extra = c.items ? (EXTRA_ITEMS[`${c.account}/${c.region}/${c.type}`] ?? []) : [];
    const items = overlay && c.items ? c.items.map((i) => overlay(i as Json)) : c.items;
    return items === c.items && extra.length === 0 ? c : { ...c, items: [...(items ?? []), ...extra] };
  });
}

export function prodServiceCollections(col: Col, collectedAt: string): Collection[] {
  return [
    ...prodNetwork(col),
    ...prodServerless(col, collectedAt),
    ...prodDatabases(col),
    ...prodOperations(col),
    ...prodApis(col),
    ...prodEdge(col),
  ];
}

export function devServiceCollections(col: Col, collectedAt: string): Collection[] {
  return [
    ...devNetwork(col),
    ...devServerless(col, collectedAt),
    ...devDatabases(col),
    ...devOperations(col),
    ...devApis(col),
    ...devEdge(col),
  ];
}
