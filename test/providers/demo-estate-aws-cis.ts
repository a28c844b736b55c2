import type { Collection } from '../../src/core/provider.js';

/**
 * The CIS AWS Foundations part of the demo estate: IAM, CloudTrail, Config, monitoring, KMS,
 * region settings, security services, EFS and load balancers of the two AWS accounts. acme-prod
 * is mostly well configured, with a few classic gaps; acme-dev is the neglected account. Every
 * raw item has the shape the AWS SDK v3 answers with (dates as ISO strings, as in a snapshot).
 */

type Json = Record<string, unknown>;
type Col = (region: string, type: string, items: Json[]) => Collection;

export const PROD = '111122223333';
export const DEV = '444455556666';

const enc = (doc: Json) => encodeURIComponent(JSON.stringify(doc));
const policyDoc = (...Statement: Json[]): Json => ({ Version: '2012-10-17', Statement });
const managed = (name: string) => ({ PolicyName: name, PolicyArn: `arn:aws:iam::aws:policy/${name}` });

// ------------------------------------------------------------------ IAM

const REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

type ReportRow = Partial<Record<(typeof REPORT_COLUMNS)[number], string>>;

/** A credential report row with every column; unset columns read as the report's "N/A"/"false". */
function reportRow(account: string, r: ReportRow, collectedAt: string): Json {
  const row: Record<string, string> = {};
  for (const c of REPORT_COLUMNS)
    row[c] = r[c] ?? (c.endsWith('_active') || c === 'password_enabled' ? 'false' : 'N/A');
  if (row.user === '<root_account>') row.arn = `arn:aws:iam::${account}:root`;
  return { item: row, collectedAt };
}

function user(account: string, name: string, created: string, u: Json, keys: Json[], mfa: string[]): Json {
  return {
    item: {
      Path: '/',
      UserName: name,
      UserId: `AIDA0DE0000000${name
        .toUpperCase()
        .replace(/[^A-Z]/g, '')
        .padEnd(6, 'X')
        .slice(0, 6)}`,
      Arn: `arn:aws:iam::${account}:user/${name}`,
      CreateDate: created,
      UserPolicyList: [],
      GroupList: [],
      AttachedManagedPolicies: [],
      Tags: [],
      ...u,
    },
    mfaDevices: mfa.map((SerialNumber) => ({ UserName: name, SerialNumber, EnableDate: created })),
    accessKeys: keys.map((k) => ({ UserName: name, ...k })),
  };
}

function role(account: string, name: string, r: Json): Json {
  return {
    item: {
      Path: '/',
      RoleName: name,
      RoleId: `AROA0DE00000000000${name.length.toString().padStart(2, '0')}`,
      Arn: `arn:aws:iam::${account}:role${String(r.Path ?? '/')}${name}`,
      CreateDate: '2022-04-11T09:00:00.000Z',
      AssumeRolePolicyDocument: enc(
        policyDoc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: 'sts:AssumeRole',
        }),
      ),
      InstanceProfileList: [],
      RolePolicyList: [],
      AttachedManagedPolicies: [],
      Tags: [],
      RoleLastUsed: {},
      ...r,
    },
  };
}

function customerPolicy(account: string, name: string, attachments: number, doc: Json): Json {
  const arn = `arn:aws:iam::${account}:policy/${name}`;
  const version = {
    Document: enc(doc),
    VersionId: 'v2',
    IsDefaultVersion: true,
    CreateDate: '2024-05-02T10:00:00.000Z',
  };
  return {
    item: {
      PolicyName: name,
      PolicyId: `ANPA0DE000000000000${attachments}`,
      Arn: arn,
      Path: '/',
      DefaultVersionId: 'v2',
      AttachmentCount: attachments,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: '2023-09-12T10:00:00.000Z',
      UpdateDate: '2024-05-02T10:00:00.000Z',
      PolicyVersionList: [version],
    },
    defaultVersion: version,
    defaultDocument: doc,
  };
}

function summary(mfa: 0 | 1, keys: 0 | 1, users: number): Json {
  return {
    item: {
      Users: users,
      UsersQuota: 5000,
      Groups: 1,
      GroupsQuota: 300,
      Roles: 4,
      RolesQuota: 1000,
      Policies: 2,
      PoliciesQuota: 1500,
      MFADevices: 1,
      MFADevicesInUse: 1,
      AccountMFAEnabled: mfa,
      AccountAccessKeysPresent: keys,
      AccountSigningCertificatesPresent: 0,
      ServerCertificates: 2,
      ServerCertificatesQuota: 20,
    },
  };
}

const S3_READ = policyDoc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' });
const DEPLOY = policyDoc({
  Effect: 'Allow',
  Action: ['s3:PutObject', 'cloudfront:CreateInvalidation'],
  Resource: ['arn:aws:s3:::acme-prod-public-site/*', '*'],
});

