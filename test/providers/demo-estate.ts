import type { AccountBatch, Collection } from '../../src/core/provider.js';
import type { OrgLevel } from '../../src/core/scan-store.js';
import { SNAPSHOT_FORMAT, type Snapshot } from '../../src/providers/snapshot.js';
import { devCisCollections, prodCisCollections } from './demo-estate-aws-cis.js';
import {
  devServiceCollections,
  prodServiceCollections,
  withServiceAnswers,
} from './demo-estate-aws-services.js';
import { mysqlFlexibleServers, networkLogging, pgDetails, sqlDetails } from './demo-estate-azure-data.js';
import { databricksAndInsights } from './demo-estate-azure-databricks.js';
import { azureInventory } from './demo-estate-azure-inventory.js';
import { NO_NETWORK_GATEWAYS, networkGateways } from './demo-estate-azure-network.js';
import {
  demoProjectMetadata,
  GCP_DEMO_PATHS,
  gcpDev,
  gcpWorkloadCollections,
  gcpWorkloadExtras,
} from './demo-estate-gcp.js';

/**
 * The source of the bundled demo estate (demo/day1.json, day2.json, day3.json). Every raw item
 * has the shape the real API answers with (SDK v3 for AWS, ARM for Azure, REST for GCP); the
 * ids are fake. The three days differ only where `day` is tested below, which is the change
 * log demo/README.md describes. Regenerate the files with
 *   CLOUDWARD_WRITE_DEMO=1 npx vitest run test/providers/demo.test.ts
 */
export type Day = 1 | 2 | 3;
export const DEMO_DAYS: Day[] = [1, 2, 3];

type Json = Record<string, unknown>;

export const AWS_PROD = '111122223333';
export const AWS_DEV = '444455556666';
export const AZ_PROD = '0d3e0000-0000-4000-8000-000000000001';
export const AZ_DEV = '0d3e0000-0000-4000-8000-000000000002';
export const AZ_TENANT = '0d3e0000-0000-4000-8000-0000000000e1';
export const GCP_PROJECT = 'cloudward-demo';

/**
 * Where the demo's accounts sit in their clouds' hierarchies, so views can group them: an AWS
 * organisation with a Workloads OU holding Prod and Dev, Azure management groups below the
 * tenant root group, a GCP organisation with a folder per environment.
 */
const AWS_ORG: OrgLevel = { kind: 'organization', id: 'o-acme0demo1' };
const AWS_WORKLOADS: OrgLevel = { kind: 'organizational_unit', id: 'ou-acme-workload', name: 'Workloads' };
const AZ_ROOT: OrgLevel = { kind: 'management_group', id: AZ_TENANT, name: 'Tenant Root Group' };
const AZ_LANDING: OrgLevel = { kind: 'management_group', id: 'acme-landing-zones', name: 'Landing zones' };
export const DEMO_PATHS = {
  awsProd: [AWS_ORG, AWS_WORKLOADS, { kind: 'organizational_unit', id: 'ou-acme-prod0001', name: 'Prod' }],
  awsDev: [AWS_ORG, AWS_WORKLOADS, { kind: 'organizational_unit', id: 'ou-acme-dev00001', name: 'Dev' }],
  azProd: [AZ_ROOT, AZ_LANDING, { kind: 'management_group', id: 'acme-prod', name: 'Production' }],
  azDev: [AZ_ROOT, AZ_LANDING, { kind: 'management_group', id: 'acme-dev', name: 'Development' }],
  gcpProd: GCP_DEMO_PATHS.prod,
  gcpDev: GCP_DEMO_PATHS.dev,
} satisfies Record<string, OrgLevel[]>;

const tags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
const when = <T>(cond: boolean, ...items: T[]): T[] => (cond ? items : []);

// ---------------------------------------------------------------- AWS

interface PermSpec {
  proto: string;
  from?: number;
  to?: number;
  v4?: [string, string?][];
  v6?: [string, string?][];
  groups?: [string, string?][];
  prefixLists?: string[];
}

function perm(p: PermSpec): Json {
  return {
    IpProtocol: p.proto,
    ...(p.from === undefined ? {} : { FromPort: p.from, ToPort: p.to ?? p.from }),
    IpRanges: (p.v4 ?? []).map(([CidrIp, Description]) => ({
      CidrIp,
      ...(Description ? { Description } : {}),
    })),
    Ipv6Ranges: (p.v6 ?? []).map(([CidrIpv6, Description]) => ({
      CidrIpv6,
      ...(Description ? { Description } : {}),
    })),
    PrefixListIds: (p.prefixLists ?? []).map((PrefixListId) => ({ PrefixListId })),
    UserIdGroupPairs: (p.groups ?? []).map(([GroupId, UserId]) => ({ GroupId, UserId: UserId ?? '' })),
  };
}

const ALL_OUT = perm({ proto: '-1', v4: [['0.0.0.0/0']] });

function securityGroup(
  account: string,
  region: string,
  id: string,
  name: string,
  description: string,
  vpc: string,
  ingress: Json[],
  t: Record<string, string> = {},
): Json {
  return {
    item: {
      GroupId: id,
      GroupName: name,
      Description: description,
      OwnerId: account,
      VpcId: vpc,
      SecurityGroupArn: `arn:aws:ec2:${region}:${account}:security-group/${id}`,
      IpPermissions: ingress,
      IpPermissionsEgress: [ALL_OUT],
      ...(Object.keys(t).length ? { Tags: tags(t) } : {}),
    },
  };
}

interface InstanceSpec {
  account: string;
  id: string;
  name: string;
  type: string;
  az: string;
  subnet: string;
  vpc: string;
  privateIp: string;
  publicIp?: string;
  groups: [string, string][];
  rootVolume: string;
  rootEncrypted: boolean;
  dataVolume?: string;
  imdsv2: boolean;
  /** name of the instance profile (IAM role) the instance runs with */
  profile?: string;
  launched: string;
  tags: Record<string, string>;
  /** 'hvm' unless given */
  virtualization?: 'hvm' | 'paravirtual';
  /** a second network interface in another subnet (a dual-homed instance) */
  secondEni?: string;
  /** stopped by a user at this time ("YYYY-MM-DD HH:MM:SS", GMT) instead of running */
  stoppedAt?: string;
}

function instance(s: InstanceSpec): Json {
  const volume = (id: string, device: string, encrypted: boolean, size: number) => ({
    VolumeId: id,
    Size: size,
    AvailabilityZone: s.az,
    State: 'in-use',
    CreateTime: s.launched,
    VolumeType: 'gp3',
    Iops: 3000,
    Throughput: 125,
    Encrypted: encrypted,
    ...(encrypted ? { KmsKeyId: `arn:aws:kms:${s.az.slice(0, -1)}:${s.account}:alias/aws/ebs` } : {}),
    SnapshotId: '',
    MultiAttachEnabled: false,
    Attachments: [
      {
        VolumeId: id,
        InstanceId: s.id,
        Device: device,
        State: 'attached',
        AttachTime: s.launched,
        DeleteOnTermination: true,
      },
    ],
  });
  const volumes = [volume(s.rootVolume, '/dev/xvda', s.rootEncrypted, 16)];
  if (s.dataVolume) volumes.push(volume(s.dataVolume, '/dev/xvdf', true, 100));
  return {
    item: {
      InstanceId: s.id,
      ImageId: 'ami-0de0000000000a001',
      InstanceType: s.type,
      LaunchTime: s.launched,
      Placement: { AvailabilityZone: s.az, Tenancy: 'default' },
      PrivateIpAddress: s.privateIp,
      ...(s.publicIp
        ? {
            PublicIpAddress: s.publicIp,
            PublicDnsName: `ec2-${s.publicIp.replace(/\./g, '-')}.compute-1.amazonaws.com`,
          }
        : {}),
      ...(s.stoppedAt
        ? {
            State: { Code: 80, Name: 'stopped' },
            StateTransitionReason: `User initiated (${s.stoppedAt} GMT)`,
            StateReason: {
              Code: 'Client.UserInitiatedShutdown',
              Message: 'Client.UserInitiatedShutdown: User initiated shutdown',
            },
          }
        : { State: { Code: 16, Name: 'running' }, StateTransitionReason: '' }),
      SubnetId: s.subnet,
      VpcId: s.vpc,
      Architecture: 'x86_64',
      RootDeviceName: '/dev/xvda',
      RootDeviceType: 'ebs',
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            VolumeId: s.rootVolume,
            Status: 'attached',
            DeleteOnTermination: true,
            AttachTime: s.launched,
          },
        },
        ...when(!!s.dataVolume, {
          DeviceName: '/dev/xvdf',
          Ebs: {
            VolumeId: s.dataVolume,
            Status: 'attached',
            DeleteOnTermination: true,
            AttachTime: s.launched,
          },
        }),
      ],
      SecurityGroups: s.groups.map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
      ...(s.profile
        ? {
            IamInstanceProfile: {
              Arn: `arn:aws:iam::${s.account}:instance-profile/${s.profile}`,
              Id: 'AIPA0DE0000000000001',
            },
          }
        : {}),
      NetworkInterfaces: [
        {
          NetworkInterfaceId: `eni-${s.id.slice(2)}`,
          SubnetId: s.subnet,
          VpcId: s.vpc,
          PrivateIpAddress: s.privateIp,
          Status: 'in-use',
          Groups: s.groups.map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
          ...(s.publicIp ? { Association: { PublicIp: s.publicIp, IpOwnerId: 'amazon' } } : {}),
          Attachment: { DeviceIndex: 0, Status: 'attached', DeleteOnTermination: true },
        },
        ...when(!!s.secondEni, {
          NetworkInterfaceId: `eni-${s.id.slice(2, -1)}e`,
          SubnetId: s.secondEni,
          VpcId: s.vpc,
          Status: 'in-use',
          Groups: s.groups.map(([GroupId, GroupName]) => ({ GroupId, GroupName })),
          Attachment: { DeviceIndex: 1, Status: 'attached', DeleteOnTermination: false },
        }),
      ],
      MetadataOptions: {
        State: 'applied',
        HttpTokens: s.imdsv2 ? 'required' : 'optional',
        HttpPutResponseHopLimit: 2,
        HttpEndpoint: 'enabled',
      },
      Monitoring: { State: 'disabled' },
      EbsOptimized: true,
      EnaSupport: s.virtualization !== 'paravirtual',
      Hypervisor: 'xen',
      VirtualizationType: s.virtualization ?? 'hvm',
      Tags: tags(s.tags),
    },
    volumes,
  };
}

function dbInstance(
  account: string,
  region: string,
  id: string,
  engine: string,
  version: string,
  group: string,
  opts: { encrypted: boolean; public: boolean; params: Json[] | null; t: Record<string, string> },
): Json {
  return {
    item: {
      DBInstanceIdentifier: id,
      DBInstanceArn: `arn:aws:rds:${region}:${account}:db:${id}`,
      DBInstanceClass: 'db.t4g.medium',
      Engine: engine,
      EngineVersion: version,
      DBInstanceStatus: 'available',
      MasterUsername: 'dbadmin',
      Endpoint: {
        Address: `${id}.c0de00000000.${region}.rds.amazonaws.com`,
        Port: engine === 'postgres' ? 5432 : 3306,
      },
      AllocatedStorage: 100,
      StorageType: 'gp3',
      StorageEncrypted: opts.encrypted,
      ...(opts.encrypted
        ? { KmsKeyId: `arn:aws:kms:${region}:${account}:key/0de00000-0000-4000-8000-00000000c0de` }
        : {}),
      PubliclyAccessible: opts.public,
      MultiAZ: !opts.public,
      BackupRetentionPeriod: opts.public ? 1 : 14,
      DeletionProtection: !opts.public,
      IAMDatabaseAuthenticationEnabled: false,
      // the reporting database was set up by hand and never maintained
      AutoMinorVersionUpgrade: !opts.public,
      ...(opts.public
        ? {}
        : {
            EnabledCloudwatchLogsExports:
              engine === 'postgres' ? ['postgresql', 'upgrade'] : ['error', 'audit', 'slowquery'],
          }),
      CACertificateIdentifier: 'rds-ca-rsa2048-g1',
      DBParameterGroups: [{ DBParameterGroupName: group, ParameterApplyStatus: 'in-sync' }],
      VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0de00000000000002', Status: 'active' }],
      TagList: tags(opts.t),
    },
    parameters: opts.params,
  };
}

