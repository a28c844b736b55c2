import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * DynamoDB tables through the SDK's awsJson1_0 stack against a fixture endpoint answering in
 * DynamoDB's shapes (as recorded in ../shared/data/config, cloud-custodian placebo).
 */

const ACCOUNT = '111122223333';
const KEY = 'AKIDDYNAMODBTEST';
const REGION = 'eu-west-1';
const json = (body: unknown): Answer => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.0' },
});
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

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };

function answer(r: EndpointRequest): Answer | undefined {
  if (r.service === 'sts') return callerIdentityAnswer(ACCOUNT);
  if (r.service !== 'dynamodb' || r.headers['x-amz-target'] !== `DynamoDB_20120810.${r.action}`)
    return undefined;
  const input = JSON.parse(r.body || '{}') as { TableName?: string };
  if (r.action === 'ListTables') return json({ TableNames: Object.keys(TABLES) });
  const t = TABLES[input.TableName ?? ''];
  if (r.action === 'DescribeTable') return t?.table;
  if (r.action === 'DescribeContinuousBackups') return t?.backups;
  return undefined;
}

beforeEach(async () => {
  endpoint = await startAwsEndpoint({ accessKeyId: KEY, answer });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
});
afterEach(async () => {
  env.restore();
  await endpoint.close();
});

const credentials = async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' });

async function collect(): Promise<Collection> {
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    { credentials, homeRegion: 'us-east-1' },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set(['aws.dynamodb.table']) })) batches.push(b);
  return batches[0]?.collections.find((c) => c.type === 'aws.dynamodb.table') as Collection;
}

describe('aws.dynamodb.table collector', () => {
  it('lists tables, describes each and reads its continuous backups', async () => {
    const c = await collect();
    expect(c.error).toBeUndefined();
    const n = normaliseCollection(c);
    expect(n.errors).toEqual([]);
    expect(
      n.records.map((r) => [
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
    expect(n.records[0]?.com.reference).toBe(tableArn('orders'));
    expect(n.records[2]?.ext.unknown_facts).toMatchObject({
      continuousBackups: expect.stringContaining('AccessDenied'),
    });
    const calls = endpoint.requests.filter((r) => r.service === 'dynamodb').map((r) => r.action);
    expect(calls.filter((a) => a === 'DescribeTable')).toHaveLength(3);
    expect(calls.filter((a) => a === 'ListTables')).toHaveLength(1);
    expect(endpoint.refused).toEqual([]);
  });

  it('a failed listing is the collection error, naming the API', async () => {
    const fail = wireError('AwsJson1_0Protocol', 'AccessDeniedException', 'no dynamodb:ListTables');
    await endpoint.close();
    endpoint = await startAwsEndpoint({
      accessKeyId: KEY,
      answer: (r) => (r.service === 'sts' ? callerIdentityAnswer(ACCOUNT) : fail),
    });
    env.restore();
    env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
    const c = await collect();
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