function prodIam(col: Col, collectedAt: string): Collection[] {
  const A = PROD;
  return [
    col('global', 'aws.iam.credential_report', [
      reportRow(
        A,
        {
          user: '<root_account>',
          user_creation_time: '2019-04-02T10:00:00+00:00',
          password_enabled: 'not_supported',
          password_last_used: '2024-11-20T09:14:00+00:00',
          password_last_changed: 'not_supported',
          password_next_rotation: 'not_supported',
          mfa_active: 'true',
        },
        collectedAt,
      ),
      reportRow(
        A,
        {
          user: 'alice',
          arn: `arn:aws:iam::${A}:user/alice`,
          user_creation_time: '2021-02-01T08:30:00+00:00',
          password_enabled: 'true',
          password_last_used: '2025-03-02T17:40:00+00:00',
          password_last_changed: '2025-01-10T09:00:00+00:00',
          mfa_active: 'true',
          access_key_1_active: 'true',
          access_key_1_last_rotated: '2025-02-10T08:00:00+00:00',
          access_key_1_last_used_date: '2025-03-02T22:00:00+00:00',
          access_key_1_last_used_region: 'us-east-1',
          access_key_1_last_used_service: 's3',
        },
        collectedAt,
      ),
      // a CI user nobody owns any more: two keys, one of them never used
      reportRow(
        A,
        {
          user: 'legacy-ci',
          arn: `arn:aws:iam::${A}:user/legacy-ci`,
          user_creation_time: '2020-06-15T12:00:00+00:00',
          access_key_1_active: 'true',
          access_key_1_last_rotated: '2020-06-15T12:00:00+00:00',
          access_key_1_last_used_date: '2024-08-30T03:00:00+00:00',
          access_key_1_last_used_region: 'us-east-1',
          access_key_1_last_used_service: 's3',
          access_key_2_active: 'true',
          access_key_2_last_rotated: '2022-01-10T16:20:00+00:00',
        },
        collectedAt,
      ),
    ]),
    col('global', 'aws.iam.password_policy', [
      {
        item: {
          MinimumPasswordLength: 14,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercaseCharacters: true,
          RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true,
          ExpirePasswords: false,
          PasswordReusePrevention: 24,
          HardExpiry: false,
        },
      },
    ]),
    col('global', 'aws.iam.account_summary', [summary(1, 0, 2)]),
    col('global', 'aws.iam.user', [
      user(
        A,
        'alice',
        '2021-02-01T08:30:00.000Z',
        { GroupList: ['engineers'] },
        [{ AccessKeyId: 'AKIA0DE0000000ALICE1', Status: 'Active', CreateDate: '2025-02-10T08:00:00.000Z' }],
        [`arn:aws:iam::${A}:mfa/alice`],
      ),
      user(
        A,
        'legacy-ci',
        '2020-06-15T12:00:00.000Z',
        {
          AttachedManagedPolicies: [
            managed('AmazonS3FullAccess'),
            { PolicyName: 'ci-deploy', PolicyArn: `arn:aws:iam::${A}:policy/ci-deploy` },
          ],
        },
        [
          { AccessKeyId: 'AKIA0DE000000LEGACY1', Status: 'Active', CreateDate: '2020-06-15T12:00:00.000Z' },
          { AccessKeyId: 'AKIA0DE000000LEGACY2', Status: 'Active', CreateDate: '2022-01-10T16:20:00.000Z' },
        ],
        [],
      ),
    ]),
    col('global', 'aws.iam.group', [
      {
        item: {
          Path: '/',
          GroupName: 'engineers',
          GroupId: 'AGPA0DE0000000000001',
          Arn: `arn:aws:iam::${A}:group/engineers`,
          CreateDate: '2021-02-01T08:00:00.000Z',
          GroupPolicyList: [],
          AttachedManagedPolicies: [managed('ReadOnlyAccess')],
        },
      },
    ]),
    col('global', 'aws.iam.role', [
      // the role Organizations creates in member accounts: full administrator rights
      role(A, 'OrganizationAccountAccessRole', {
        AttachedManagedPolicies: [managed('AdministratorAccess')],
        AssumeRolePolicyDocument: enc(
          policyDoc({
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999900001111:root' },
            Action: 'sts:AssumeRole',
          }),
        ),
      }),
      role(A, 'aws-support', { AttachedManagedPolicies: [managed('AWSSupportAccess')] }),
      role(A, 'web-app', {
        AssumeRolePolicyDocument: enc(
          policyDoc({
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          }),
        ),
        RolePolicyList: [{ PolicyName: 'read-assets', PolicyDocument: enc(S3_READ) }],
        InstanceProfileList: [
          {
            InstanceProfileName: 'web-app',
            InstanceProfileId: 'AIPA0DE0000000000001',
            Arn: `arn:aws:iam::${A}:instance-profile/web-app`,
            Path: '/',
          },
        ],
      }),
      role(A, 'AWSServiceRoleForSupport', {
        Path: '/aws-service-role/support.amazonaws.com/',
        AttachedManagedPolicies: [
          {
            PolicyName: 'AWSSupportServiceRolePolicy',
            PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy',
          },
        ],
      }),
    ]),
    col('global', 'aws.iam.policy', [
      customerPolicy(A, 'ci-deploy', 1, DEPLOY),
      // a break-glass policy kept ready but attached to nobody
      customerPolicy(A, 'break-glass-admin', 0, policyDoc({ Effect: 'Allow', Action: '*', Resource: '*' })),
    ]),
    col('global', 'aws.iam.support_access', [
      {
        item: {
          PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
          PolicyGroups: [],
          PolicyUsers: [],
          PolicyRoles: [{ RoleName: 'aws-support', RoleId: 'AROA0DE0000000000011' }],
        },
      },
    ]),
    col('global', 'aws.iam.server_certificate', [
      {
        item: {
          Path: '/',
          ServerCertificateName: 'www-acme-2023',
          ServerCertificateId: 'ASCA0DE0000000000001',
          Arn: `arn:aws:iam::${A}:server-certificate/www-acme-2023`,
          UploadDate: '2023-01-10T12:00:00.000Z',
          Expiration: '2024-01-15T23:59:59.000Z',
        },
      },
      {
        item: {
          Path: '/',
          ServerCertificateName: 'partner-mtls-ca',
          ServerCertificateId: 'ASCA0DE0000000000002',
          Arn: `arn:aws:iam::${A}:server-certificate/partner-mtls-ca`,
          UploadDate: '2025-01-20T12:00:00.000Z',
          Expiration: '2035-01-20T23:59:59.000Z',
        },
      },
    ]),
    col('global', 'aws.iam.virtual_mfa_device', [
      {
        item: {
          SerialNumber: `arn:aws:iam::${A}:mfa/alice`,
          User: { UserName: 'alice', UserId: 'AIDA0DE0000000ALICEX', Arn: `arn:aws:iam::${A}:user/alice` },
          EnableDate: '2021-02-01T08:45:00.000Z',
        },
      },
    ]),
    // nothing set at the account level: each bucket protects itself (or not)
    col('global', 'aws.s3.account_public_access_block', [{ item: null }]),
  ];
}