const param = (ParameterName: string, ParameterValue: string | undefined, Source = 'user'): Json => ({
  ParameterName,
  ...(ParameterValue === undefined ? {} : { ParameterValue }),
  Source: ParameterValue === undefined ? 'engine-default' : Source,
  ApplyType: 'dynamic',
  DataType: 'boolean',
  IsModifiable: true,
  AllowedValues: '0,1',
  ApplyMethod: 'pending-reboot',
});

function logGroup(
  account: string,
  region: string,
  name: string,
  retention: number | undefined,
  created: number,
): Json {
  const arn = `arn:aws:logs:${region}:${account}:log-group:${name}`;
  return {
    item: {
      logGroupName: name,
      creationTime: created,
      ...(retention === undefined ? {} : { retentionInDays: retention }),
      metricFilterCount: 0,
      arn: `${arn}:*`,
      logGroupArn: arn,
      storedBytes: 52_428_800,
      logGroupClass: 'STANDARD',
    },
  };
}

function distribution(
  account: string,
  id: string,
  domain: string,
  alias: string | null,
  policy: string,
  cert: Json,
  /** item fields that differ from a plain S3-origin distribution, and its GetDistributionConfig answer */
  more: { item?: Json; config?: Json } = {},
): Json {
  return {
    item: {
      Id: id,
      ARN: `arn:aws:cloudfront::${account}:distribution/${id}`,
      Status: 'Deployed',
      LastModifiedTime: '2025-02-10T09:12:00.000Z',
      DomainName: domain,
      Aliases: alias ? { Quantity: 1, Items: [alias] } : { Quantity: 0 },
      Origins: {
        Quantity: 1,
        Items: [
          {
            Id: 's3-origin',
            DomainName: 'acme-prod-public-site.s3.us-east-1.amazonaws.com',
            OriginPath: '',
            S3OriginConfig: { OriginAccessIdentity: '' },
            ConnectionAttempts: 3,
            ConnectionTimeout: 10,
          },
        ],
      },
      DefaultCacheBehavior: {
        TargetOriginId: 's3-origin',
        ViewerProtocolPolicy: policy,
        Compress: true,
        AllowedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] },
      },
      CacheBehaviors: { Quantity: 0 },
      Comment: '',
      PriceClass: 'PriceClass_100',
      Enabled: true,
      ViewerCertificate: cert,
      Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
      WebACLId: '',
      HttpVersion: 'http2',
      IsIPV6Enabled: true,
      Staging: false,
      ...more.item,
    },
    ...(more.config ? { config: { DistributionConfig: more.config, ETag: 'E0DE0CONFIG' } } : {}),
  };
}

/** GetDistributionConfig's answer, in the fields the checks read. */
const distributionConfig = (rootObject: string, logBucket: string | null): Json => ({
  DefaultRootObject: rootObject,
  Logging: logBucket
    ? { Enabled: true, IncludeCookies: false, Bucket: logBucket, Prefix: 'cdn/' }
    : { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
});

const customOrigin = (id: string, domain: string, policy: string, ssl: string[], oac = '') => ({
  Id: id,
  DomainName: domain,
  OriginPath: '',
  CustomOriginConfig: {
    HTTPPort: 80,
    HTTPSPort: 443,
    OriginProtocolPolicy: policy,
    OriginSslProtocols: { Quantity: ssl.length, Items: ssl },
    OriginReadTimeout: 30,
    OriginKeepaliveTimeout: 5,
  },
  ConnectionAttempts: 3,
  ConnectionTimeout: 10,
  OriginAccessControlId: oac,
});

const PAB_ALL = {
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: true,
    RestrictPublicBuckets: true,
  },
};
const sse = (SSEAlgorithm: string, KMSMasterKeyID?: string) => ({
  ServerSideEncryptionConfiguration: {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm, ...(KMSMasterKeyID ? { KMSMasterKeyID } : {}) },
        BucketKeyEnabled: SSEAlgorithm === 'aws:kms',
      },
    ],
  },
});

/** A bucket policy that refuses every request not sent over TLS. */
function denyHttp(bucket: string): Json {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

function bucket(name: string, created: string, region: string, enrich: Json): Json {
  return {
    item: { Name: name, CreationDate: created, BucketRegion: region },
    location: { LocationConstraint: region === 'us-east-1' ? null : region },
    ...enrich,
  };
}

/** The prod instances, each with its attached volumes as DescribeVolumes answers them. */
function prodInstances(day: Day, vpc: string): Json[] {
  return [
    instance({
      account: AWS_PROD,
      id: 'i-0de00000000000001',
      name: 'web-1',
      type: 't3.small',
      az: 'us-east-1a',
      subnet: 'subnet-0de00000000000001',
      vpc,
      privateIp: '10.0.1.10',
      publicIp: '203.0.113.10',
      groups: [['sg-0de00000000000003', 'web']],
      rootVolume: 'vol-0de00000000000001',
      rootEncrypted: true,
      imdsv2: true,
      profile: 'web-app',
      launched: '2025-01-20T08:00:00.000Z',
      // a harmless change on day 2: the owner tag moves to another person
      tags: { Name: 'web-1', owner: day === 1 ? 'alice@example.com' : 'bob@example.com', env: 'prod' },
    }),
    instance({
      account: AWS_PROD,
      id: 'i-0de00000000000002',
      name: 'legacy-batch',
      // a previous-generation type, still on a paravirtual AMI, with a second interface in the data subnet
      type: 'm3.large',
      virtualization: 'paravirtual',
      secondEni: 'subnet-0de00000000000001',
      az: 'us-east-1b',
      subnet: 'subnet-0de00000000000002',
      vpc,
      privateIp: '10.0.2.20',
      groups: [['sg-0de00000000000004', 'default']],
      rootVolume: 'vol-0de00000000000002',
      rootEncrypted: false,
      dataVolume: 'vol-0de00000000000003',
      imdsv2: false,
      launched: '2021-06-02T14:30:00.000Z',
      tags: { Name: 'legacy-batch', env: 'prod' },
    }),
  ];
}

function awsProd(day: Day): AccountBatch {
  const A = AWS_PROD;
  const vpc = 'vpc-0de00000000000001';
  const col = (region: string, type: string, items: Json[]): Collection => ({
    cloud: 'aws',
    account: A,
    region,
    type,
    items,
  });
  const instances = prodInstances(day, vpc).map((i): Json => ({ ...i, collectedAt: TAKEN_AT[day] }));
  return {
    cloud: 'aws',
    account: A,
    account_name: 'acme-prod',
    path: DEMO_PATHS.awsProd,
    collections: withServiceAnswers([
      col('us-east-1', 'aws.ec2.security_group', [
        securityGroup(
          A,
          'us-east-1',
          'sg-0de00000000000001',
          'bastion',
          'SSH bastion hosts',
          vpc,
          [
            perm({
              proto: 'tcp',
              from: 22,
              v4: [
                // SSH from anywhere: removed on day 2, back on day 3 (a regression)
                ...when<[string, string]>(day !== 2, ['0.0.0.0/0', 'temporary: vendor access']),
                ['198.51.100.0/24', 'office VPN'],
              ],
            }),
          ],
          { team: 'platform' },
        ),
        securityGroup(
          A,
          'us-east-1',
          'sg-0de00000000000002',
          'orders-db',
          'Orders database',
          vpc,
          [
            perm({
              proto: 'tcp',
              from: 3306,
              v6: [['::/0', 'reporting tool (IPv6)']],
              groups: [['sg-0de00000000000003', A]],
            }),
            perm({ proto: 'tcp', from: 5432, groups: [['sg-0de00000000000003', A]] }),
          ],
          { team: 'orders' },
        ),
        securityGroup(
          A,
          'us-east-1',
          'sg-0de00000000000003',
          'web',
          'Public web tier',
          vpc,
          [
            perm({ proto: 'tcp', from: 443, v4: [['0.0.0.0/0']], v6: [['::/0']] }),
            perm({ proto: 'tcp', from: 80, v4: [['0.0.0.0/0']] }),
            perm({ proto: 'tcp', from: 22, groups: [['sg-0de00000000000001', A]] }),
          ],
          { team: 'web' },
        ),
        securityGroup(A, 'us-east-1', 'sg-0de00000000000004', 'default', 'default VPC security group', vpc, [
          perm({ proto: '-1', groups: [['sg-0de00000000000004', A]] }),
        ]),
      ]),
      col('us-east-1', 'aws.ec2.instance', instances),
      col('us-east-1', 'aws.ec2.volume', [
        // DescribeVolumes lists the instances' volumes too
        ...instances
          .flatMap((i) => (Array.isArray(i.volumes) ? (i.volumes as Json[]) : []))
          .map((v) => ({ item: v })),
        // an unattached, unencrypted scratch volume: deleted on day 2
        ...when(day === 1, {
          item: {
            VolumeId: 'vol-0de00000000000009',
            Size: 500,
            AvailabilityZone: 'us-east-1a',
            State: 'available',
            CreateTime: '2024-11-05T10:00:00.000Z',
            VolumeType: 'gp2',
            Iops: 1500,
            Encrypted: false,
            SnapshotId: 'snap-0de00000000000001',
            MultiAttachEnabled: false,
            Attachments: [],
            Tags: tags({ Name: 'migration-scratch' }),
          },
        }),
      ]),
      col('us-east-1', 'aws.rds.db_instance', [
        dbInstance(A, 'us-east-1', 'orders-pg', 'postgres', '16.4', 'orders-pg16', {
          encrypted: true,
          public: false,
          params: [param('rds.force_ssl', '1'), param('ssl_min_protocol_version', 'TLSv1.2')],
          t: { team: 'orders' },
        }),
        dbInstance(A, 'us-east-1', 'reports-mysql', 'mysql', '8.0.39', 'default.mysql8.0', {
          encrypted: false,
          public: true,
          params: [
            param('require_secure_transport', undefined),
            param('tls_version', 'TLSv1.2,TLSv1.3', 'system'),
          ],
          t: { team: 'analytics' },
        }),
      ]),
      col('us-east-1', 'aws.logs.log_group', [
        logGroup(A, 'us-east-1', 'aws-cloudtrail-logs-acme-org', undefined, 1_704_067_200_000),
        logGroup(A, 'us-east-1', '/app/orders-api', 30, 1_717_200_000_000),
        logGroup(A, 'us-east-1', '/security/audit', 400, 1_709_251_200_000),
      ]),
      col('eu-west-1', 'aws.ec2.security_group', [
        securityGroup(
          A,
          'eu-west-1',
          'sg-0de0000000000e001',
          'default',
          'default VPC security group',
          'vpc-0de0000000000e001',
          [perm({ proto: '-1', groups: [['sg-0de0000000000e001', A]] })],
        ),
      ]),
      col('eu-west-1', 'aws.ec2.instance', []),
      col('eu-west-1', 'aws.ec2.volume', []),
      col('eu-west-1', 'aws.rds.db_instance', []),
      col('eu-west-1', 'aws.logs.log_group', [
        logGroup(A, 'eu-west-1', '/aws/lambda/gdpr-export', 365, 1_712_000_000_000),
      ]),
      col('global', 'aws.cloudfront.distribution', [
        distribution(
          A,
          'E0DE0000000001',
          'd0de00000000a1.cloudfront.net',
          'www.acme.example',
          'redirect-to-https',
          {
            CloudFrontDefaultCertificate: false,
            ACMCertificateArn: `arn:aws:acm:us-east-1:${A}:certificate/0de00000-0000-4000-8000-0000000ac3a1`,
            SSLSupportMethod: 'sni-only',
            MinimumProtocolVersion: 'TLSv1.2_2021',
            Certificate: `arn:aws:acm:us-east-1:${A}:certificate/0de00000-0000-4000-8000-0000000ac3a1`,
            CertificateSource: 'acm',
          },
          {
            item: {
              WebACLId: `arn:aws:wafv2:us-east-1:${A}:global/webacl/acme-edge/0de00000-0000-4000-8000-0000000aaf01`,
              Origins: {
                Quantity: 4,
                Items: [
                  {
                    Id: 's3-origin',
                    DomainName: 'acme-prod-public-site.s3.us-east-1.amazonaws.com',
                    OriginPath: '',
                    S3OriginConfig: { OriginAccessIdentity: '' },
                    ConnectionAttempts: 3,
                    ConnectionTimeout: 10,
                    OriginAccessControlId: 'E0DE00000AC001',
                  },
                  {
                    Id: 's3-origin-eu',
                    DomainName: 'acme-prod-eu-exports.s3.eu-west-1.amazonaws.com',
                    OriginPath: '',
                    S3OriginConfig: { OriginAccessIdentity: '' },
                    ConnectionAttempts: 3,
                    ConnectionTimeout: 10,
                    OriginAccessControlId: 'E0DE00000AC001',
                  },
                  customOrigin('api', 'api.acme.example', 'https-only', ['TLSv1.2']),
                  customOrigin(
                    'render',
                    '0de0render0000000000000000000000.lambda-url.us-east-1.on.aws',
                    'https-only',
                    ['TLSv1.2'],
                    'E0DE00000AC002',
                  ),
                ],
              },
              OriginGroups: {
                Quantity: 1,
                Items: [
                  {
                    Id: 'site-failover',
                    FailoverCriteria: { StatusCodes: { Quantity: 2, Items: [500, 503] } },
                    Members: {
                      Quantity: 2,
                      Items: [{ OriginId: 's3-origin' }, { OriginId: 's3-origin-eu' }],
                    },
                  },
                ],
              },
            },
            config: distributionConfig('index.html', 'acme-prod-access-logs.s3.amazonaws.com'),
          },
        ),
        distribution(
          A,
          'E0DE0000000002',
          'd0de00000000a2.cloudfront.net',
          null,
          'allow-all',
          {
            CloudFrontDefaultCertificate: true,
            SSLSupportMethod: 'vip',
            MinimumProtocolVersion: 'TLSv1',
            CertificateSource: 'cloudfront',
          },
          { config: distributionConfig('', null) },
        ),
        // an older distribution in front of a legacy origin: a dedicated-IP certificate, SSLv3 allowed
        distribution(
          A,
          'E0DE0000000003',
          'd0de00000000a3.cloudfront.net',
          'legacy.acme.example',
          'redirect-to-https',
          {
            CloudFrontDefaultCertificate: false,
            ACMCertificateArn: `arn:aws:acm:us-east-1:${A}:certificate/0de00000-0000-4000-8000-0000000ac3a3`,
            SSLSupportMethod: 'vip',
            MinimumProtocolVersion: 'TLSv1_2016',
            Certificate: `arn:aws:acm:us-east-1:${A}:certificate/0de00000-0000-4000-8000-0000000ac3a3`,
            CertificateSource: 'acm',
          },
          {
            item: {
              Origins: {
                Quantity: 2,
                Items: [
                  customOrigin('legacy-app', 'legacy-origin.acme.example', 'http-only', ['SSLv3', 'TLSv1']),
                  customOrigin(
                    'legacy-render',
                    '0de0legacy000000000000000000000.lambda-url.us-east-1.on.aws',
                    'https-only',
                    ['TLSv1.2'],
                  ),
                ],
              },
              DefaultCacheBehavior: {
                TargetOriginId: 'legacy-app',
                ViewerProtocolPolicy: 'redirect-to-https',
                Compress: true,
                AllowedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] },
              },
            },
            config: distributionConfig('index.html', null),
          },
        ),
      ]),
      col('global', 'aws.s3.bucket', [
        bucket('acme-prod-audit-logs', '2023-01-10T12:00:00.000Z', 'us-east-1', {
          publicAccessBlock: PAB_ALL,
          encryption: sse('aws:kms', `arn:aws:kms:us-east-1:${A}:key/0de00000-0000-4000-8000-00000000a0d1`),
          versioning: { Status: 'Enabled', MFADelete: 'Enabled' },
          policyStatus: { PolicyStatus: { IsPublic: false } },
          policy: { Policy: JSON.stringify(denyHttp('acme-prod-audit-logs')) },
          logging: { LoggingEnabled: { TargetBucket: 'acme-prod-access-logs', TargetPrefix: 'audit-logs/' } },
        }),
        bucket('acme-prod-public-site', '2022-05-01T09:00:00.000Z', 'us-east-1', {
          publicAccessBlock: null,
          encryption: sse('AES256'),
          versioning: {},
          policyStatus: { PolicyStatus: { IsPublic: true } },
          policy: {
            Policy: JSON.stringify({
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'PublicRead',
                  Effect: 'Allow',
                  Principal: '*',
                  Action: 's3:GetObject',
                  Resource: 'arn:aws:s3:::acme-prod-public-site/*',
                },
              ],
            }),
          },
          logging: {},
        }),
        bucket('acme-prod-eu-exports', '2024-02-14T16:45:00.000Z', 'eu-west-1', {
          publicAccessBlock: PAB_ALL,
          encryption: sse('AES256'),
          versioning: { Status: 'Suspended' },
          policyStatus: null,
          policy: null,
          logging: {},
        }),
      ]),
      ...prodCisCollections(col, TAKEN_AT[day]),
      ...prodServiceCollections(col, TAKEN_AT[day]),
    ]),
  };
}

