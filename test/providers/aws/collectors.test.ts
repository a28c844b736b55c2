import {
  CloudFrontClient,
  type DistributionSummary,
  ListDistributionsCommand,
} from '@aws-sdk/client-cloudfront';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type Instance,
  type Volume,
} from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, DescribeDBParametersCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPabCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { distributions } from '../../../src/providers/aws/collectors/cloudfront.js';
import { instances, securityGroups, volumes } from '../../../src/providers/aws/collectors/ec2.js';
import { logGroups } from '../../../src/providers/aws/collectors/logs.js';
import { dbInstances } from '../../../src/providers/aws/collectors/rds.js';
import { accountPublicAccessBlock, bucketRegion, buckets } from '../../../src/providers/aws/collectors/s3.js';
import { context, sdkError } from './helpers.js';

const ec2 = mockClient(EC2Client);
const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
const rds = mockClient(RDSClient);
const logs = mockClient(CloudWatchLogsClient);
const cloudfront = mockClient(CloudFrontClient);
afterEach(() => {
  for (const m of [ec2, s3, s3control, rds, logs, cloudfront]) m.reset();
});

const sg = (id: string) => ({
  GroupId: id,
  GroupName: `web-${id}`,
  Description: 'web tier',
  OwnerId: '111122223333',
  VpcId: 'vpc-0a1b2c3d',
  IpPermissions: [
    {
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      Ipv6Ranges: [],
      UserIdGroupPairs: [],
    },
  ],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  Tags: [{ Key: 'team', Value: 'web' }],
});

describe('aws.ec2.security_group', () => {
  it('follows NextToken across pages and keeps each item whole under `item`', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [sg('sg-1'), sg('sg-2')], NextToken: 'page-2' })
      .resolvesOnce({ SecurityGroups: [sg('sg-3')] });
    const items = await securityGroups.run(context());
    expect(items.map((i) => (i.item as { GroupId: string }).GroupId)).toEqual(['sg-1', 'sg-2', 'sg-3']);
    expect(items[0]).toEqual({ item: sg('sg-1') });
    const calls = ec2.commandCalls(DescribeSecurityGroupsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toMatchObject({ NextToken: 'page-2', MaxResults: 1000 });
  });

  it('fails the whole collection when a later page fails, rather than returning part of it', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [sg('sg-1')], NextToken: 'page-2' })
      .rejectsOnce(
        await sdkError(
          EC2Client,
          new DescribeSecurityGroupsCommand({}),
          'RequestLimitExceeded',
          'Request limit exceeded.',
          503,
        ),
      );
    await expect(securityGroups.run(context())).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
  });

  it('lets a failed list call throw (the provider makes it a failed collection)', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejects(
        await sdkError(
          EC2Client,
          new DescribeSecurityGroupsCommand({}),
          'UnauthorizedOperation',
          'You are not authorized',
          403,
        ),
      );
    await expect(securityGroups.run(context())).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
  });
});

describe('aws.ec2.instance and aws.ec2.volume', () => {
  const vol = (id: string, instance?: string): Volume => ({
    VolumeId: id,
    Encrypted: id !== 'vol-plain',
    Size: 8,
    State: instance ? 'in-use' : 'available',
    Attachments: instance
      ? [{ InstanceId: instance, Device: '/dev/xvda', State: 'attached', VolumeId: id }]
      : [],
  });
  const inst = (id: string): Instance => ({
    InstanceId: id,
    State: { Code: 16, Name: 'running' },
    RootDeviceName: '/dev/xvda',
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: `vol-${id}` } }],
    MetadataOptions: { HttpTokens: 'required' },
  });

  it('joins the volumes of one DescribeVolumes listing per region, shared with the volume collector', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [inst('i-1'), inst('i-2')] }, { Instances: [inst('i-3')] }],
    });
    ec2
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [vol('vol-i-1', 'i-1'), vol('vol-plain', 'i-2')], NextToken: 'v2' })
      .resolvesOnce({ Volumes: [vol('vol-spare')] });
    const ctx = context();
    const [inst3, vols] = [await instances.run(ctx), await volumes.run(ctx)];
    expect(inst3).toHaveLength(3);
    expect(inst3[0]).toEqual({
      item: inst('i-1'),
      volumes: [vol('vol-i-1', 'i-1')],
      // the time of reading, to count how long a stopped instance has been stopped
      collectedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(inst3[1]?.volumes).toEqual([vol('vol-plain', 'i-2')]);
    // i-3's root volume was not listed: an empty join, the normaliser says "unknown"
    expect(inst3[2]?.volumes).toEqual([]);
    expect(vols.map((v) => (v.item as { VolumeId: string }).VolumeId)).toEqual([
      'vol-i-1',
      'vol-plain',
      'vol-spare',
    ]);
    // two pages, once for the whole region: not per instance, not again for the volume collector
    expect(ec2.commandCalls(DescribeVolumesCommand)).toHaveLength(2);
  });

  it('stores a failed join as an __error on each instance and keeps the instances', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [inst('i-1')] }] });
    ec2
      .on(DescribeVolumesCommand)
      .rejects(
        await sdkError(
          EC2Client,
          new DescribeVolumesCommand({}),
          'UnauthorizedOperation',
          'not allowed to describe volumes',
          403,
        ),
      );
    const items = await instances.run(context());
    expect(items).toEqual([
      {
        item: inst('i-1'),
        volumes: { __error: 'UnauthorizedOperation: not allowed to describe volumes' },
        collectedAt: expect.any(String),
      },
    ]);
  });
});