function devIam(col: Col, collectedAt: string): Collection[] {
  const A = DEV;
  return [
    col('global', 'aws.iam.credential_report', [
      // the root user is used for everyday work, with an access key and no MFA
      reportRow(
        A,
        {
          user: '<root_account>',
          user_creation_time: '2022-09-01T10:00:00+00:00',
          password_enabled: 'not_supported',
          password_last_used: '2025-03-01T15:02:00+00:00',
          password_last_changed: 'not_supported',
          password_next_rotation: 'not_supported',
          mfa_active: 'false',
          access_key_1_active: 'true',
          access_key_1_last_rotated: '2022-09-01T10:30:00+00:00',
          access_key_1_last_used_date: '2025-02-20T11:00:00+00:00',
          access_key_1_last_used_region: 'us-east-1',
          access_key_1_last_used_service: 'ec2',
        },
        collectedAt,
      ),
      reportRow(
        A,
        {
          user: 'bob',
          arn: `arn:aws:iam::${A}:user/bob`,
          user_creation_time: '2025-01-05T09:00:00+00:00',
          password_enabled: 'true',
          password_last_used: '2025-03-02T08:10:00+00:00',
          password_last_changed: '2025-01-05T09:00:00+00:00',
          mfa_active: 'false',
          access_key_1_active: 'true',
          access_key_1_last_rotated: '2025-01-05T09:01:00+00:00',
        },
        collectedAt,
      ),
    ]),
    col('global', 'aws.iam.password_policy', [
      {
        item: {
          MinimumPasswordLength: 8,
          RequireSymbols: false,
          RequireNumbers: true,
          RequireUppercaseCharacters: false,
          RequireLowercaseCharacters: true,
          AllowUsersToChangePassword: true,
          ExpirePasswords: false,
        },
      },
    ]),
    col('global', 'aws.iam.account_summary', [summary(0, 1, 1)]),
    col('global', 'aws.iam.user', [
      user(
        A,
        'bob',
        '2025-01-05T09:00:00.000Z',
        { AttachedManagedPolicies: [managed('PowerUserAccess'), managed('AWSCloudShellFullAccess')] },
        [{ AccessKeyId: 'AKIA0DE00000000BOB01', Status: 'Active', CreateDate: '2025-01-05T09:01:00.000Z' }],
        [],
      ),
    ]),
    col('global', 'aws.iam.group', []),
    col('global', 'aws.iam.role', []),
    col('global', 'aws.iam.policy', []),
    col('global', 'aws.iam.support_access', [
      {
        item: {
          PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess',
          PolicyGroups: [],
          PolicyUsers: [],
          PolicyRoles: [],
        },
      },
    ]),
    col('global', 'aws.iam.server_certificate', []),
    col('global', 'aws.iam.virtual_mfa_device', []),
    col('global', 'aws.s3.account_public_access_block', [
      {
        item: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
      },
    ]),
  ];
}