function awsDev(day: Day): AccountBatch {
  const A = AWS_DEV;
  const vpc = 'vpc-0de0000000000d001';
  const col = (region: string, type: string, items: Json[]): Collection => ({
    cloud: 'aws',
    account: A,
    region,
    type,
    items,
  });
  const devBox = instance({
    account: A,
    id: 'i-0de0000000000d001',
    name: 'dev-box',
    type: 't3.medium',
    az: 'us-east-1c',
    subnet: 'subnet-0de0000000000d001',
    vpc,
    privateIp: '10.20.1.5',
    groups: [['sg-0de0000000000d001', 'dev-app']],
    rootVolume: 'vol-0de0000000000d001',
    rootEncrypted: true,
    imdsv2: true,
    launched: '2025-02-01T07:00:00.000Z',
    // stopped since the developer left, weeks before the audit
    stoppedAt: '2025-01-24 18:05:12',
    tags: { Name: 'dev-box', env: 'dev' },
  });
  // a build runner stopped between jobs, two days before the first audit
  const ciRunner = instance({
    account: A,
    id: 'i-0de0000000000d002',
    name: 'ci-runner',
    type: 't3.large',
    az: 'us-east-1c',
    subnet: 'subnet-0de0000000000d001',
    vpc,
    privateIp: '10.20.1.6',
    groups: [['sg-0de0000000000d001', 'dev-app']],
    rootVolume: 'vol-0de0000000000d002',
    rootEncrypted: true,
    imdsv2: true,
    profile: 'ci-runner',
    launched: '2025-02-14T09:00:00.000Z',
    stoppedAt: '2025-03-01 22:40:03',
    tags: { Name: 'ci-runner', env: 'dev' },
  });
  return {
    cloud: 'aws',
    account: A,
    account_name: 'acme-dev',
    path: DEMO_PATHS.awsDev,
    collections: withServiceAnswers([
      col('us-east-1', 'aws.ec2.security_group', [
        securityGroup(
          A,
          'us-east-1',
          'sg-0de0000000000d001',
          'dev-app',
          'Developer app servers',
          vpc,
          [
            perm({ proto: 'tcp', from: 8080, v4: [['10.20.0.0/16']] }),
            perm({ proto: 'tcp', from: 22, prefixLists: ['pl-0de00000000000001'] }),
          ],
          { team: 'dev' },
        ),
        // a Windows jump host opened to the world: RDP over IPv6 and SMB over IPv4
        securityGroup(
          A,
          'us-east-1',
          'sg-0de0000000000d003',
          'windows-jump',
          'Windows jump host',
          vpc,
          [
            perm({ proto: 'tcp', from: 3389, v6: [['::/0', 'RDP from anywhere']] }),
            perm({ proto: 'tcp', from: 445, v4: [['0.0.0.0/0', 'file share for contractors']] }),
          ],
          { owner: 'dave@example.com' },
        ),
        // the VPC's default group, emptied of its rules as it should be
        {
          item: {
            ...(securityGroup(
              A,
              'us-east-1',
              'sg-0de0000000000d000',
              'default',
              'default VPC security group',
              vpc,
              [],
            ).item as Json),
            IpPermissionsEgress: [],
          },
        },
        // appears on day 2: a debugging rule that exposes PostgreSQL to the internet
        ...when(
          day >= 2,
          securityGroup(
            A,
            'us-east-1',
            'sg-0de0000000000d002',
            'debug-postgres',
            'temporary debugging',
            vpc,
            [perm({ proto: 'tcp', from: 5432, v4: [['0.0.0.0/0', 'debug from home']] })],
            { owner: 'carol@example.com' },
          ),
        ),
      ]),
      col(
        'us-east-1',
        'aws.ec2.instance',
        [devBox, ciRunner].map((i) => ({ ...i, collectedAt: TAKEN_AT[day] })),
      ),
      col(
        'us-east-1',
        'aws.ec2.volume',
        [devBox, ciRunner].flatMap((i) => (i.volumes as Json[]).map((v) => ({ item: v }))),
      ),
      col('us-east-1', 'aws.rds.db_instance', []),
      col('us-east-1', 'aws.logs.log_group', [
        logGroup(A, 'us-east-1', '/aws/lambda/dev-thumbnailer', 7, 1_735_700_000_000),
      ]),
      // the deliberate collector failure: the audit role may not describe RDS in eu-west-1
      {
        cloud: 'aws',
        account: A,
        region: 'eu-west-1',
        type: 'aws.rds.db_instance',
        error:
          'rds:DescribeDBInstances AccessDenied: User: arn:aws:sts::444455556666:assumed-role/CloudwardAudit/cloudward ' +
          'is not authorized to perform: rds:DescribeDBInstances on resource: arn:aws:rds:eu-west-1:444455556666:db:* ' +
          'with an explicit deny in a service control policy',
      },
      col('global', 'aws.s3.bucket', [
        bucket('acme-dev-scratch', '2024-08-19T11:20:00.000Z', 'us-east-1', {
          publicAccessBlock: null,
          // no default encryption rule (ServerSideEncryptionConfigurationNotFoundError)
          encryption: null,
          versioning: {},
          // an enrichment that failed: the bucket's public status is unknown, never "fine"
          policyStatus: { __error: 'AccessDenied: Access Denied' },
          policy: { __error: 'AccessDenied: Access Denied' },
          logging: {},
        }),
      ]),
      col('global', 'aws.cloudfront.distribution', []),
      ...devCisCollections(col, TAKEN_AT[day]),
      ...devServiceCollections(col, TAKEN_AT[day]),
    ]),
  };
}

// ---------------------------------------------------------------- Azure

