import { CloudTrailClient, DeleteTrailCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { ListBucketsCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { isReadOnlyOperation, operationOf } from '../../../src/providers/aws/readonly-guard.js';
import { FakeHttp, settings } from './helpers.js';

const LIST_BUCKETS_XML =
  '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
  '<Owner><ID>owner</ID></Owner><Buckets><Bucket><Name>logs</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate>' +
  '</Bucket></Buckets></ListAllMyBucketsResult>';

describe('read-only allow-list', () => {
  it.each([
    'ListBuckets',
    'GetBucketPolicy',
    'DescribeSecurityGroups',
    'BatchGetAccountStatus',
    'SearchTransitGatewayRoutes',
    'GenerateCredentialReport',
    'LookupEvents',
    'GetCallerIdentity',
  ])('allows %s', (op) => expect(isReadOnlyOperation(op)).toBe(true));

  it.each([
    'PutBucketPolicy',
    'DeleteTrail',
    'StopLogging',
    'CreateUser',
    'UpdateTrail',
    'AuthorizeSecurityGroupIngress',
    'RevokeSecurityGroupIngress',
    'TagResource',
    'AssumeRole',
    'GetObject',
    'GetSecretValue',
    'BatchGetSecretValue',
    'GetParametersByPath',
    'GetSessionToken',
    'Getaway',
    'Listen',
    'Describe',
    '',
  ])('refuses %s', (op) => expect(isReadOnlyOperation(op)).toBe(false));

  it('strips the Command suffix', () => {
    expect(operationOf('ListBucketsCommand')).toBe('ListBuckets');
    expect(operationOf(undefined)).toBe('');
  });
});

describe('read-only guard on real clients', () => {
  const http = () => new FakeHttp(() => ({ body: LIST_BUCKETS_XML }));

  it('refuses PutBucketPolicyCommand before any request is sent', async () => {
    const h = http();
    const s3 = settings({ http: h }).clients().get(S3Client, 's3', 'eu-west-1');
    await expect(s3.send(new PutBucketPolicyCommand({ Bucket: 'logs', Policy: '{}' }))).rejects.toMatchObject(
      {
        name: 'ReadOnlyViolation',
        message: expect.stringContaining('s3:PutBucketPolicy'),
      },
    );
    expect(h.requests).toHaveLength(0);
  });

  it('refuses DeleteTrailCommand, StopLoggingCommand and RevokeSecurityGroupIngressCommand', async () => {
    const h = http();
    const clients = settings({ http: h }).clients();
    const trail = clients.get(CloudTrailClient, 'cloudtrail', 'eu-west-1');
    await expect(trail.send(new DeleteTrailCommand({ Name: 'org-trail' }))).rejects.toThrow(
      /cloudtrail:DeleteTrail/,
    );
    await expect(trail.send(new StopLoggingCommand({ Name: 'org-trail' }))).rejects.toThrow(/StopLogging/);
    const ec2 = clients.get(EC2Client, 'ec2', 'eu-west-1');
    await expect(ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: 'sg-1' }))).rejects.toThrow(
      /read-only/,
    );
    expect(h.requests).toHaveLength(0);
  });

  it('lets ListBucketsCommand through and counts the call', async () => {
    const h = http();
    const s = settings({ http: h });
    const s3 = s.clients().get(S3Client, 's3', 'eu-west-1');
    const out = await s3.send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['logs']);
    expect(h.requests).toHaveLength(1);
    expect(s.stats.byAction()).toEqual({ 's3:ListBuckets': 1 });
  });
});