// ------------------------------------------------------------------ logging and monitoring

function trail(account: string, region: string, name: string, t: Json, status: Json, selectors: Json): Json {
  const arn = `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;
  return {
    item: {
      Name: name,
      TrailARN: arn,
      HomeRegion: region,
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: false,
      LogFileValidationEnabled: false,
      HasCustomEventSelectors: false,
      HasInsightSelectors: false,
      IsOrganizationTrail: false,
      ...t,
    },
    status: {
      IsLogging: true,
      LatestDeliveryTime: '2025-03-03T05:55:00.000Z',
      StartLoggingTime: '2023-01-10T12:00:00.000Z',
      ...status,
    },
    eventSelectors: { TrailARN: arn, ...selectors },
  };
}

const ROOT_PATTERN =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
const TRAIL_PATTERN =
  '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }';
const NO_MFA_PATTERN = '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }';
const TRAIL_GROUP = 'aws-cloudtrail-logs-acme-org';

function metricFilter(name: string, pattern: string, metric: string): Json {
  return {
    item: {
      filterName: name,
      filterPattern: pattern,
      metricTransformations: [{ metricName: metric, metricNamespace: 'CISBenchmark', metricValue: '1' }],
      creationTime: 1_704_153_600_000,
      logGroupName: TRAIL_GROUP,
    },
  };
}

function alarm(account: string, name: string, metric: string, topic: string): Json {
  return {
    item: {
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:us-east-1:${account}:alarm:${name}`,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [topic],
      InsufficientDataActions: [],
      StateValue: 'OK',
      MetricName: metric,
      Namespace: 'CISBenchmark',
      Statistic: 'Sum',
      Dimensions: [],
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    },
  };
}