const arm = (sub: string, rg: string, provider: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/${provider}/${name}`;

function nsgRule(nsgId: string, name: string, kind: 'securityRules' | 'defaultSecurityRules', p: Json): Json {
  return {
    name,
    id: `${nsgId}/${kind}/${name}`,
    etag: 'W/"0de00000-0000-4000-8000-0000000e7a90"',
    type: `Microsoft.Network/networkSecurityGroups/${kind}`,
    properties: {
      provisioningState: 'Succeeded',
      protocol: 'Tcp',
      sourcePortRange: '*',
      destinationAddressPrefix: '*',
      sourcePortRanges: [],
      destinationPortRanges: [],
      sourceAddressPrefixes: [],
      destinationAddressPrefixes: [],
      direction: 'Inbound',
      access: 'Allow',
      ...p,
    },
  };
}

function defaultRules(nsgId: string): Json[] {
  const d = (
    name: string,
    priority: number,
    direction: string,
    access: string,
    source: string,
    dest: string,
    description: string,
  ) =>
    nsgRule(nsgId, name, 'defaultSecurityRules', {
      description,
      protocol: '*',
      sourceAddressPrefix: source,
      destinationAddressPrefix: dest,
      destinationPortRange: '*',
      access,
      priority,
      direction,
    });
  return [
    d(
      'AllowVnetInBound',
      65000,
      'Inbound',
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow inbound traffic from all VMs in VNET',
    ),
    d(
      'AllowAzureLoadBalancerInBound',
      65001,
      'Inbound',
      'Allow',
      'AzureLoadBalancer',
      '*',
      'Allow inbound traffic from azure load balancer',
    ),
    d('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*', 'Deny all inbound traffic'),
    d(
      'AllowVnetOutBound',
      65000,
      'Outbound',
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow outbound traffic from all VMs to all VMs in VNET',
    ),
    d(
      'AllowInternetOutBound',
      65001,
      'Outbound',
      'Allow',
      '*',
      'Internet',
      'Allow outbound traffic from all VMs to Internet',
    ),
    d('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*', 'Deny all outbound traffic'),
  ];
}

function nsg(
  sub: string,
  rg: string,
  name: string,
  location: string,
  rules: [string, Json][],
  t: Record<string, string>,
): Json {
  const id = arm(sub, rg, 'Microsoft.Network/networkSecurityGroups', name);
  return {
    item: {
      name,
      id,
      etag: 'W/"0de00000-0000-4000-8000-0000000e7a90"',
      type: 'Microsoft.Network/networkSecurityGroups',
      location,
      tags: t,
      properties: {
        provisioningState: 'Succeeded',
        resourceGuid: '0de00000-0000-4000-8000-00000000a5a1',
        securityRules: rules.map(([n, p]) => nsgRule(id, n, 'securityRules', p)),
        defaultSecurityRules: defaultRules(id),
        subnets: [
          {
            id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/${rg}-vnet/subnets/${name.replace(/-nsg$/, '')}`,
          },
        ],
      },
    },
  };
}

type DiskEncryption = 'platform' | 'customer' | 'ade' | 'host';