describe('aws.rds.db_instance', () => {
  const db = (id: string, group: string | undefined, engine = 'postgres') => ({
    DBInstanceIdentifier: id,
    DBInstanceArn: `arn:aws:rds:eu-west-1:111122223333:db:${id}`,
    Engine: engine,
    StorageEncrypted: true,
    PubliclyAccessible: false,
    ...(group
      ? { DBParameterGroups: [{ DBParameterGroupName: group, ParameterApplyStatus: 'in-sync' }] }
      : {}),
  });

  it('reads each distinct parameter group once, all pages, and keeps only the TLS parameters', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        db('a', 'pg-secure'),
        db('b', 'pg-secure'),
        db('c', 'default.mysql8.0', 'mysql'),
        db('d', undefined),
      ],
    });
    rds
      .on(DescribeDBParametersCommand, { DBParameterGroupName: 'pg-secure' })
      .resolvesOnce({
        Parameters: [{ ParameterName: 'max_connections', ParameterValue: '100', Source: 'system' }],
        Marker: 'm2',
      })
      .resolvesOnce({
        Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '1', Source: 'user' }],
      });
    rds.on(DescribeDBParametersCommand, { DBParameterGroupName: 'default.mysql8.0' }).resolves({
      Parameters: [
        { ParameterName: 'require_secure_transport', Source: 'engine-default', IsModifiable: true },
        { ParameterName: 'innodb_buffer_pool_size', ParameterValue: '{DBInstanceClassMemory*3/4}' },
      ],
    });
    const items = await dbInstances.run(context());
    expect(items[0]?.parameters).toEqual([
      { ParameterName: 'rds.force_ssl', ParameterValue: '1', Source: 'user' },
    ]);
    expect(items[1]?.parameters).toBe(items[0]?.parameters);
    expect(items[2]?.parameters).toEqual([
      { ParameterName: 'require_secure_transport', Source: 'engine-default', IsModifiable: true },
    ]);
    // no parameter group: nothing to read, the key is absent
    expect(items[3]).toEqual({ item: db('d', undefined) });
    // pg-secure: two pages once; mysql: one page
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(3);
  });

  it('records AccessDenied on the parameters as __error, not as "no TLS"', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [db('a', 'pg-secure')] });
    rds
      .on(DescribeDBParametersCommand)
      .rejects(
        await sdkError(
          RDSClient,
          new DescribeDBParametersCommand({ DBParameterGroupName: 'g' }),
          'AccessDenied',
          'User is not authorized',
          403,
        ),
      );
    const [a] = await dbInstances.run(context());
    expect(a?.parameters).toEqual({ __error: 'AccessDenied: User is not authorized' });
  });
});

describe('aws.logs.log_group and aws.cloudfront.distribution', () => {
  it('lists log groups across nextToken pages', async () => {
    logs
      .on(DescribeLogGroupsCommand)
      .resolvesOnce({ logGroups: [{ logGroupName: '/app/a', retentionInDays: 30 }], nextToken: 't' })
      .resolvesOnce({ logGroups: [{ logGroupName: '/app/b' }] });
    const items = await logGroups.run(context());
    expect(items).toEqual([
      { item: { logGroupName: '/app/a', retentionInDays: 30 } },
      { item: { logGroupName: '/app/b' } },
    ]);
  });

  it('lists distributions from DistributionList.Items, global', async () => {
    const d: DistributionSummary = {
      Id: 'E2QWRUHAPOMQZL',
      ARN: 'arn:aws:cloudfront::111122223333:distribution/E2QWRUHAPOMQZL',
      Status: 'Deployed',
      LastModifiedTime: new Date('2024-05-01T10:00:00Z'),
      DomainName: 'd111111abcdef8.cloudfront.net',
      Aliases: { Quantity: 0 },
      Origins: { Quantity: 1, Items: [{ Id: 'site', DomainName: 'site.s3.amazonaws.com' }] },
      DefaultCacheBehavior: { TargetOriginId: 'site', ViewerProtocolPolicy: 'allow-all' },
      CacheBehaviors: { Quantity: 0 },
      CustomErrorResponses: { Quantity: 0 },
      Comment: '',
      PriceClass: 'PriceClass_All',
      Enabled: true,
      ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' },
      Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
      WebACLId: '',
      HttpVersion: 'http2',
      IsIPV6Enabled: true,
      Staging: false,
    };
    cloudfront
      .on(ListDistributionsCommand)
      .resolvesOnce({
        DistributionList: {
          Items: [d],
          IsTruncated: true,
          NextMarker: 'n',
          Marker: '',
          MaxItems: 1,
          Quantity: 1,
        },
      })
      .resolvesOnce({ DistributionList: { IsTruncated: false, Marker: 'n', MaxItems: 1, Quantity: 0 } });
    const items = await distributions.run(context('global'));
    expect(items).toEqual([{ item: d }]);
  });
});

