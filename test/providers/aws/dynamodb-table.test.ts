import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { ACCOUNT, endpointCollection, jsonAnswer, REGION } from './endpoint-collection.js';
import type { Answer, EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * DynamoDB tables through the SDK's awsJson1_0 stack against a fixture endpoint answering in
 * DynamoDB's shapes (as recorded in ../shared/data/config, cloud-custodian placebo).
 */

const json = (body: unknown): Answer => jsonAnswer(body, 'application/x-amz-json-1.0');
const tableArn = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;

const TABLES: Record<string, { table: Answer; backups: Answer }> = {
  orders: {
    table: json({
      Table: {
        TableName: 'orders',
        TableArn: tableArn('orders'),
        TableStatus: 'ACTIVE',
        DeletionProtectionEnabled: true,
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        SSEDescription: {
          Status: 'ENABLED',
          SSEType: 'KMS',
          KMSMasterKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
        },
      },
    }),
    backups: json({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 },
      },
    }),
  },
  sessions: {
    table: json({ Table: { TableName: 'sessions', TableArn: tableArn('sessions'), TableStatus: 'ACTIVE' } }),
    backups: json({
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    }),
  },
  audit: {
    table: json({ Table: { TableName: 'audit', TableArn: tableArn('audit'), TableStatus: 'ACTIVE' } }),
    backups: wireError(
      'AwsJson1_0Protocol',
      'AccessDeniedException',
      'not authorized to perform: dynamodb:DescribeContinuousBackups',
    ),
  },
};

const aws = endpointCollection('AKIDDYNAMODBTEST');

function answer(r: EndpointRequest): Answer | undefined {
  if (r.service !== 'dynamodb' || r.headers['x-amz-target'] !== `DynamoDB_20120810.${r.action}`)
    return undefined;
  const input = JSON.parse(r.body || '{}') as { TableName?: string };
  if (r.action === 'ListTables') return json({ TableNames: Object.keys(TABLES) });
  const t = TABLES[input.TableName ?? ''];
  if (r.action === 'DescribeTable') return t?.table;
  if (r.action === 'DescribeContinuousBackups') return t?.backups;
  return undefined;
}

describe('aws.dynamodb.table collector', () => {
  it('lists tables, describes each and reads its continuous backups', async () => {
    aws.serve(answer);
    const records = await aws.records('aws.dynamodb.table');
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.deletion_protection,
        r.ext.billing_mode,
        r.ext.sse_type,
        r.ext.point_in_time_recovery,
      ]),
    ).toEqual([
      ['orders', true, 'PAY_PER_REQUEST', 'KMS', true],
      ['sessions', false, 'PROVISIONED', 'AWS_OWNED', false],
      ['audit', false, 'PROVISIONED', 'AWS_OWNED', null],
    ]);
    expect(records[0]?.com.reference).toBe(tableArn('orders'));
    expect(records[2]?.ext.unknown_facts).toMatchObject({
      continuousBackups: expect.stringContaining('AccessDenied'),
    });
    const calls = aws.calls();
    expect(calls.filter((a) => a === 'dynamodb:DescribeTable')).toHaveLength(3);
    expect(calls.filter((a) => a === 'dynamodb:ListTables')).toHaveLength(1);
    expect(aws.refused()).toEqual([]);
  });

  it('a failed listing is the collection error, naming the API', async () => {
    aws.serve(() => wireError('AwsJson1_0Protocol', 'AccessDeniedException', 'no dynamodb:ListTables'));
    const c = await aws.collect('aws.dynamodb.table');
    expect(c.items).toBeUndefined();
    expect(c.error).toMatch(/^dynamodb:ListTables: AccessDeniedException/);
  });

  it('declares the permissions its calls need', () => {
    expect(awsPolicy(['aws.dynamodb.table']).Statement[0]?.Action).toEqual([
      'dynamodb:DescribeContinuousBackups',
      'dynamodb:DescribeTable',
      'dynamodb:ListTables',
      'ec2:DescribeRegions',
    ]);
  });
});