function vm(
  sub: string,
  rg: string,
  name: string,
  location: string,
  enc: DiskEncryption,
  t: Record<string, string>,
  /** Update Manager assesses it for missing updates every 24 hours (AutomaticByPlatform) */
  patched = true,
): Json {
  const diskName = `${name}_OsDisk_1_0de0000000000000000000000000${name.length}`;
  const diskId = arm(sub, rg.toUpperCase(), 'Microsoft.Compute/disks', diskName);
  const desId = arm(sub, 'security', 'Microsoft.Compute/diskEncryptionSets', 'acme-cmk-des');
  const osDisk = {
    name: diskName,
    id: diskId,
    type: 'Microsoft.Compute/disks',
    location,
    managedBy: arm(sub, rg, 'Microsoft.Compute/virtualMachines', name),
    sku: { name: 'Premium_LRS', tier: 'Premium' },
    properties: {
      osType: 'Linux',
      hyperVGeneration: 'V2',
      creationData: { createOption: 'FromImage' },
      diskSizeGB: 30,
      encryption:
        enc === 'customer'
          ? { type: 'EncryptionAtRestWithCustomerKey', diskEncryptionSetId: desId }
          : { type: 'EncryptionAtRestWithPlatformKey' },
      ...(enc === 'ade'
        ? {
            encryptionSettingsCollection: {
              enabled: true,
              encryptionSettingsVersion: '1.1',
              encryptionSettings: [
                {
                  diskEncryptionKey: {
                    sourceVault: { id: arm(sub, 'security', 'Microsoft.KeyVault/vaults', 'acme-ade-kv') },
                    secretUrl:
                      'https://acme-ade-kv.vault.azure.net/secrets/0de0000000000000/0de00000000000000000000000000001',
                  },
                },
              ],
            },
          }
        : {}),
      networkAccessPolicy: 'AllowAll',
      publicNetworkAccess: 'Enabled',
      timeCreated: '2024-09-12T10:00:00.0000000+00:00',
      provisioningState: 'Succeeded',
      diskState: 'Attached',
    },
  };
  return {
    item: {
      name,
      id: arm(sub, rg, 'Microsoft.Compute/virtualMachines', name),
      type: 'Microsoft.Compute/virtualMachines',
      location,
      tags: t,
      properties: {
        vmId: `0de00000-0000-4000-8000-${name.length.toString().padStart(12, '0')}`,
        hardwareProfile: { vmSize: 'Standard_D2s_v5' },
        storageProfile: {
          imageReference: {
            publisher: 'Canonical',
            offer: 'ubuntu-24_04-lts',
            sku: 'server',
            version: 'latest',
          },
          osDisk: {
            osType: 'Linux',
            name: diskName,
            createOption: 'FromImage',
            caching: 'ReadWrite',
            managedDisk: {
              storageAccountType: 'Premium_LRS',
              id: diskId,
              ...(enc === 'customer' ? { diskEncryptionSet: { id: desId } } : {}),
            },
            deleteOption: 'Delete',
            diskSizeGB: 30,
          },
          dataDisks: [],
        },
        osProfile: {
          computerName: name,
          adminUsername: 'azureuser',
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            provisionVMAgent: true,
            patchSettings: patched
              ? { patchMode: 'AutomaticByPlatform', assessmentMode: 'AutomaticByPlatform' }
              : { patchMode: 'ImageDefault', assessmentMode: 'ImageDefault' },
          },
          secrets: [],
        },
        networkProfile: {
          networkInterfaces: [{ id: arm(sub, rg, 'Microsoft.Network/networkInterfaces', `${name}-nic`) }],
        },
        ...(enc === 'host' ? { securityProfile: { encryptionAtHost: true } } : {}),
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
        provisioningState: 'Succeeded',
        instanceView: { statuses: [{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/running' }] },
      },
    },
    // encryption at host needs no disk read; the others carry the OS disk resource
    osDisk: enc === 'host' ? null : osDisk,
  };
}

function sqlServer(
  sub: string,
  rg: string,
  name: string,
  minTls: string,
  publicAccess: string,
  t: Record<string, string>,
): Json {
  return {
    item: {
      kind: 'v12.0',
      properties: {
        administratorLogin: 'sqladmin',
        version: '12.0',
        state: 'Ready',
        fullyQualifiedDomainName: `${name}.database.windows.net`,
        privateEndpointConnections: [],
        minimalTlsVersion: minTls,
        publicNetworkAccess: publicAccess,
        restrictOutboundNetworkAccess: 'Disabled',
      },
      location: 'eastus',
      tags: t,
      id: arm(sub, rg, 'Microsoft.Sql/servers', name),
      name,
      type: 'Microsoft.Sql/servers',
    },
  };
}

function singleServer(
  sub: string,
  rg: string,
  provider: string,
  name: string,
  version: string,
  ssl: string,
  minTls: string,
): Json {
  const fqdn =
    provider === 'Microsoft.DBforPostgreSQL' ? 'postgres.database.azure.com' : 'mysql.database.azure.com';
  return {
    item: {
      sku: { name: 'GP_Gen5_2', tier: 'GeneralPurpose', family: 'Gen5', capacity: 2 },
      properties: {
        administratorLogin: 'dbadmin',
        storageProfile: {
          storageMB: 51200,
          backupRetentionDays: 7,
          geoRedundantBackup: 'Disabled',
          storageAutogrow: 'Enabled',
        },
        version,
        sslEnforcement: ssl,
        minimalTlsVersion: minTls,
        userVisibleState: 'Ready',
        fullyQualifiedDomainName: `${name}.${fqdn}`,
        earliestRestoreDate: '2025-02-24T06:00:00.000+00:00',
        replicationRole: '',
        masterServerId: '',
        byokEnforcement: 'Disabled',
        privateEndpointConnections: [],
        infrastructureEncryption: 'Disabled',
        publicNetworkAccess: 'Enabled',
      },
      location: 'eastus',
      tags: { app: name },
      id: arm(sub, rg, `${provider}/servers`, name),
      name,
      type: `${provider}/servers`,
    },
  };
}

function flexibleServer(sub: string, rg: string, name: string, requireTls: 'on' | 'off'): Json {
  const id = arm(sub, rg, 'Microsoft.DBforPostgreSQL/flexibleServers', name);
  const config = (cname: string, value: string, defaultValue: string, dataType: string, allowed: string) => ({
    id: `${id}/configurations/${cname}`,
    name: cname,
    type: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
    properties: {
      value,
      description:
        cname === 'require_secure_transport'
          ? 'Whether client connections to the server are required to use some form of secure transport.'
          : 'Sets the minimum SSL/TLS protocol version to use.',
      defaultValue,
      dataType,
      allowedValues: allowed,
      source: value === defaultValue ? 'system-default' : 'user-override',
      isDynamicConfig: true,
      isReadOnly: false,
      isConfigPendingRestart: false,
    },
  });
  return {
    item: {
      sku: { name: 'Standard_D2ds_v5', tier: 'GeneralPurpose' },
      systemData: { createdAt: '2024-10-01T12:00:00.0000000Z' },
      properties: {
        dataEncryption: { type: 'SystemManaged' },
        storage: { storageSizeGB: 128, autoGrow: 'Disabled', tier: 'P10', iops: 500 },
        authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Enabled' },
        fullyQualifiedDomainName: `${name}.postgres.database.azure.com`,
        version: '16',
        minorVersion: '4',
        administratorLogin: 'pgadmin',
        state: 'Ready',
        availabilityZone: '1',
        backup: {
          backupRetentionDays: 7,
          geoRedundantBackup: 'Disabled',
          earliestRestoreDate: '2025-02-24T06:00:00.0000000+00:00',
        },
        network: { publicNetworkAccess: requireTls === 'on' ? 'Disabled' : 'Enabled' },
        highAvailability: { mode: 'Disabled', state: 'NotEnabled' },
        replicationRole: 'Primary',
      },
      location: 'East US',
      tags: { app: name },
      id,
      name,
      type: 'Microsoft.DBforPostgreSQL/flexibleServers',
    },
    parameters: [
      config('require_secure_transport', requireTls, 'on', 'Boolean', 'on,off'),
      config(
        'ssl_min_protocol_version',
        'TLSv1.2',
        'TLSv1.2',
        'Enumeration',
        'TLSv1,TLSv1.1,TLSv1.2,TLSv1.3',
      ),
    ],
  };
}

function logProfile(sub: string, days: number, enabled: boolean): Json {
  return {
    item: {
      id: `/subscriptions/${sub}/providers/microsoft.insights/logprofiles/default`,
      type: null,
      name: 'default',
      location: null,
      kind: null,
      tags: null,
      properties: {
        storageAccountId: arm(sub, 'monitoring', 'Microsoft.Storage/storageAccounts', 'acmeactivitylogs'),
        serviceBusRuleId: null,
        locations: ['global', 'eastus', 'westeurope'],
        categories: ['Write', 'Delete', 'Action'],
        retentionPolicy: { enabled, days },
      },
      identity: null,
    },
  };
}

function webSite(
  sub: string,
  rg: string,
  name: string,
  httpsOnly: boolean,
  minTls: string,
  /** a diagnostic setting sends its HTTP logs to the central workspace */
  httpLogs = true,
): Json {
  const id = arm(sub, rg, 'Microsoft.Web/sites', name);
  return {
    diagnostics: [
      {
        id: `${id}/providers/microsoft.insights/diagnosticSettings/to-central`,
        type: 'Microsoft.Insights/diagnosticSettings',
        name: 'to-central',
        properties: {
          workspaceId: arm(sub, 'monitoring', 'Microsoft.OperationalInsights/workspaces', 'acme-central'),
          logs: [
            { category: 'AppServiceHTTPLogs', enabled: httpLogs },
            { category: 'AppServiceConsoleLogs', enabled: true },
          ],
        },
      },
    ],
    item: {
      id,
      name,
      type: 'Microsoft.Web/sites',
      kind: 'app,linux',
      location: 'East US',
      tags: { app: name },
      properties: {
        name,
        state: 'Running',
        hostNames: [`${name}.azurewebsites.net`],
        enabled: true,
        enabledHostNames: [`${name}.azurewebsites.net`, `${name}.scm.azurewebsites.net`],
        serverFarmId: arm(sub, rg, 'Microsoft.Web/serverfarms', `${rg}-plan`),
        reserved: true,
        siteConfig: null,
        httpsOnly,
        clientCertEnabled: false,
        defaultHostName: `${name}.azurewebsites.net`,
        publicNetworkAccess: 'Enabled',
      },
      identity: {
        type: 'SystemAssigned',
        principalId: '0de00000-0000-4000-8000-0000000001d0',
        tenantId: '0de00000-0000-4000-8000-000000007e17',
      },
    },
    config: {
      id: `${id}/config/web`,
      name,
      type: 'Microsoft.Web/sites/config',
      location: 'East US',
      properties: {
        numberOfWorkers: 1,
        linuxFxVersion: 'NODE|20-lts',
        requestTracingEnabled: false,
        remoteDebuggingEnabled: false,
        httpLoggingEnabled: true,
        detailedErrorLoggingEnabled: false,
        alwaysOn: true,
        http20Enabled: minTls !== '1.0',
        minTlsVersion: minTls,
        scmMinTlsVersion: '1.2',
        ftpsState: minTls === '1.0' ? 'AllAllowed' : 'Disabled',
        ipSecurityRestrictions: [
          {
            ipAddress: 'Any',
            action: 'Allow',
            priority: 2147483647,
            name: 'Allow all',
            description: 'Allow all access',
          },
        ],
      },
    },
  };
}

/**
 * A storage account: `logs` is compliant with every CIS 9.3 setting (and uses a customer-managed
 * key), `public` is an old account on Azure's defaults serving public assets, `dev` is well
 * configured but locally redundant and closed to trusted Azure services.
 */
function storageAccount(sub: string, rg: string, name: string, profile: 'logs' | 'public' | 'dev'): Json {
  const publicBlob = profile === 'public';
  const cmk = profile === 'logs';
  const id = arm(sub, rg, 'Microsoft.Storage/storageAccounts', name);
  // the logs account's keys were regenerated three weeks before collection; the others' in 2023
  // (the public account's secondary key never since Azure began recording key creation times)
  const keyCreated = profile === 'logs' ? '2025-02-10T09:30:00.0000000Z' : '2023-04-18T09:30:00.0000000Z';
  return {
    collected_at: COLLECTED_AT,
    item: {
      sku: { name: profile === 'dev' ? 'Standard_LRS' : 'Standard_GRS', tier: 'Standard' },
      kind: 'StorageV2',
      id,
      name,
      type: 'Microsoft.Storage/storageAccounts',
      location: 'eastus',
      tags: { data: publicBlob ? 'public-assets' : 'internal' },
      properties: {
        keyCreationTime: { key1: keyCreated, key2: publicBlob ? null : keyCreated },
        ...(publicBlob
          ? { privateEndpointConnections: [] }
          : {
              keyPolicy: { keyExpirationPeriodInDays: 90 },
              allowCrossTenantReplication: false,
              defaultToOAuthAuthentication: true,
              publicNetworkAccess: 'Disabled',
              privateEndpointConnections: [
                {
                  id: `${id}/privateEndpointConnections/${name}.pe`,
                  name: `${name}.pe`,
                  type: 'Microsoft.Storage/storageAccounts/privateEndpointConnections',
                  properties: {
                    provisioningState: 'Succeeded',
                    privateEndpoint: { id: arm(sub, rg, 'Microsoft.Network/privateEndpoints', `${name}-pe`) },
                    privateLinkServiceConnectionState: {
                      status: 'Approved',
                      description: 'Auto-Approved',
                      actionRequired: 'None',
                    },
                  },
                },
              ],
            }),
        minimumTlsVersion: publicBlob ? 'TLS1_0' : 'TLS1_2',
        allowBlobPublicAccess: publicBlob,
        allowSharedKeyAccess: publicBlob,
        networkAcls: {
          bypass: profile === 'dev' ? 'None' : 'AzureServices',
          virtualNetworkRules: [],
          ipRules: [],
          defaultAction: publicBlob ? 'Allow' : 'Deny',
        },
        supportsHttpsTrafficOnly: !publicBlob,
        encryption: {
          requireInfrastructureEncryption: false,
          services: {
            file: { keyType: 'Account', enabled: true },
            blob: { keyType: 'Account', enabled: true },
          },
          keySource: cmk ? 'Microsoft.Keyvault' : 'Microsoft.Storage',
          ...(cmk
            ? {
                keyvaultproperties: {
                  keyname: 'storage-cmk',
                  keyvaulturi: 'https://acme-keys.vault.azure.net/',
                },
              }
            : {}),
        },
        accessTier: 'Hot',
        provisioningState: 'Succeeded',
        creationTime: '2023-04-18T09:30:00.0000000Z',
        primaryLocation: 'eastus',
        statusOfPrimary: 'available',
      },
    },
    // the blob and file services: the public CDN account is on the service defaults (no soft
    // delete, every SMB version), the others keep deleted data; only the logs account versions blobs
    blobService: {
      id: `${id}/blobServices/default`,
      name: 'default',
      type: 'Microsoft.Storage/storageAccounts/blobServices',
      properties: publicBlob
        ? { cors: { corsRules: [] }, deleteRetentionPolicy: { allowPermanentDelete: false, enabled: false } }
        : {
            cors: { corsRules: [] },
            deleteRetentionPolicy: { allowPermanentDelete: false, enabled: true, days: 14 },
            containerDeleteRetentionPolicy: { enabled: true, days: 14 },
            isVersioningEnabled: cmk,
          },
    },
    fileService: {
      id: `${id}/fileServices/default`,
      name: 'default',
      type: 'Microsoft.Storage/storageAccounts/fileServices',
      properties: publicBlob
        ? {
            cors: { corsRules: [] },
            protocolSettings: { smb: {} },
            shareDeleteRetentionPolicy: { enabled: false, days: 0 },
          }
        : {
            cors: { corsRules: [] },
            protocolSettings: { smb: { versions: 'SMB3.1.1', channelEncryption: 'AES-256-GCM' } },
            shareDeleteRetentionPolicy: { enabled: true, days: 14 },
          },
    },
  };
}

/**
 * A key vault with one key and one secret, expiring or not (Resource Manager list metadata),
 * the key's rotation policy (expiring vaults rotate their key, the others only notify), the
 * vault's diagnostic settings (RBAC vaults send their audit log to the workspace; the legacy
 * ones none, or metrics only) and its certificates from the data plane: a 12-month one in the
 * compliant vault, a 24-month one in the app vault, none in the old vault, and the legacy
 * vault's access policy refusing the certificate list (AccessDenied).
 */
function keyVault(sub: string, rg: string, name: string, rbac: boolean, expiring: boolean): Json {
  const id = arm(sub, rg, 'Microsoft.KeyVault/vaults', name);
  const entry = (kind: 'keys' | 'secrets', entryName: string) => ({
    id: `${id}/${kind}/${entryName}`,
    name: entryName,
    properties: {
      attributes: {
        enabled: true,
        created: 1_681_810_200,
        updated: 1_681_810_200,
        ...(expiring ? { exp: 1_830_297_600 } : {}),
      },
    },
  });
  return {
    item: {
      id,
      name,
      type: 'Microsoft.KeyVault/vaults',
      location: 'eastus',
      tags: {},
      properties: {
        sku: { family: 'A', name: 'standard' },
        tenantId: '0de00000-0000-4000-8000-00000000a2a2',
        accessPolicies: [],
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        ...(rbac
          ? { enableRbacAuthorization: true, enablePurgeProtection: true, publicNetworkAccess: 'Disabled' }
          : {}),
        vaultUri: `https://${name}.vault.azure.net/`,
        provisioningState: 'Succeeded',
        privateEndpointConnections: rbac
          ? [
              {
                id: `${id}/privateEndpointConnections/${name}-pe`,
                properties: { privateLinkServiceConnectionState: { status: 'Approved' } },
              },
            ]
          : [],
      },
    },
    keys: [entry('keys', `${name}-cmk`)],
    secrets: [entry('secrets', `${name}-db-password`)],
    keyRotation: [
      {
        name: `${name}-cmk`,
        rotationPolicy: {
          attributes: { expiryTime: 'P1Y' },
          lifetimeActions: [
            ...(expiring ? [{ action: { type: 'rotate' }, trigger: { timeBeforeExpiry: 'P30D' } }] : []),
            { action: { type: 'notify' }, trigger: { timeBeforeExpiry: 'P30D' } },
          ],
        },
      },
    ],
    diagnostics:
      rbac || !expiring
        ? [
            {
              id: `${id}/providers/microsoft.insights/diagnosticSettings/to-workspace`,
              name: 'to-workspace',
              properties: {
                workspaceId: arm(
                  sub,
                  'monitoring',
                  'Microsoft.OperationalInsights/workspaces',
                  'acme-central',
                ),
                logs: [{ category: null, categoryGroup: 'audit', enabled: rbac }],
                metrics: [{ category: 'AllMetrics', enabled: true }],
              },
            },
          ]
        : [],
    certificates: rbac
      ? [
          {
            name: expiring ? 'www-acme-example' : 'partner-api',
            attributes: {
              enabled: true,
              nbf: 1_735_689_600,
              exp: 1_735_689_600 + (expiring ? 12 : 24) * 2_629_800,
            },
            policy: { validity_months: expiring ? 12 : 24, issuer: 'DigiCert' },
          },
        ]
      : expiring
        ? {
            __error: `AccessDenied: The user, group or application 'appid=0de00000-0000-4000-8000-00000000c10d;oid=0de00000-0000-4000-8000-00000000c10e' does not have certificates list permission on key vault '${name};location=eastus'. (HTTP 403) [GET Key Vault /${name}/certificates?api-version=7.4]`,
          }
        : [],
  };
}

/** A custom role definition (Microsoft.Authorization/roleDefinitions, 2022-04-01). */
function customRole(sub: string, name: string, actions: string[]): Json {
  return {
    item: {
      id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${name}`,
      type: 'Microsoft.Authorization/roleDefinitions',
      name,
      properties: {
        roleName: name,
        type: 'CustomRole',
        description: '',
        assignableScopes: [`/subscriptions/${sub}`],
        permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
      },
    },
  };
}

/** The Defender for Cloud plans of a subscription; `off` are on the Free tier. */
function defenderPlans(sub: string, off: string[]): Json[] {
  return [
    'CloudPosture',
    'Api',
    'VirtualMachines',
    'Containers',
    'StorageAccounts',
    'AppServices',
    'CosmosDbs',
    'OpenSourceRelationalDatabases',
    'SqlServers',
    'SqlServerVirtualMachines',
    'KeyVaults',
    'Arm',
  ].map((name) => ({
    item: {
      id: `/subscriptions/${sub}/providers/Microsoft.Security/pricings/${name}`,
      name,
      type: 'Microsoft.Security/pricings',
      properties: { pricingTier: off.includes(name) ? 'Free' : 'Standard' },
    },
  }));
}

/** The Entra ID tenant (Microsoft Graph reads, once per tenant). */
function azureTenant(): AccountBatch {
  const T = AZ_TENANT;
  const col = (type: string, items: Json[]): Collection => ({
    cloud: 'azure',
    account: T,
    region: 'global',
    type,
    items,
  });
  const user = (id: string, upn: string, mfa: boolean) => ({
    item: {
      id,
      userPrincipalName: upn,
      userDisplayName: upn.split('@')[0],
      userType: 'member',
      isAdmin: false,
      isMfaRegistered: mfa,
      isMfaCapable: mfa,
      methodsRegistered: mfa ? ['microsoftAuthenticatorPush'] : [],
    },
  });
  return {
    cloud: 'azure',
    account: T,
    account_name: 'Entra ID tenant acme.example',
    collections: [
      col('azure.entra.security_defaults', [
        { item: { id: '00000000-0000-0000-0000-000000000005', isEnabled: false } },
      ]),
      col('azure.entra.conditional_access_policy', [
        {
          item: {
            id: '0d3e0000-0000-4000-8000-0000000ca001',
            displayName: 'Require MFA for all users',
            state: 'enabled',
            grantControls: { operator: 'OR', builtInControls: ['mfa'] },
          },
        },
      ]),
      col('azure.entra.authorization_policy', [
        {
          item: {
            id: 'authorizationPolicy',
            allowInvitesFrom: 'everyone',
            guestUserRoleId: '2af84b1e-32c8-42b7-82bc-daa82404023b',
            defaultUserRolePermissions: {
              allowedToCreateApps: true,
              allowedToCreateTenants: false,
              allowedToCreateSecurityGroups: true,
            },
          },
        },
      ]),
      col('azure.authorization.root_role_assignment', [
        // left behind by a Global Administrator who elevated access
        roleAssignment('/', ROLE_UAA, '0d3e0000-0000-4000-8000-00000000a002'),
        roleAssignment('/', ROLE_READER, '0d3e0000-0000-4000-8000-00000000c0a1', 'ServicePrincipal'),
      ]),
      col('azure.entra.user_registration', [
        user('0d3e0000-0000-4000-8000-00000000a001', 'ana@acme.example', true),
        user('0d3e0000-0000-4000-8000-00000000a002', 'ben@acme.example', false),
      ]),
    ],
  };
}

const ROLE_OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const ROLE_READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const ROLE_UAA = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';

/** A role assignment as Resource Manager lists it with $filter=atScope(). */
function roleAssignment(scope: string, role: string, principal: string, principalType = 'User'): Json {
  const name = `0d3e${role.slice(0, 4)}-0000-4000-8000-${principal.slice(-12)}`;
  const prefix = scope === '/' ? '' : scope;
  return {
    item: {
      properties: {
        roleDefinitionId: `${scope.startsWith('/subscriptions/') ? scope : ''}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
        principalId: principal,
        principalType,
        scope,
        createdOn: '2024-09-12T10:00:00.0000000Z',
        updatedOn: '2024-09-12T10:00:00.0000000Z',
      },
      id: `${prefix}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      type: 'Microsoft.Authorization/roleAssignments',
      name,
    },
  };
}

function bastionHost(sub: string, rg: string, name: string): Json {
  const id = arm(sub, rg, 'Microsoft.Network/bastionHosts', name);
  return {
    item: {
      name,
      id,
      type: 'Microsoft.Network/bastionHosts',
      location: 'eastus',
      tags: {},
      sku: { name: 'Standard' },
      properties: {
        provisioningState: 'Succeeded',
        dnsName: 'bst-0d3e0000-0000-4000-8000-00000000b001.bastion.azure.com',
        scaleUnits: 2,
        ipConfigurations: [
          {
            name: 'IpConf',
            id: `${id}/bastionHostIpConfigurations/IpConf`,
            properties: {
              privateIPAllocationMethod: 'Dynamic',
              publicIPAddress: { id: arm(sub, rg, 'Microsoft.Network/publicIPAddresses', `${name}-ip`) },
              subnet: {
                id: `${arm(sub, rg, 'Microsoft.Network/virtualNetworks', 'acme-hub')}/subnets/AzureBastionSubnet`,
              },
            },
          },
        ],
      },
    },
  };
}

/** Defender for Cloud settings, security contact, Activity Log export and alert rules of a subscription. */
function subscriptionMonitoring(sub: string, good: boolean): [string, Json[]][] {
  const ops = [
    'Microsoft.Authorization/policyAssignments/write',
    'Microsoft.Authorization/policyAssignments/delete',
    'Microsoft.Network/networkSecurityGroups/write',
    'Microsoft.Network/networkSecurityGroups/delete',
    'Microsoft.Security/securitySolutions/write',
    'Microsoft.Security/securitySolutions/delete',
    'Microsoft.Sql/servers/firewallRules/write',
    'Microsoft.Sql/servers/firewallRules/delete',
    'Microsoft.Network/publicIPAddresses/write',
    'Microsoft.Network/publicIPAddresses/delete',
  ];
  const alert = (name: string, allOf: Json[]) => ({
    item: {
      id: arm(sub, 'monitoring', 'Microsoft.Insights/activityLogAlerts', name),
      type: 'Microsoft.Insights/ActivityLogAlerts',
      name,
      location: 'Global',
      properties: {
        scopes: [`/subscriptions/${sub}`],
        condition: { allOf },
        actions: {
          actionGroups: [
            { actionGroupId: arm(sub, 'monitoring', 'microsoft.insights/actionGroups', 'secops') },
          ],
        },
        enabled: true,
      },
    },
  });
  const alerts = good
    ? [
        ...ops.map((op, i) =>
          alert(`cis-${i + 1}`, [
            { field: 'category', equals: 'Administrative' },
            { field: 'operationName', equals: op },
          ]),
        ),
        alert('service-health', [{ field: 'category', equals: 'ServiceHealth' }]),
      ]
    : [
        alert('nsg-changes', [
          { field: 'category', equals: 'Administrative' },
          { field: 'operationName', equals: ops[2] },
        ]),
      ];
  return [
    [
      'azure.security.setting',
      ['MCAS', 'WDATP', 'Sentinel'].map((name) => ({
        item: {
          id: `/subscriptions/${sub}/providers/Microsoft.Security/settings/${name}`,
          name,
          type: 'Microsoft.Security/settings',
          kind: 'DataExportSettings',
          properties: { enabled: name !== 'WDATP' || good },
        },
      })),
    ],
    [
      'azure.security.contact',
      [
        {
          item: {
            id: `/subscriptions/${sub}/providers/Microsoft.Security/securityContacts/default`,
            name: 'default',
            type: 'Microsoft.Security/securityContacts',
            properties: {
              emails: good ? 'secops@acme.example' : '',
              isEnabled: true,
              notificationsByRole: { state: good ? 'On' : 'Off', roles: ['Owner'] },
              notificationsSources: good
                ? [
                    { sourceType: 'Alert', minimalSeverity: 'Medium' },
                    { sourceType: 'AttackPath', minimalRiskLevel: 'Critical' },
                  ]
                : [],
            },
          },
        },
      ],
    ],
    [
      'azure.monitor.diagnostic_setting',
      good
        ? [
            {
              item: {
                id: `/subscriptions/${sub}/providers/microsoft.insights/diagnosticSettings/to-central`,
                name: 'to-central',
                type: 'Microsoft.Insights/diagnosticSettings',
                properties: {
                  workspaceId: arm(sub, 'monitoring', 'Microsoft.OperationalInsights/workspaces', 'central'),
                  logs: ['Administrative', 'Security', 'Alert', 'Policy'].map((category) => ({
                    category,
                    enabled: true,
                  })),
                },
              },
            },
          ]
        : [],
    ],
    ['azure.monitor.activity_log_alert', alerts],
  ];
}

function azureProd(day: Day): AccountBatch {
  const S = AZ_PROD;
  const col = (type: string, items: Json[]): Collection => ({
    cloud: 'azure',
    account: S,
    region: 'global',
    type,
    items,
  });
  return {
    cloud: 'azure',
    account: S,
    account_name: 'acme-azure-prod',
    path: DEMO_PATHS.azProd,
    collections: [
      col('azure.network.nsg', [
        nsg(
          S,
          'web-rg',
          'web-nsg',
          'eastus',
          [
            [
              'allow-ssh-internet',
              {
                sourceAddressPrefix: 'Internet',
                destinationPortRange: '22',
                priority: 100,
                description: 'ops access',
              },
            ],
            ['allow-https', { sourceAddressPrefix: '*', destinationPortRange: '443', priority: 110 }],
          ],
          { env: 'prod' },
        ),
        nsg(
          S,
          'app-rg',
          'app-nsg',
          'eastus',
          [
            [
              'allow-ssh-vnet',
              { sourceAddressPrefix: 'VirtualNetwork', destinationPortRange: '22', priority: 100 },
            ],
            [
              'allow-rdp-admin',
              {
                sourceAddressPrefixes: ['10.1.0.0/16', '10.2.0.0/16'],
                destinationPortRange: '3389',
                priority: 110,
              },
            ],
            [
              'deny-sql-internet',
              {
                sourceAddressPrefix: 'Internet',
                destinationPortRanges: ['1433', '3306', '5432'],
                access: 'Deny',
                priority: 120,
              },
            ],
          ],
          { env: 'prod' },
        ),
      ]),
      col('azure.compute.vm', [
        vm(S, 'web-rg', 'web-vm-01', 'eastus', 'platform', { env: 'prod', role: 'web' }, false),
        vm(S, 'pay-rg', 'pay-vm-01', 'eastus', 'customer', { env: 'prod', role: 'payments' }),
        vm(S, 'app-rg', 'app-vm-01', 'eastus', 'ade', { env: 'prod', role: 'app' }),
        vm(S, 'batch-rg', 'batch-vm-01', 'westeurope', 'host', { env: 'prod', role: 'batch' }),
      ]),
      col('azure.sql.server', [
        sqlDetails(sqlServer(S, 'data-rg', 'acme-orders-sql', '1.2', 'Disabled', { app: 'orders' }), 'good'),
        sqlDetails(
          sqlServer(S, 'data-rg', 'acme-legacy-sql', 'None', 'Enabled', { app: 'legacy-crm' }),
          'bad',
        ),
      ]),
      col('azure.postgresql.server', [
        singleServer(
          S,
          'data-rg',
          'Microsoft.DBforPostgreSQL',
          'acme-pg-legacy',
          '11',
          'Disabled',
          'TLSEnforcementDisabled',
        ),
        singleServer(S, 'data-rg', 'Microsoft.DBforPostgreSQL', 'acme-pg-reports', '11', 'Enabled', 'TLS1_2'),
      ]),
      col('azure.mysql.server', [
        singleServer(S, 'shop-rg', 'Microsoft.DBforMySQL', 'acme-mysql-shop', '8.0', 'Enabled', 'TLS1_2'),
        singleServer(
          S,
          'shop-rg',
          'Microsoft.DBforMySQL',
          'acme-mysql-blog',
          '5.7',
          'Disabled',
          'TLSEnforcementDisabled',
        ),
      ]),
      col('azure.postgresql.flexible_server', [
        pgDetails(flexibleServer(S, 'data-rg', 'acme-pg-flex', 'on'), true),
        pgDetails(flexibleServer(S, 'data-rg', 'acme-pg-sandbox', 'off'), false),
      ]),
      col('azure.mysql.flexible_server', mysqlFlexibleServers(S)),
      ...networkLogging(S).map(([type, items]) => col(type, items)),
      col('azure.monitor.log_profile', [logProfile(S, 90, true)]),
      col('azure.web.site', [
        // the shop's TLS 1.0 floor is raised to 1.2 on day 3
        webSite(S, 'shop-rg', 'acme-shop-web', false, day === 3 ? '1.2' : '1.0', false),
        webSite(S, 'api-rg', 'acme-api', true, '1.2'),
      ]),
      col('azure.keyvault.vault', [
        keyVault(S, 'sec-rg', 'acme-keys', true, true),
        keyVault(S, 'sec-rg', 'acme-app-secrets', true, false),
        keyVault(S, 'legacy-rg', 'acme-legacy-kv', false, true),
        keyVault(S, 'legacy-rg', 'acme-old-kv', false, false),
      ]),
      col('azure.storage.account', [
        storageAccount(S, 'monitoring', 'acmeactivitylogs', 'logs'),
        storageAccount(S, 'web-rg', 'acmepubliccdn', 'public'),
      ]),
      col('azure.security.pricing', defenderPlans(S, ['VirtualMachines', 'Containers'])),
      col('azure.authorization.role_definition', [customRole(S, 'acme-ops-admin', ['*'])]),
      col('azure.authorization.role_assignment', [
        roleAssignment(`/subscriptions/${S}`, ROLE_OWNER, '0d3e0000-0000-4000-8000-00000000a001'),
        roleAssignment(
          '/providers/Microsoft.Management/managementGroups/acme',
          ROLE_OWNER,
          '0d3e0000-0000-4000-8000-00000000a0a0',
          'Group',
        ),
        roleAssignment(`/subscriptions/${S}`, ROLE_READER, '0d3e0000-0000-4000-8000-00000000a002'),
      ]),
      col('azure.network.bastion_host', [bastionHost(S, 'hub-rg', 'acme-hub-bastion')]),
      ...subscriptionMonitoring(S, false).map(([type, items]) => col(type, items)),
      ...azureInventory(S, true).map(([type, items]) => col(type, items)),
      ...networkGateways(S).map(([type, items]) => col(type, items)),
      ...databricksAndInsights(S, true).map(([type, items]) => col(type, items)),
    ],
  };
}

function azureDev(): AccountBatch {
  const S = AZ_DEV;
  const col = (type: string, items: Json[]): Collection => ({
    cloud: 'azure',
    account: S,
    region: 'global',
    type,
    items,
  });
  return {
    cloud: 'azure',
    account: S,
    account_name: 'acme-azure-dev',
    path: DEMO_PATHS.azDev,
    collections: [
      col('azure.network.nsg', [
        nsg(
          S,
          'dev-rg',
          'dev-nsg',
          'westeurope',
          [
            [
              'allow-ssh-office',
              { sourceAddressPrefix: '198.51.100.0/24', destinationPortRange: '22', priority: 100 },
            ],
            ['allow-rdp-any', { sourceAddressPrefix: '*', destinationPortRange: '3389', priority: 110 }],
            [
              'allow-wireguard',
              {
                protocol: 'Udp',
                sourceAddressPrefix: 'Internet',
                destinationPortRange: '51820',
                priority: 120,
              },
            ],
          ],
          { env: 'dev' },
        ),
      ]),
      col('azure.compute.vm', [vm(S, 'dev-rg', 'dev-vm-01', 'westeurope', 'customer', { env: 'dev' })]),
      col('azure.sql.server', [
        sqlDetails(
          sqlServer(S, 'dev-rg', 'acme-dev-sql', '1.2', 'Disabled', { env: 'dev' }),
          'short_retention',
        ),
      ]),
      col('azure.postgresql.server', []),
      col('azure.mysql.server', []),
      col('azure.postgresql.flexible_server', []),
      col('azure.mysql.flexible_server', []),
      col('azure.network.virtual_network', []),
      col('azure.network.watcher', []),
      col('azure.network.flow_log', []),
      col('azure.monitor.log_profile', [logProfile(S, 365, true)]),
      col('azure.web.site', []),
      col('azure.storage.account', [storageAccount(S, 'dev-rg', 'acmedevdata', 'dev')]),
      col('azure.security.pricing', defenderPlans(S, [])),
      col('azure.authorization.role_definition', [
        customRole(S, 'acme-dev-reader', ['Microsoft.Compute/*/read']),
      ]),
      // one owner, and no Bastion host
      col('azure.authorization.role_assignment', [
        roleAssignment(`/subscriptions/${S}`, ROLE_OWNER, '0d3e0000-0000-4000-8000-00000000a001'),
      ]),
      col('azure.network.bastion_host', []),
      ...subscriptionMonitoring(S, true).map(([type, items]) => col(type, items)),
      ...azureInventory(S, false).map(([type, items]) => col(type, items)),
      ...NO_NETWORK_GATEWAYS.map(([type, items]) => col(type, items)),
      ...databricksAndInsights(S, false).map(([type, items]) => col(type, items)),
    ],
  };
}

// ---------------------------------------------------------------- GCP

const G = `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}`;

function firewall(id: string, name: string, p: Json): Json {
  return {
    item: {
      kind: 'compute#firewall',
      id,
      creationTimestamp: '2024-06-03T10:15:00.000-07:00',
      name,
      description: '',
      network: `${G}/global/networks/prod-vpc`,
      priority: 1000,
      direction: 'INGRESS',
      logConfig: { enable: false },
      disabled: false,
      selfLink: `${G}/global/firewalls/${name}`,
      ...p,
    },
  };
}

function gceInstance(
  id: string,
  name: string,
  zone: string,
  p: { publicIp?: string; cmek: boolean; fullScopes: boolean; labels: Record<string, string> },
): Json {
  const z = `${G}/zones/${zone}`;
  return {
    item: {
      kind: 'compute#instance',
      id,
      creationTimestamp: '2024-11-12T04:00:00.000-08:00',
      name,
      tags: { items: ['web'], fingerprint: '0de0AAAAAAA=' },
      machineType: `${z}/machineTypes/e2-standard-2`,
      status: 'RUNNING',
      zone: z,
      canIpForward: false,
      networkInterfaces: [
        {
          kind: 'compute#networkInterface',
          network: `${G}/global/networks/prod-vpc`,
          subnetwork: `${G}/regions/${zone.slice(0, -2)}/subnetworks/prod-subnet`,
          networkIP: `10.10.0.${id.length}`,
          name: 'nic0',
          ...(p.publicIp
            ? {
                accessConfigs: [
                  {
                    kind: 'compute#accessConfig',
                    type: 'ONE_TO_ONE_NAT',
                    name: 'External NAT',
                    natIP: p.publicIp,
                    networkTier: 'PREMIUM',
                  },
                ],
              }
            : {}),
          stackType: 'IPV4_ONLY',
        },
      ],
      disks: [
        {
          kind: 'compute#attachedDisk',
          type: 'PERSISTENT',
          mode: 'READ_WRITE',
          source: `${z}/disks/${name}`,
          deviceName: name,
          index: 0,
          boot: true,
          autoDelete: true,
          interface: 'SCSI',
          diskSizeGb: '20',
          ...(p.cmek
            ? {
                diskEncryptionKey: {
                  kmsKeyName: `projects/${GCP_PROJECT}/locations/${zone.slice(0, -2)}/keyRings/prod/cryptoKeys/disks/cryptoKeyVersions/1`,
                },
              }
            : {}),
        },
      ],
      metadata: {
        kind: 'compute#metadata',
        fingerprint: '0de0BBBBBBB=',
        items: [{ key: 'enable-oslogin', value: 'TRUE' }],
      },
      serviceAccounts: [
        {
          email: p.fullScopes
            ? `123456789012-compute@developer.gserviceaccount.com`
            : `${name}@${GCP_PROJECT}.iam.gserviceaccount.com`,
          scopes: p.fullScopes
            ? ['https://www.googleapis.com/auth/cloud-platform']
            : [
                'https://www.googleapis.com/auth/logging.write',
                'https://www.googleapis.com/auth/monitoring.write',
              ],
        },
      ],
      selfLink: `${z}/instances/${name}`,
      scheduling: { onHostMaintenance: 'MIGRATE', automaticRestart: true, preemptible: false },
      shieldedInstanceConfig: {
        enableSecureBoot: !p.fullScopes,
        enableVtpm: true,
        enableIntegrityMonitoring: true,
      },
      labels: p.labels,
      deletionProtection: false,
      fingerprint: '0de0CCCCCCC=',
    },
  };
}

function sqlInstance(
  name: string,
  version: string,
  p: { sslMode: string; publicIp: boolean; networks: string[] },
): Json {
  return {
    item: {
      kind: 'sql#instance',
      state: 'RUNNABLE',
      databaseVersion: version,
      settings: {
        tier: 'db-custom-2-7680',
        kind: 'sql#settings',
        availabilityType: 'REGIONAL',
        pricingPlan: 'PER_USE',
        activationPolicy: 'ALWAYS',
        ipConfiguration: {
          ipv4Enabled: p.publicIp,
          ...(p.publicIp ? {} : { privateNetwork: `projects/${GCP_PROJECT}/global/networks/prod-vpc` }),
          authorizedNetworks: p.networks.map((value, i) => ({
            kind: 'sql#aclEntry',
            name: `net-${i}`,
            value,
          })),
          sslMode: p.sslMode,
          requireSsl: p.sslMode === 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED',
          serverCaMode: 'GOOGLE_MANAGED_INTERNAL_CA',
        },
        locationPreference: { zone: 'europe-west1-b', kind: 'sql#locationPreference' },
        dataDiskType: 'PD_SSD',
        backupConfiguration: {
          kind: 'sql#backupConfiguration',
          enabled: true,
          startTime: '02:00',
          pointInTimeRecoveryEnabled: true,
        },
        userLabels: { app: name },
        databaseFlags: version.startsWith('POSTGRES') ? [{ name: 'log_connections', value: 'on' }] : [],
        storageAutoResize: true,
        dataDiskSizeGb: '50',
        deletionProtectionEnabled: true,
      },
      etag: '0de0000000000000000000000000000000000000000000000000000000000001',
      ipAddresses: p.publicIp
        ? [{ type: 'PRIMARY', ipAddress: '34.0.2.10' }]
        : [{ type: 'PRIVATE', ipAddress: '10.10.5.3' }],
      instanceType: 'CLOUD_SQL_INSTANCE',
      project: GCP_PROJECT,
      backendType: 'SECOND_GEN',
      selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${GCP_PROJECT}/instances/${name}`,
      connectionName: `${GCP_PROJECT}:europe-west1:${name}`,
      name,
      region: 'europe-west1',
      gceZone: 'europe-west1-b',
    },
  };
}