describe('aws.s3.bucket', () => {
  // S3 does not model NoSuchBucketPolicy: the SDK raises an S3ServiceException named after the code
  const noPolicy = () =>
    sdkError(
      S3Client,
      new GetBucketPolicyCommand({ Bucket: 'b' }),
      'NoSuchBucketPolicy',
      'The bucket policy does not exist',
      404,
    );

  async function wireBucket() {
    s3.on(GetPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
    s3.on(GetBucketPolicyStatusCommand).rejects(await noPolicy());
    s3.on(GetBucketPolicyCommand).rejects(await noPolicy());
    s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [] });
    s3.on(GetBucketLoggingCommand).resolves({});
  }

  it('assembles every answer under its key, "not configured" as null', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: 'audit', CreationDate: new Date('2024-01-01') }],
    });
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-west-2' });
    await wireBucket();
    const [b] = await buckets.run(context('global'));
    expect(b).toEqual({
      item: { Name: 'audit', CreationDate: new Date('2024-01-01') },
      location: { LocationConstraint: 'eu-west-2' },
      publicAccessBlock: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      },
      encryption: {
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      },
      versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
      policyStatus: null,
      policy: null,
      acl: { Owner: { ID: 'owner' }, Grants: [] },
      logging: {},
    });
  });

  it('calls the bucket-level APIs in the bucket region', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'audit' }] });
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'ap-southeast-2' });
    await wireBucket();
    const regions: string[] = [];
    s3.on(GetBucketVersioningCommand).callsFake(async (_input, getClient) => {
      regions.push(await getClient().config.region());
      return { Status: 'Suspended' };
    });
    const [b] = await buckets.run(context('global'));
    expect(b?.versioning).toEqual({ Status: 'Suspended' });
    expect(regions).toEqual(['ap-southeast-2']);
  });

  it('takes the region from ListBuckets when it is there, with no GetBucketLocation call', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'eu', BucketRegion: 'eu-central-1' },
        { Name: 'us', BucketRegion: 'us-east-1' },
      ],
    });
    await wireBucket();
    const items = await buckets.run(context('global'));
    expect(items.map((i) => i.location)).toEqual([{ LocationConstraint: 'eu-central-1' }, {}]);
    expect(s3.commandCalls(GetBucketLocationCommand)).toHaveLength(0);
  });

  it('records AccessDenied as __error and keeps the other answers', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'locked' }] });
    s3.on(GetBucketLocationCommand).resolves({});
    await wireBucket();
    s3.on(GetPublicAccessBlockCommand).rejects(
      await sdkError(
        S3Client,
        new GetPublicAccessBlockCommand({ Bucket: 'locked' }),
        'AccessDenied',
        'Access Denied',
        403,
      ),
    );
    const [b] = await buckets.run(context('global'));
    expect(b?.publicAccessBlock).toEqual({ __error: 'AccessDenied: Access Denied' });
    expect(b?.versioning).toEqual({ Status: 'Enabled', MFADelete: 'Disabled' });
    expect(b?.location).toEqual({});
  });

  it('reads a bucket region from a location answer', () => {
    expect(bucketRegion({})).toBe('us-east-1');
    expect(bucketRegion({ LocationConstraint: null })).toBe('us-east-1');
    expect(bucketRegion({ LocationConstraint: 'EU' })).toBe('eu-west-1');
    expect(bucketRegion({ LocationConstraint: 'sa-east-1' })).toBe('sa-east-1');
    expect(bucketRegion({ __error: 'AccessDenied: x' })).toBeUndefined();
    expect(bucketRegion(null)).toBeUndefined();
    expect(bucketRegion('eu-west-1')).toBeUndefined();
  });
});

describe('aws.s3.account_public_access_block', () => {
  it('is one item per account, null when none is configured', async () => {
    s3control
      .on(GetAccountPabCommand)
      .rejects(
        await sdkError(
          S3ControlClient,
          new GetAccountPabCommand({ AccountId: '111122223333' }),
          'NoSuchPublicAccessBlockConfiguration',
          'The public access block configuration was not found',
          404,
        ),
      );
    expect(await accountPublicAccessBlock.run(context('global'))).toEqual([{ item: null }]);
  });

  it('keeps the configuration without the SDK metadata, for the caller account', async () => {
    const cfg = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    };
    s3control
      .on(GetAccountPabCommand)
      .resolves({ PublicAccessBlockConfiguration: cfg, $metadata: { requestId: 'x' } });
    expect(await accountPublicAccessBlock.run(context('global'))).toEqual([
      { item: { PublicAccessBlockConfiguration: cfg } },
    ]);
    expect(s3control.commandCalls(GetAccountPabCommand)[0]?.args[0].input).toEqual({
      AccountId: '111122223333',
    });
  });
});