function recorders(name: string | null, allSupported: boolean, recording: boolean): Json {
  if (name === null)
    return { item: { ConfigurationRecorders: [] }, status: { ConfigurationRecordersStatus: [] } };
  return {
    item: {
      ConfigurationRecorders: [
        {
          name,
          roleARN: `arn:aws:iam::${PROD}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
          recordingGroup: {
            allSupported,
            includeGlobalResourceTypes: allSupported,
            resourceTypes: allSupported ? [] : ['AWS::EC2::Instance', 'AWS::EC2::SecurityGroup'],
            exclusionByResourceTypes: { resourceTypes: [] },
            recordingStrategy: {
              useOnly: allSupported ? 'ALL_SUPPORTED_RESOURCE_TYPES' : 'INCLUSION_BY_RESOURCE_TYPES',
            },
          },
          recordingMode: { recordingFrequency: 'CONTINUOUS', recordingModeOverrides: [] },
        },
      ],
    },
    status: {
      ConfigurationRecordersStatus: [
        { name, recording, lastStatus: 'SUCCESS', lastStartTime: '2023-01-10T12:00:00.000Z' },
      ],
    },
  };
}

function kmsKey(
  account: string,
  region: string,
  id: string,
  manager: 'CUSTOMER' | 'AWS',
  rotation: boolean | null,
  description: string,
): Json {
  const arn = `arn:aws:kms:${region}:${account}:key/${id}`;
  return {
    item: { KeyId: id, KeyArn: arn },
    metadata: {
      KeyMetadata: {
        AWSAccountId: account,
        KeyId: id,
        Arn: arn,
        CreationDate: '2023-02-01T10:00:00.000Z',
        Enabled: true,
        Description: description,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
        KeyManager: manager,
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
      },
    },
    ...(rotation === null ? {} : { rotation: { KeyRotationEnabled: rotation, RotationPeriodInDays: 365 } }),
  };
}

// ------------------------------------------------------------------ network

function vpc(
  account: string,
  id: string,
  cidr: string,
  isDefault: boolean,
  name: string,
  flowLogs: Json[],
): Json {
  return {
    item: {
      VpcId: id,
      OwnerId: account,
      CidrBlock: cidr,
      State: 'available',
      DhcpOptionsId: 'dopt-0de00000000000001',
      InstanceTenancy: 'default',
      IsDefault: isDefault,
      CidrBlockAssociationSet: [
        {
          AssociationId: `vpc-cidr-assoc-${id.slice(4)}`,
          CidrBlock: cidr,
          CidrBlockState: { State: 'associated' },
        },
      ],
      Tags: [{ Key: 'Name', Value: name }],
    },
    flowLogs,
  };
}

function aclEntry(
  n: number,
  action: 'allow' | 'deny',
  protocol: string,
  cidr: string,
  ports?: [number, number],
  egress = false,
): Json {
  return {
    RuleNumber: n,
    Protocol: protocol,
    RuleAction: action,
    Egress: egress,
    ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
    ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
  };
}

function networkAcl(
  account: string,
  id: string,
  vpcId: string,
  isDefault: boolean,
  name: string,
  ingress: Json[],
): Json {
  return {
    item: {
      NetworkAclId: id,
      VpcId: vpcId,
      OwnerId: account,
      IsDefault: isDefault,
      Associations: [],
      Entries: [
        ...ingress,
        aclEntry(32767, 'deny', '-1', '0.0.0.0/0'),
        aclEntry(100, 'allow', '-1', '0.0.0.0/0', undefined, true),
        aclEntry(32767, 'deny', '-1', '0.0.0.0/0', undefined, true),
      ],
      Tags: [{ Key: 'Name', Value: name }],
    },
  };
}

// ------------------------------------------------------------------ load balancers

function alb(account: string, name: string, listeners: Json[], logs: boolean): Json {
  const arn = `arn:aws:elasticloadbalancing:us-east-1:${account}:loadbalancer/app/${name}/0de0000000000${name.length}`;
  return {
    item: {
      LoadBalancerArn: arn,
      DNSName: `${name}-0de000.us-east-1.elb.amazonaws.com`,
      CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
      CreatedTime: '2024-03-01T10:00:00.000Z',
      LoadBalancerName: name,
      Scheme: 'internet-facing',
      VpcId: 'vpc-0de00000000000001',
      State: { Code: 'active' },
      Type: 'application',
      AvailabilityZones: [{ ZoneName: 'us-east-1a', SubnetId: 'subnet-0de00000000000001' }],
      SecurityGroups: ['sg-0de00000000000003'],
      IpAddressType: 'ipv4',
    },
    listeners: listeners.map((l, i) => ({
      ListenerArn: `${arn.replace(':loadbalancer/', ':listener/')}/${i}`,
      LoadBalancerArn: arn,
      ...l,
    })),
    attributes: {
      Attributes: [
        { Key: 'access_logs.s3.enabled', Value: String(logs) },
        { Key: 'access_logs.s3.bucket', Value: logs ? 'acme-prod-audit-logs' : '' },
        { Key: 'access_logs.s3.prefix', Value: logs ? `elb/${name}` : '' },
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      ],
    },
  };
}

const https = (policy: string): Json => ({
  Port: 443,
  Protocol: 'HTTPS',
  SslPolicy: policy,
  Certificates: [
    { CertificateArn: `arn:aws:acm:us-east-1:${PROD}:certificate/0de00000-0000-4000-8000-0000000ac3a1` },
  ],
  DefaultActions: [
    {
      Type: 'forward',
      TargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${PROD}:targetgroup/web/0de0`,
    },
  ],
});
const REDIRECT: Json = {
  Port: 80,
  Protocol: 'HTTP',
  DefaultActions: [
    {
      Type: 'redirect',
      RedirectConfig: {
        Protocol: 'HTTPS',
        Port: '443',
        Host: '#{host}',
        Path: '/#{path}',
        Query: '#{query}',
        StatusCode: 'HTTP_301',
      },
    },
  ],
};
const HTTP_FORWARD: Json = {
  Port: 80,
  Protocol: 'HTTP',
  DefaultActions: [
    {
      Type: 'forward',
      TargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${PROD}:targetgroup/api/0de1`,
    },
  ],
};

function classicLb(name: string, listeners: [string, number][], logs: boolean): Json {
  return {
    item: {
      LoadBalancerName: name,
      DNSName: `${name}-0de000.us-east-1.elb.amazonaws.com`,
      ListenerDescriptions: listeners.map(([Protocol, LoadBalancerPort]) => ({
        Listener: {
          Protocol,
          LoadBalancerPort,
          InstanceProtocol: 'HTTP',
          InstancePort: 8080,
          ...(Protocol === 'HTTP' || Protocol === 'TCP'
            ? {}
            : {
                SSLCertificateId: `arn:aws:acm:us-east-1:${PROD}:certificate/0de00000-0000-4000-8000-0000000ac3a2`,
              }),
        },
        PolicyNames: Protocol === 'HTTPS' ? ['ELBSecurityPolicy-TLS-1-2-2017-01'] : [],
      })),
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      Subnets: ['subnet-0de00000000000001'],
      VPCId: 'vpc-0de00000000000001',
      Instances: [],
      SecurityGroups: ['sg-0de00000000000003'],
      CreatedTime: '2019-05-20T10:00:00.000Z',
      Scheme: 'internet-facing',
    },
    attributes: {
      LoadBalancerAttributes: {
        CrossZoneLoadBalancing: { Enabled: true },
        AccessLog: logs
          ? {
              Enabled: true,
              S3BucketName: 'acme-prod-audit-logs',
              EmitInterval: 60,
              S3BucketPrefix: `elb/${name}`,
            }
          : { Enabled: false },
        ConnectionDraining: { Enabled: true, Timeout: 300 },
        ConnectionSettings: { IdleTimeout: 60 },
      },
    },
  };
}

/** A registry scanning configuration: basic scanning on push for the shop's repositories. */
const SHOP_SCANNING: Json = {
  registryId: PROD,
  scanningConfiguration: {
    scanType: 'BASIC',
    rules: [
      { scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'shop/*', filterType: 'WILDCARD' }] },
    ],
  },
};

function ecrRepository(
  account: string,
  name: string,
  mutability: string,
  scanOnPush: boolean,
  registry: Json,
): Json {
  return {
    item: {
      repositoryArn: `arn:aws:ecr:us-east-1:${account}:repository/${name}`,
      registryId: account,
      repositoryName: name,
      repositoryUri: `${account}.dkr.ecr.us-east-1.amazonaws.com/${name}`,
      createdAt: '2024-05-06T10:00:00.000Z',
      imageTagMutability: mutability,
      imageScanningConfiguration: { scanOnPush },
      encryptionConfiguration: { encryptionType: 'AES256' },
    },
    registryScanning: registry,
  };
}

function fileSystem(account: string, id: string, name: string, encrypted: boolean): Json {
  return {
    item: {
      OwnerId: account,
      CreationToken: name,
      FileSystemId: id,
      FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:${account}:file-system/${id}`,
      CreationTime: '2024-04-02T10:00:00.000Z',
      LifeCycleState: 'available',
      Name: name,
      NumberOfMountTargets: 2,
      SizeInBytes: { Value: 1_073_741_824 },
      PerformanceMode: 'generalPurpose',
      Encrypted: encrypted,
      ...(encrypted
        ? { KmsKeyId: `arn:aws:kms:us-east-1:${account}:key/0de00000-0000-4000-8000-0000000ef501` }
        : {}),
      ThroughputMode: 'elastic',
      Tags: [{ Key: 'Name', Value: name }],
    },
  };
}

// ------------------------------------------------------------------ accounts

export function prodCisCollections(col: Col, collectedAt: string): Collection[] {
  const A = PROD;
  const topic = `arn:aws:sns:us-east-1:${A}:security-alerts`;
  const mgmtAndS3Writes = {
    AdvancedEventSelectors: [
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      {
        Name: 'S3 object writes',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'readOnly', Equals: ['false'] },
        ],
      },
    ],
  };
  return [
    ...prodIam(col, collectedAt),
    col('us-east-1', 'aws.cloudtrail.trail', [
      trail(
        A,
        'us-east-1',
        'acme-org-trail',
        {
          S3BucketName: 'acme-prod-audit-logs',
          IsMultiRegionTrail: true,
          LogFileValidationEnabled: true,
          CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${A}:log-group:${TRAIL_GROUP}:*`,
          CloudWatchLogsRoleArn: `arn:aws:iam::${A}:role/cloudtrail-to-cloudwatch`,
          KmsKeyId: `arn:aws:kms:us-east-1:${A}:key/0de00000-0000-4000-8000-00000000a0d1`,
          HasCustomEventSelectors: true,
        },
        {},
        mgmtAndS3Writes,
      ),
    ]),
    col('eu-west-1', 'aws.cloudtrail.trail', []),
    col('us-east-1', 'aws.config.recorders', [recorders('default', true, true)]),
    col('eu-west-1', 'aws.config.recorders', [recorders(null, false, false)]),
    col('us-east-1', 'aws.logs.metric_filter', [
      metricFilter('root-usage', ROOT_PATTERN, 'RootAccountUsage'),
      metricFilter('cloudtrail-changes', TRAIL_PATTERN, 'CloudTrailChanges'),
      // a filter nobody put an alarm on
      metricFilter('console-without-mfa', NO_MFA_PATTERN, 'ConsoleSigninWithoutMFA'),
    ]),
    col('eu-west-1', 'aws.logs.metric_filter', []),
    col('us-east-1', 'aws.cloudwatch.alarm', [
      alarm(A, 'root-usage', 'RootAccountUsage', topic),
      alarm(A, 'cloudtrail-changes', 'CloudTrailChanges', topic),
    ]),
    col('eu-west-1', 'aws.cloudwatch.alarm', []),
    col('us-east-1', 'aws.sns.subscription', [
      {
        item: {
          SubscriptionArn: `${topic}:0de00000-0000-4000-8000-0000000005b1`,
          Owner: A,
          Protocol: 'email',
          Endpoint: 'security@acme.example',
          TopicArn: topic,
        },
      },
    ]),
    col('eu-west-1', 'aws.sns.subscription', []),
    col('us-east-1', 'aws.kms.key', [
      kmsKey(
        A,
        'us-east-1',
        '0de00000-0000-4000-8000-00000000a0d1',
        'CUSTOMER',
        true,
        'audit log encryption',
      ),
      kmsKey(A, 'us-east-1', '0de00000-0000-4000-8000-00000000c0de', 'CUSTOMER', false, 'orders database'),
      kmsKey(
        A,
        'us-east-1',
        '0de00000-0000-4000-8000-0000000000eb',
        'AWS',
        null,
        'Default key that protects my EBS volumes when no other key is defined',
      ),
    ]),
    col('eu-west-1', 'aws.kms.key', []),
    col('us-east-1', 'aws.ec2.ebs_encryption_default', [
      { item: { EbsEncryptionByDefault: true, SseType: 'sse-ebs' } },
    ]),
    col('eu-west-1', 'aws.ec2.ebs_encryption_default', [{ item: { EbsEncryptionByDefault: false } }]),
    col('us-east-1', 'aws.ec2.vpc', [
      vpc(A, 'vpc-0de00000000000001', '10.0.0.0/16', false, 'prod', [
        {
          CreationTime: '2023-01-10T12:00:00.000Z',
          DeliverLogsStatus: 'SUCCESS',
          FlowLogId: 'fl-0de00000000000001',
          FlowLogStatus: 'ACTIVE',
          ResourceId: 'vpc-0de00000000000001',
          TrafficType: 'ALL',
          LogDestinationType: 's3',
          LogDestination: 'arn:aws:s3:::acme-prod-audit-logs/vpc-flow-logs/',
          MaxAggregationInterval: 600,
        },
      ]),
    ]),
    col('eu-west-1', 'aws.ec2.vpc', [vpc(A, 'vpc-0de0000000000e001', '172.31.0.0/16', true, 'default', [])]),
    col('us-east-1', 'aws.ec2.network_acl', [
      networkAcl(A, 'acl-0de00000000000001', 'vpc-0de00000000000001', false, 'prod-public', [
        aclEntry(50, 'deny', '6', '0.0.0.0/0', [22, 22]),
        aclEntry(51, 'deny', '6', '0.0.0.0/0', [3389, 3389]),
        aclEntry(100, 'allow', '6', '0.0.0.0/0', [443, 443]),
        aclEntry(110, 'allow', '6', '0.0.0.0/0', [1024, 65535]),
        aclEntry(120, 'allow', '6', '198.51.100.0/24', [22, 22]),
      ]),
    ]),
    col('eu-west-1', 'aws.ec2.network_acl', [
      networkAcl(A, 'acl-0de0000000000e001', 'vpc-0de0000000000e001', true, 'default', [
        aclEntry(100, 'allow', '-1', '0.0.0.0/0'),
      ]),
    ]),
    col('us-east-1', 'aws.securityhub.hub', [
      {
        item: {
          HubArn: `arn:aws:securityhub:us-east-1:${A}:hub/default`,
          SubscribedAt: '2023-02-01T10:00:00.000Z',
          AutoEnableControls: true,
          ControlFindingGenerator: 'SECURITY_CONTROL',
        },
        standards: [
          {
            StandardsSubscriptionArn: `arn:aws:securityhub:us-east-1:${A}:subscription/cis-aws-foundations-benchmark/v/5.0.0`,
            StandardsArn: 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/5.0.0',
            StandardsInput: {},
            StandardsStatus: 'READY',
          },
        ],
      },
    ]),
    col('eu-west-1', 'aws.securityhub.hub', [{ item: null }]),
    col('us-east-1', 'aws.guardduty.detectors', [
      {
        item: { DetectorIds: ['0de000000000000000000000000000d1'] },
        detectors: [
          {
            DetectorId: '0de000000000000000000000000000d1',
            CreatedAt: '2023-02-01T10:00:00.000Z',
            FindingPublishingFrequency: 'FIFTEEN_MINUTES',
            ServiceRole: `arn:aws:iam::${A}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
            Status: 'ENABLED',
            UpdatedAt: '2024-06-01T10:00:00.000Z',
          },
        ],
      },
    ]),
    col('eu-west-1', 'aws.guardduty.detectors', [{ item: { DetectorIds: [] }, detectors: [] }]),
    col('us-east-1', 'aws.accessanalyzer.analyzers', [
      {
        item: {
          analyzers: [
            {
              arn: `arn:aws:access-analyzer:us-east-1:${A}:analyzer/external-access`,
              name: 'external-access',
              type: 'ACCOUNT',
              createdAt: '2023-02-01T10:00:00.000Z',
              status: 'ACTIVE',
            },
          ],
        },
      },
    ]),
    col('eu-west-1', 'aws.accessanalyzer.analyzers', [{ item: { analyzers: [] } }]),
    col('us-east-1', 'aws.inspector2.account_status', [
      {
        item: {
          accounts: [
            {
              accountId: A,
              state: { status: 'ENABLED' },
              resourceState: {
                ec2: { status: 'ENABLED' },
                ecr: { status: 'ENABLED' },
                lambda: { status: 'ENABLED' },
                lambdaCode: { status: 'DISABLED' },
              },
            },
          ],
          failedAccounts: [],
        },
      },
    ]),
    col('eu-west-1', 'aws.inspector2.account_status', [
      {
        item: {
          accounts: [
            {
              accountId: A,
              state: { status: 'DISABLED' },
              resourceState: {
                ec2: { status: 'DISABLED' },
                ecr: { status: 'DISABLED' },
                lambda: { status: 'DISABLED' },
                lambdaCode: { status: 'DISABLED' },
              },
            },
          ],
          failedAccounts: [],
        },
      },
    ]),
    col('us-east-1', 'aws.efs.file_system', [
      fileSystem(A, 'fs-0de00000000000001', 'shared-media', true),
      fileSystem(A, 'fs-0de00000000000002', 'build-cache', false),
    ]),
    col('eu-west-1', 'aws.efs.file_system', []),
    col('us-east-1', 'aws.elbv2.load_balancer', [
      alb(A, 'shop-alb', [https('ELBSecurityPolicy-TLS13-1-2-2021-06'), REDIRECT], true),
      // a partner API set up years ago: plain HTTP beside an HTTPS listener that still accepts TLS 1.0
      alb(A, 'partner-api-alb', [https('ELBSecurityPolicy-2016-08'), HTTP_FORWARD], false),
    ]),
    col('eu-west-1', 'aws.elbv2.load_balancer', []),
    col('us-east-1', 'aws.elb.load_balancer', [
      classicLb(
        'payments-clb',
        [
          ['HTTPS', 443],
          ['SSL', 8443],
        ],
        true,
      ),
      classicLb('legacy-clb', [['HTTP', 80]], false),
    ]),
    col('eu-west-1', 'aws.elb.load_balancer', []),
    // ECR: basic scanning on push for the shop's images only; the tools repository lets tags move
    col('us-east-1', 'aws.ecr.repository', [
      ecrRepository(A, 'shop/web', 'IMMUTABLE', false, SHOP_SCANNING),
      ecrRepository(A, 'tools/ci-runner', 'MUTABLE', false, SHOP_SCANNING),
    ]),
    col('eu-west-1', 'aws.ecr.repository', []),
  ];
}