function logBucket(id: string, days: number, locked: boolean): Json {
  return {
    item: {
      name: `projects/${GCP_PROJECT}/locations/global/buckets/${id}`,
      description: id === '_Required' ? 'Audit bucket' : 'Default bucket',
      createTime: '2023-03-01T00:00:00.000000Z',
      updateTime: '2024-05-10T08:00:00.000000Z',
      retentionDays: days,
      locked,
      lifecycleState: 'ACTIVE',
    },
  };
}

function sslPolicy(id: string, name: string, profile: string, minTls: string): Json {
  return {
    item: {
      kind: 'compute#sslPolicy',
      id,
      creationTimestamp: '2024-01-15T09:00:00.000-08:00',
      selfLink: `${G}/global/sslPolicies/${name}`,
      name,
      profile,
      minTlsVersion: minTls,
      enabledFeatures: [
        'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
        'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
        ...(profile === 'COMPATIBLE'
          ? ['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA']
          : []),
      ],
      fingerprint: '0de0DDDDDDD=',
    },
  };
}

function gcsBucket(
  name: string,
  p: { prevention: string; uniform: boolean; versioning: boolean; members: string[] },
): Json {
  return {
    item: {
      kind: 'storage#bucket',
      selfLink: `https://www.googleapis.com/storage/v1/b/${name}`,
      id: name,
      name,
      projectNumber: '123456789012',
      metageneration: '3',
      location: 'EU',
      storageClass: 'STANDARD',
      etag: 'CAM=',
      timeCreated: '2023-09-01T12:00:00.000Z',
      updated: '2024-12-01T12:00:00.000Z',
      ...(p.versioning ? { versioning: { enabled: true } } : {}),
      iamConfiguration: {
        bucketPolicyOnly: { enabled: p.uniform },
        uniformBucketLevelAccess: { enabled: p.uniform },
        publicAccessPrevention: p.prevention,
      },
      locationType: 'multi-region',
      labels: { data: name.split('-').pop() ?? name },
    },
    iamPolicy: {
      kind: 'storage#policy',
      resourceId: `projects/_/buckets/${name}`,
      version: 1,
      etag: 'CAM=',
      bindings: [
        { role: 'roles/storage.legacyBucketOwner', members: [`projectOwner:${GCP_PROJECT}`] },
        ...(p.members.length ? [{ role: 'roles/storage.objectViewer', members: p.members }] : []),
      ],
    },
  };
}

