import { describe, expect, it } from 'vitest';
import { AWS, normalise, one, rules } from './helpers.js';

const ERR = { __error: 'AccessDenied: User is not authorized to perform this action' };

describe('aws.ec2.security_group', () => {
  const sg = {
    GroupId: 'sg-0a1b2c3d4e5f60001',
    GroupName: 'web-public',
    Description: 'web tier',
    OwnerId: '111122223333',
    VpcId: 'vpc-0abc',
    Tags: [{ Key: 'team', Value: 'web' }],
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh from anywhere' }, { CidrIp: '10.0.0.0/8' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
      {
        IpProtocol: 'tcp',
        FromPort: 3306,
        ToPort: 3306,
        IpRanges: [],
        Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        PrefixListIds: [{ PrefixListId: 'pl-0123' }],
        UserIdGroupPairs: [{ GroupId: 'sg-0peer', UserId: '444455556666' }],
      },
    ],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  };

  it('yields the group and one firewall_rule per permission and source', () => {
    const out = normalise('aws.ec2.security_group', { item: sg }, AWS);
    expect(out[0]?.com).toMatchObject({
      record_type: 'firewall',
      reference: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f60001',
      name: 'web-public',
      tags: { team: 'web' },
      origin_key: 'aws.ec2.security_group',
      origin_class: 'normaliser',
      origin_type: 'cloud',
    });
    const r = rules(out);
    expect(r.map((x) => x.com.reference.split('#')[1])).toEqual([
      'inbound/tcp:22/0.0.0.0/0',
      'inbound/tcp:22/10.0.0.0/8',
      'inbound/tcp:3306/::/0',
      'inbound/tcp:3306/pl-0123',
      'inbound/tcp:3306/444455556666/sg-0peer',
      'outbound/all:0-65535/0.0.0.0/0',
    ]);
    expect(r[0]?.com).toMatchObject({
      direction: 'inbound',
      access: 'allow',
      protocol: 'tcp',
      source_addresses: ['0.0.0.0/0'],
      destination_ports: ['22'],
      firewall: out[0]?.com.reference,
      priority: null,
    });
    expect(r[0]?.ext).toMatchObject({ record_type: 'aws.ec2.security_group_rule', source_kind: 'cidr_ipv4' });
    expect(r[2]?.ext.source_kind).toBe('cidr_ipv6');
    expect(r[5]?.com).toMatchObject({
      direction: 'outbound',
      protocol: 'all',
      destination_ports: ['0-65535'],
    });
  });

  it('maps numeric protocols and ICMP without ports', () => {
    const out = normalise(
      'aws.ec2.security_group',
      {
        item: {
          GroupId: 'sg-1',
          IpPermissions: [
            { IpProtocol: '6', FromPort: 1000, ToPort: 2000, IpRanges: [{ CidrIp: '1.2.3.4/32' }] },
            { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
      },
      { ...AWS, region: 'cn-north-1' },
    );
    const r = rules(out);
    expect(r[0]?.com).toMatchObject({ protocol: 'tcp', destination_ports: ['1000-2000'] });
    expect(r[1]?.com).toMatchObject({ protocol: 'icmp', destination_ports: [] });
    expect(out[0]?.com.reference.startsWith('arn:aws-cn:ec2:cn-north-1:')).toBe(true);
  });

  it('throws naming the type and field when GroupId is missing', () => {
    expect(() => normalise('aws.ec2.security_group', { item: { GroupName: 'x' } }, AWS)).toThrow(
      /aws\.ec2\.security_group: missing required field item\.GroupId/,
    );
    expect(() => normalise('aws.ec2.security_group', {}, AWS)).toThrow(/missing required field item/);
  });
});

describe('aws.ec2.instance', () => {
  const instance = {
    InstanceId: 'i-0aaa1111bbbb2222c',
    InstanceType: 't3.micro',
    State: { Code: 16, Name: 'running' },
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    BlockDeviceMappings: [
      { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-root' } },
      { DeviceName: '/dev/xvdb', Ebs: { VolumeId: 'vol-data' } },
    ],
    PublicIpAddress: '203.0.113.10',
    NetworkInterfaces: [
      { Association: { PublicIp: '203.0.113.10' } },
      { Association: { PublicIp: '203.0.113.11' } },
    ],
    MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
    Tags: [{ Key: 'Name', Value: 'bastion' }],
  };
  const volumes = [
    { VolumeId: 'vol-root', Encrypted: false },
    { VolumeId: 'vol-data', Encrypted: true },
  ];

  it('reads os_disk_encrypted from the root volume', () => {
    const r = one('aws.ec2.instance', { item: instance, volumes }, AWS);
    expect(r.com).toMatchObject({
      record_type: 'compute',
      name: 'bastion',
      reference: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0aaa1111bbbb2222c',
      os_disk_encrypted: false,
      public_ips: ['203.0.113.10', '203.0.113.11'],
      state: 'running',
    });
    expect(r.ext).toMatchObject({ root_volume_id: 'vol-root', imdsv2_required: false });
    const enc = one(
      'aws.ec2.instance',
      { item: instance, volumes: [{ VolumeId: 'vol-root', Encrypted: true }] },
      AWS,
    );
    expect(enc.com.os_disk_encrypted).toBe(true);
  });

  it('is unknown when the volumes were not read or the root volume is missing', () => {
    expect(one('aws.ec2.instance', { item: instance, volumes: ERR }, AWS).com.os_disk_encrypted).toBeNull();
    expect(one('aws.ec2.instance', { item: instance }, AWS).com.os_disk_encrypted).toBeNull();
    expect(
      one('aws.ec2.instance', { item: instance, volumes: [volumes[1]] }, AWS).com.os_disk_encrypted,
    ).toBeNull();
  });

  it('refuses a volume answer whose Encrypted is not a boolean, naming the field', () => {
    expect(() =>
      normalise(
        'aws.ec2.instance',
        { item: instance, volumes: [{ VolumeId: 'vol-root', Encrypted: 'yes' }] },
        AWS,
      ),
    ).toThrow('aws.ec2.instance: volumes[0].Encrypted: expected a boolean, got string');
  });

  it('throws when InstanceId is missing', () => {
    expect(() =>
      normalise('aws.ec2.instance', { item: { ...instance, InstanceId: undefined } }, AWS),
    ).toThrow(/aws\.ec2\.instance: missing required field item\.InstanceId/);
  });
});

describe('aws.ec2.volume', () => {
  it('normalises an attached encrypted volume and an unattached one', () => {
    const r = one(
      'aws.ec2.volume',
      {
        item: {
          VolumeId: 'vol-1',
          Encrypted: true,
          Attachments: [{ InstanceId: 'i-1', Device: '/dev/xvda' }],
        },
      },
      AWS,
    );
    expect(r.com).toMatchObject({
      record_type: 'disk',
      encrypted: true,
      attached_to: 'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
      os_disk: null,
    });
    const free = one(
      'aws.ec2.volume',
      { item: { VolumeId: 'vol-2', Encrypted: false, Attachments: [] } },
      AWS,
    );
    expect(free.com).toMatchObject({ encrypted: false, attached_to: null, os_disk: false });
  });

  it('turns an unreadable Encrypted into null', () => {
    expect(
      one('aws.ec2.volume', { item: { VolumeId: 'vol-3', Encrypted: null } }, AWS).com.encrypted,
    ).toBeNull();
  });

  it('throws when VolumeId is missing', () => {
    expect(() => normalise('aws.ec2.volume', { item: { Encrypted: true } }, AWS)).toThrow(/item\.VolumeId/);
  });
});

describe('aws.rds.db_instance', () => {
  const db = (engine: string) => ({
    DBInstanceIdentifier: `orders-${engine}`,
    DBInstanceArn: `arn:aws:rds:us-east-1:111122223333:db:orders-${engine}`,
    Engine: engine,
    StorageEncrypted: true,
    PubliclyAccessible: false,
    DBParameterGroups: [{ DBParameterGroupName: 'custom' }],
    TagList: [{ Key: 'env', Value: 'prod' }],
  });

  it('enforces TLS per engine parameter', () => {
    const pg = one(
      'aws.rds.db_instance',
      {
        item: db('postgres'),
        parameters: [
          { ParameterName: 'rds.force_ssl', ParameterValue: '1' },
          { ParameterName: 'ssl_min_protocol_version', ParameterValue: 'TLSv1.2' },
        ],
      },
      AWS,
    );
    expect(pg.com).toMatchObject({
      record_type: 'rdbms',
      engine: 'postgres',
      tls_enforced: true,
      min_tls_version: '1.2',
      storage_encrypted: true,
      publicly_accessible: false,
      tags: { env: 'prod' },
    });
    const my = one(
      'aws.rds.db_instance',
      {
        item: db('mysql'),
        parameters: [{ ParameterName: 'require_secure_transport', ParameterValue: 'ON' }],
      },
      AWS,
    );
    expect(my.com.tls_enforced).toBe(true);
    const ss = one('aws.rds.db_instance', { item: db('sqlserver-se'), parameters: { Parameters: [] } }, AWS);
    expect(ss.com.tls_enforced).toBe(false);
  });

  it('is not enforced when the parameter is 0 or has only its default, unknown when not read', () => {
    const off = one(
      'aws.rds.db_instance',
      { item: db('postgres'), parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '0' }] },
      AWS,
    );
    expect(off.com.tls_enforced).toBe(false);
    const dflt = one(
      'aws.rds.db_instance',
      {
        item: db('mariadb'),
        parameters: [{ ParameterName: 'require_secure_transport', Source: 'engine-default' }],
      },
      AWS,
    );
    expect(dflt.com.tls_enforced).toBe(false);
    expect(
      one('aws.rds.db_instance', { item: db('postgres'), parameters: null }, AWS).com.tls_enforced,
    ).toBeNull();
    expect(
      one('aws.rds.db_instance', { item: db('postgres'), parameters: ERR }, AWS).com.tls_enforced,
    ).toBeNull();
    expect(
      one('aws.rds.db_instance', { item: db('aurora-postgresql'), parameters: [] }, AWS).com.tls_enforced,
    ).toBeNull();
  });

  it('throws when the identifier or engine is missing', () => {
    expect(() => normalise('aws.rds.db_instance', { item: { Engine: 'postgres' } }, AWS)).toThrow(
      /aws\.rds\.db_instance: missing required field item\.DBInstanceIdentifier/,
    );
    expect(() => normalise('aws.rds.db_instance', { item: { DBInstanceIdentifier: 'x' } }, AWS)).toThrow(
      /item\.Engine/,
    );
  });
});

describe('aws.logs.log_group', () => {
  it('reads retention; no retention means kept forever', () => {
    const g = one(
      'aws.logs.log_group',
      {
        item: {
          logGroupName: '/app/api',
          arn: 'arn:aws:logs:us-east-1:111122223333:log-group:/app/api:*',
          retentionInDays: 30,
        },
      },
      AWS,
    );
    expect(g.com).toMatchObject({
      record_type: 'log_profile',
      reference: 'arn:aws:logs:us-east-1:111122223333:log-group:/app/api',
      retention_days: 30,
      retention_enabled: true,
    });
    const forever = one('aws.logs.log_group', { item: { logGroupName: '/app/audit' } }, AWS);
    expect(forever.com).toMatchObject({ retention_days: 0, retention_enabled: false });
  });

  it('refuses a retention that is not a number; null is no retention set', () => {
    expect(() =>
      normalise('aws.logs.log_group', { item: { logGroupName: 'x', retentionInDays: 'thirty' } }, AWS),
    ).toThrow('aws.logs.log_group: retentionInDays: expected a number, got string');
    const g = one('aws.logs.log_group', { item: { logGroupName: 'x', retentionInDays: null } }, AWS);
    expect(g.com).toMatchObject({ retention_days: 0, retention_enabled: false });
  });

  it('throws when logGroupName is missing', () => {
    expect(() => normalise('aws.logs.log_group', { item: { retentionInDays: 1 } }, AWS)).toThrow(
      /item\.logGroupName/,
    );
  });
});

describe('aws.cloudfront.distribution', () => {
  const dist = (cert: Record<string, unknown>, policy = 'redirect-to-https') => ({
    Id: 'E1ABCDEF000001',
    ARN: 'arn:aws:cloudfront::111122223333:distribution/E1ABCDEF000001',
    DomainName: 'd111111abcdef8.cloudfront.net',
    Aliases: { Quantity: 1, Items: ['www.example.com'] },
    DefaultCacheBehavior: { ViewerProtocolPolicy: policy },
    CacheBehaviors: { Quantity: 0 },
    ViewerCertificate: cert,
  });

  it('maps MinimumProtocolVersion and viewer policies', () => {
    const good = one(
      'aws.cloudfront.distribution',
      {
        item: dist({
          ACMCertificateArn: 'arn:x',
          MinimumProtocolVersion: 'TLSv1.2_2021',
          CertificateSource: 'acm',
        }),
      },
      AWS,
    );
    expect(good.com).toMatchObject({
      record_type: 'web_app',
      region: 'global',
      name: 'www.example.com',
      min_tls_version: '1.2',
      https_only: true,
    });
    const old = one(
      'aws.cloudfront.distribution',
      { item: dist({ MinimumProtocolVersion: 'TLSv1_2016' }, 'allow-all') },
      AWS,
    );
    expect(old.com).toMatchObject({ min_tls_version: '1.0', https_only: false });
  });

  it('treats the default certificate as TLS 1.0 and a missing certificate as unknown', () => {
    const dflt = one(
      'aws.cloudfront.distribution',
      { item: dist({ CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1.2_2021' }) },
      AWS,
    );
    expect(dflt.com.min_tls_version).toBe('1.0');
    const none = one(
      'aws.cloudfront.distribution',
      { item: { Id: 'E2', DomainName: 'd2.cloudfront.net' } },
      AWS,
    );
    expect(none.com).toMatchObject({ min_tls_version: null, https_only: null });
  });

  it('throws when Id is missing', () => {
    expect(() => normalise('aws.cloudfront.distribution', { item: { DomainName: 'x' } }, AWS)).toThrow(
      /item\.Id/,
    );
  });
});

describe('aws.s3.bucket', () => {
  const allBlocked = {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
  };
  const sse = {
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
    },
  };

  it('normalises a locked-down bucket', () => {
    const r = one(
      'aws.s3.bucket',
      {
        item: { Name: 'acme-audit-logs' },
        location: { LocationConstraint: 'eu-west-1' },
        publicAccessBlock: allBlocked,
        encryption: sse,
        versioning: { Status: 'Enabled' },
        policyStatus: null,
      },
      { ...AWS, region: 'global' },
    );
    expect(r.com).toMatchObject({
      record_type: 'storage',
      reference: 'arn:aws:s3:::acme-audit-logs',
      region: 'eu-west-1',
      encrypted: true,
      public_access: false,
      versioning: true,
    });
    expect(r.ext).toMatchObject({ public_access_blocked: true, encryption_algorithms: ['aws:kms'] });
  });

  it('flags a public policy without a block, and treats "not configured" answers as off', () => {
    const r = one(
      'aws.s3.bucket',
      {
        item: { Name: 'acme-website' },
        location: { LocationConstraint: null },
        publicAccessBlock: null,
        encryption: null,
        versioning: {},
        policyStatus: { PolicyStatus: { IsPublic: true } },
      },
      AWS,
    );
    expect(r.com).toMatchObject({
      region: 'us-east-1',
      encrypted: false,
      public_access: true,
      versioning: false,
    });
    expect(r.ext.public_access_blocked).toBe(false);
  });

  it('reports failed enrichments as unknown, never as safe', () => {
    const r = one(
      'aws.s3.bucket',
      {
        item: { Name: 'acme-x' },
        publicAccessBlock: ERR,
        encryption: ERR,
        versioning: ERR,
        policyStatus: ERR,
      },
      AWS,
    );
    expect(r.com).toMatchObject({ encrypted: null, public_access: null, versioning: null });
    expect(r.ext.public_access_blocked).toBeNull();
    expect(r.ext.unknown_facts).toMatchObject({
      encryption: ERR.__error,
      location: 'location was not collected',
    });
  });

  it('throws when Name is missing', () => {
    expect(() => normalise('aws.s3.bucket', { item: { CreationDate: '2024-01-01' } }, AWS)).toThrow(
      /aws\.s3\.bucket: missing required field item\.Name/,
    );
  });
});

describe('aws.secretsmanager.secret', () => {
  it('counts ages to the collection time when the collection recorded it (a stored snapshot)', () => {
    const r = one(
      'aws.secretsmanager.secret',
      {
        item: {
          ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf',
          Name: 'app/db',
          RotationEnabled: true,
          RotationRules: { AutomaticallyAfterDays: 30 },
          CreatedDate: '2024-01-01T00:00:00.000Z',
          LastRotatedDate: '2025-02-01T00:00:00.000Z',
          LastAccessedDate: '2025-03-01T00:00:00.000Z',
          NextRotationDate: '2025-03-03T00:00:00.000Z',
        },
        collectedAt: '2025-03-06T00:00:00.000Z',
      },
      AWS,
    );
    expect(r.ext).toMatchObject({
      days_since_rotation: 33,
      days_since_access: 5,
      rotation_overdue_days: 3,
    });
  });
});