export function devCisCollections(col: Col, collectedAt: string): Collection[] {
  const A = DEV;
  return [
    ...devIam(col, collectedAt),
    col('us-east-1', 'aws.cloudtrail.trail', [
      trail(
        A,
        'us-east-1',
        'dev-trail',
        { S3BucketName: 'acme-dev-scratch' },
        {},
        {
          EventSelectors: [
            {
              ReadWriteType: 'All',
              IncludeManagementEvents: true,
              DataResources: [],
              ExcludeManagementEventSources: [],
            },
          ],
        },
      ),
    ]),
    col('us-east-1', 'aws.config.recorders', [recorders('default', false, true)]),
    col('us-east-1', 'aws.logs.metric_filter', []),
    col('us-east-1', 'aws.cloudwatch.alarm', []),
    col('us-east-1', 'aws.sns.subscription', []),
    col('us-east-1', 'aws.kms.key', []),
    col('us-east-1', 'aws.ec2.ebs_encryption_default', [{ item: { EbsEncryptionByDefault: false } }]),
    col('us-east-1', 'aws.ec2.vpc', [vpc(A, 'vpc-0de0000000000d001', '10.20.0.0/16', false, 'dev', [])]),
    col('us-east-1', 'aws.ec2.network_acl', [
      networkAcl(A, 'acl-0de0000000000d001', 'vpc-0de0000000000d001', true, 'default', [
        aclEntry(100, 'allow', '-1', '0.0.0.0/0'),
        aclEntry(101, 'allow', '-1', '::/0'),
      ]),
    ]),
    col('us-east-1', 'aws.securityhub.hub', [{ item: null }]),
    col('us-east-1', 'aws.guardduty.detectors', [
      {
        item: { DetectorIds: ['0de000000000000000000000000000d2'] },
        detectors: [
          {
            DetectorId: '0de000000000000000000000000000d2',
            CreatedAt: '2024-01-01T10:00:00.000Z',
            Status: 'DISABLED',
            UpdatedAt: '2024-09-01T10:00:00.000Z',
          },
        ],
      },
    ]),
    col('us-east-1', 'aws.accessanalyzer.analyzers', [{ item: { analyzers: [] } }]),
    col('us-east-1', 'aws.inspector2.account_status', [
      {
        item: {
          accounts: [{ accountId: A, state: { status: 'DISABLED' }, resourceState: {} }],
          failedAccounts: [],
        },
      },
    ]),
    col('us-east-1', 'aws.efs.file_system', []),
    col('us-east-1', 'aws.elbv2.load_balancer', [alb(A, 'dev-alb', [HTTP_FORWARD], false)]),
    col('us-east-1', 'aws.elb.load_balancer', []),
  ];
}