/** The CIS log alert filters the demo project has metrics and alert policies for (all eight). */
const GCP_LOG_ALERTS: Record<string, string> = {
  'owner-changes':
    '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")',
  'audit-config-changes':
    'protoPayload.methodName="SetIamPolicy" AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*',
  'custom-role-changes':
    'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")',
  'firewall-changes':
    'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" OR protoPayload.methodName:"compute.firewalls.insert" OR protoPayload.methodName:"compute.firewalls.delete")',
  'route-changes':
    'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR protoPayload.methodName:"compute.routes.insert")',
  'network-changes':
    'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR protoPayload.methodName:"compute.networks.patch" OR protoPayload.methodName:"compute.networks.delete" OR protoPayload.methodName:"compute.networks.removePeering" OR protoPayload.methodName:"compute.networks.addPeering")',
  'bucket-iam-changes': 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"',
  'sql-changes': 'protoPayload.methodName="cloudsql.instances.update"',
};

/**
 * The demo project's identity and logging: a CI service account that is Editor and has an old
 * downloaded key, an old API key, and everything else as CIS asks (audit logs, a sink of every
 * entry, contacts, Access Approval, the eight log alerts, Cloud Asset Inventory, rotated KMS keys).
 */
/** When the demo's GCP answers were collected: ages are as at then. */
const COLLECTED_AT = '2025-03-03T06:00:00Z';

function gcpIdentityAndLogging(col: (type: string, items: Json[]) => Collection): Collection[] {
  const sa = (name: string) => `${name}@${GCP_PROJECT}.iam.gserviceaccount.com`;
  const key = `projects/${GCP_PROJECT}/locations/europe-west1/keyRings/demo-ring/cryptoKeys/orders`;
  const legacyKey = `projects/${GCP_PROJECT}/locations/europe-west1/keyRings/demo-ring/cryptoKeys/legacy-exports`;
  return [
    col('gcp.resourcemanager.project_iam_policy', [
      {
        item: {
          version: 1,
          etag: 'BwYdemo=',
          bindings: [
            { role: 'roles/owner', members: ['user:owner@cloudward-demo.example'] },
            { role: 'roles/editor', members: [`serviceAccount:${sa('ci-deployer')}`] },
            { role: 'roles/viewer', members: ['group:auditors@cloudward-demo.example'] },
            { role: 'roles/logging.logWriter', members: [`serviceAccount:${sa('app-runtime')}`] },
            { role: 'roles/iam.serviceAccountUser', members: ['user:dev@cloudward-demo.example'] },
          ],
          auditConfigs: [
            {
              service: 'allServices',
              auditLogConfigs: [
                { logType: 'ADMIN_READ' },
                { logType: 'DATA_READ' },
                { logType: 'DATA_WRITE' },
              ],
            },
          ],
        },
      },
    ]),
    col('gcp.iam.service_account', [
      {
        item: {
          name: `projects/${GCP_PROJECT}/serviceAccounts/${sa('ci-deployer')}`,
          email: sa('ci-deployer'),
          uniqueId: '110000000000000000001',
        },
        collected_at: COLLECTED_AT,
        keys: {
          keys: [
            {
              name: `projects/${GCP_PROJECT}/serviceAccounts/${sa('ci-deployer')}/keys/0f1e2d3c4b5a69788796a5b4c3d2e1f000112233`,
              validAfterTime: '2024-06-01T08:00:00Z',
              validBeforeTime: '9999-12-31T23:59:59Z',
              keyType: 'USER_MANAGED',
              keyOrigin: 'GOOGLE_PROVIDED',
            },
          ],
        },
      },
      {
        item: {
          name: `projects/${GCP_PROJECT}/serviceAccounts/${sa('app-runtime')}`,
          email: sa('app-runtime'),
          uniqueId: '110000000000000000002',
        },
        collected_at: COLLECTED_AT,
        keys: null,
      },
      {
        item: {
          name: `projects/${GCP_PROJECT}/serviceAccounts/${sa('batch-runner')}`,
          email: sa('batch-runner'),
          uniqueId: '110000000000000000003',
        },
        collected_at: COLLECTED_AT,
        keys: {
          keys: [
            {
              name: `projects/${GCP_PROJECT}/serviceAccounts/${sa('batch-runner')}/keys/aa11bb22cc33dd44ee55ff6600112233aabbccdd`,
              validAfterTime: '2025-02-20T08:00:00Z',
              validBeforeTime: '9999-12-31T23:59:59Z',
              keyType: 'USER_MANAGED',
              keyOrigin: 'GOOGLE_PROVIDED',
            },
          ],
        },
      },
    ]),
    col('gcp.cloudkms.crypto_key', [
      {
        item: {
          name: key,
          purpose: 'ENCRYPT_DECRYPT',
          primary: { name: `${key}/cryptoKeyVersions/3`, state: 'ENABLED' },
          rotationPeriod: '7776000s',
          nextRotationTime: '2025-04-01T00:00:00Z',
        },
        iam: {
          version: 1,
          bindings: [
            {
              role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
              members: [`serviceAccount:${sa('app-runtime')}`],
            },
          ],
        },
      },
      {
        item: {
          name: legacyKey,
          purpose: 'ENCRYPT_DECRYPT',
          primary: { name: `${legacyKey}/cryptoKeyVersions/1`, state: 'ENABLED' },
        },
        iam: {
          version: 1,
          bindings: [{ role: 'roles/cloudkms.cryptoKeyEncrypter', members: ['allAuthenticatedUsers'] }],
        },
      },
    ]),
    col('gcp.apikeys.key', [
      {
        item: {
          name: 'projects/400000000001/locations/global/keys/5b6c7d8e-0000-4000-8000-000000000001',
          displayName: 'store-locator-maps',
          createTime: '2024-02-01T10:00:00Z',
          restrictions: { apiTargets: [{ service: 'maps-backend.googleapis.com' }] },
        },
        collected_at: COLLECTED_AT,
      },
      {
        item: {
          name: 'projects/400000000001/locations/global/keys/5b6c7d8e-0000-4000-8000-000000000002',
          displayName: 'internal-tool',
          createTime: '2025-02-25T10:00:00Z',
        },
        collected_at: COLLECTED_AT,
      },
    ]),
    col('gcp.essentialcontacts.contact', [
      {
        item: {
          name: 'projects/400000000001/contacts/1',
          email: 'secops@cloudward-demo.example',
          notificationCategorySubscriptions: ['ALL'],
        },
      },
    ]),
    col('gcp.accessapproval.settings', [
      {
        item: {
          name: `projects/${GCP_PROJECT}/accessApprovalSettings`,
          enrolledServices: [{ cloudProduct: 'all', enrollmentLevel: 'BLOCK_ALL' }],
        },
      },
    ]),
    col('gcp.logging.sink', [
      {
        item: {
          name: '_Required',
          destination: `logging.googleapis.com/projects/${GCP_PROJECT}/locations/global/buckets/_Required`,
          filter: 'LOG_ID("cloudaudit.googleapis.com/activity")',
        },
      },
      {
        item: {
          name: '_Default',
          destination: `logging.googleapis.com/projects/${GCP_PROJECT}/locations/global/buckets/_Default`,
          filter: 'NOT LOG_ID("cloudaudit.googleapis.com/activity")',
        },
      },
      {
        item: { name: 'all-to-archive', destination: 'storage.googleapis.com/cloudward-demo-log-archive' },
        // Bucket Lock on the bucket the sink exports to (storage.buckets.get)
        destinationBucket: {
          name: 'cloudward-demo-log-archive',
          retentionPolicy: { retentionPeriod: '31536000', isLocked: true },
        },
      },
      {
        item: {
          name: 'audit-to-gcs',
          destination: 'storage.googleapis.com/cloudward-demo-audit-logs',
          filter: 'logName:"cloudaudit.googleapis.com"',
        },
        destinationBucket: {
          name: 'cloudward-demo-audit-logs',
          retentionPolicy: { retentionPeriod: '2592000' },
        },
      },
    ]),
    col(
      'gcp.logging.metric',
      Object.entries(GCP_LOG_ALERTS).map(([name, filter]) => ({ item: { name, filter } })),
    ),
    col(
      'gcp.monitoring.alert_policy',
      Object.keys(GCP_LOG_ALERTS).map((name, i) => ({
        item: {
          name: `projects/${GCP_PROJECT}/alertPolicies/${500 + i}`,
          displayName: `Alert: ${name}`,
          enabled: true,
          conditions: [
            {
              conditionThreshold: {
                filter: `metric.type = "logging.googleapis.com/user/${name}" AND resource.type = "global"`,
              },
            },
          ],
          notificationChannels: [`projects/${GCP_PROJECT}/notificationChannels/1`],
        },
      })),
    ),
    col('gcp.serviceusage.service', [
      {
        item: {
          name: 'projects/400000000001/services/cloudasset.googleapis.com',
          config: { name: 'cloudasset.googleapis.com' },
          state: 'ENABLED',
        },
      },
      {
        item: {
          name: 'projects/400000000001/services/compute.googleapis.com',
          config: { name: 'compute.googleapis.com' },
          state: 'ENABLED',
        },
      },
    ]),
  ];
}

function gcp(): AccountBatch {
  const col = (type: string, items: Json[]): Collection => ({
    cloud: 'gcp',
    account: GCP_PROJECT,
    region: 'global',
    type,
    items,
  });
  const workloads = gcpWorkloadCollections(GCP_PROJECT);
  const extras = gcpWorkloadExtras(GCP_PROJECT);
  const withProjectMetadata = (i: Json): Json => ({
    ...i,
    projectMetadata: demoProjectMetadata(GCP_PROJECT),
  });
  return {
    cloud: 'gcp',
    account: GCP_PROJECT,
    account_name: 'Cloudward demo',
    path: DEMO_PATHS.gcpProd,
    collections: [
      col('gcp.compute.firewall', [
        firewall('7000000000000000001', 'allow-rdp-from-anywhere', {
          sourceRanges: ['0.0.0.0/0'],
          targetTags: ['windows'],
          allowed: [{ IPProtocol: 'tcp', ports: ['3389'] }],
        }),
        firewall('7000000000000000006', 'allow-ssh-from-anywhere', {
          sourceRanges: ['0.0.0.0/0'],
          targetTags: ['bastion'],
          allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
        }),
        firewall('7000000000000000002', 'allow-ssh-from-iap', {
          sourceRanges: ['35.235.240.0/20'],
          allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
          logConfig: { enable: true, metadata: 'INCLUDE_ALL_METADATA' },
        }),
        firewall('7000000000000000003', 'allow-internal', {
          priority: 65534,
          sourceRanges: ['10.10.0.0/16'],
          allowed: [
            { IPProtocol: 'tcp', ports: ['0-65535'] },
            { IPProtocol: 'udp', ports: ['0-65535'] },
            { IPProtocol: 'icmp' },
          ],
        }),
        firewall('7000000000000000004', 'legacy-allow-all', {
          description: 'kept for rollback, disabled',
          sourceRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'all' }],
          disabled: true,
        }),
        firewall('7000000000000000005', 'deny-egress-smtp', {
          direction: 'EGRESS',
          priority: 900,
          destinationRanges: ['0.0.0.0/0'],
          denied: [{ IPProtocol: 'tcp', ports: ['25'] }],
        }),
      ]),
      col('gcp.compute.instance', [
        ...[
          gceInstance('8000000000000000001', 'web-eu-1', 'europe-west1-b', {
            cmek: true,
            fullScopes: false,
            labels: { app: 'web' },
          }),
          gceInstance('8000000000000000002', 'jump-host', 'europe-west1-c', {
            publicIp: '34.0.1.20',
            cmek: false,
            fullScopes: true,
            labels: { app: 'ops' },
          }),
        ].map(withProjectMetadata),
        ...workloads.instances,
      ]),
      col('gcp.sql.instance', [
        sqlInstance('orders-db', 'POSTGRES_16', { sslMode: 'ENCRYPTED_ONLY', publicIp: false, networks: [] }),
        sqlInstance('analytics-db', 'MYSQL_8_0', {
          sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED',
          publicIp: true,
          networks: ['0.0.0.0/0'],
        }),
        ...extras.sql,
      ]),
      col('gcp.logging.bucket', [logBucket('_Required', 400, true), logBucket('_Default', 30, false)]),
      col('gcp.compute.ssl_policy', [
        sslPolicy('9000000000000000001', 'modern-tls12', 'MODERN', 'TLS_1_2'),
        sslPolicy('9000000000000000002', 'legacy-compat', 'COMPATIBLE', 'TLS_1_0'),
      ]),
      ...gcpIdentityAndLogging(col),
      col('gcp.storage.bucket', [
        gcsBucket('cloudward-demo-backups', {
          prevention: 'enforced',
          uniform: true,
          versioning: true,
          members: [],
        }),
        gcsBucket('cloudward-demo-public-assets', {
          prevention: 'inherited',
          uniform: true,
          versioning: false,
          members: ['allUsers'],
        }),
        ...extras.buckets,
      ]),
      ...workloads.collections,
    ],
  };
}

const TAKEN_AT: Record<Day, string> = {
  1: '2025-03-03T06:00:00.000Z',
  2: '2025-03-04T06:00:00.000Z',
  3: '2025-03-05T06:00:00.000Z',
};

export function demoSnapshot(day: Day): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    label: `demo day${day}`,
    taken_at: TAKEN_AT[day],
    accounts: [awsProd(day), awsDev(day), azureTenant(), azureProd(day), azureDev(), gcp(), gcpDev()],
  };
}
