import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { callerIdentityAnswer } from './fixture-endpoint.js';
import { fakeCredentials, wireError } from './helpers.js';
import { type LocalAws, type LocalRequest, startLocalAws, useEndpoint } from './local-aws.js';

/** Redshift clusters through the SDK's query protocol against a local endpoint answering in Redshift's XML. */

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NS = 'http://redshift.amazonaws.com/doc/2012-12-01/';
const answer = (action: string, result: string) => ({
  body: `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${action}Response>`,
  headers: { 'content-type': 'text/xml' },
});
const cluster = (id: string, group: string, extra: string) =>
  `<Cluster><ClusterIdentifier>${id}</ClusterIdentifier><NodeType>ra3.xlplus</NodeType><MasterUsername>awsuser</MasterUsername><DBName>dev</DBName>
   <Endpoint><Address>${id}.abc.${REGION}.redshift.amazonaws.com</Address><Port>5439</Port></Endpoint>
   <ClusterParameterGroups><ClusterParameterGroup><ParameterGroupName>${group}</ParameterGroupName><ParameterApplyStatus>in-sync</ParameterApplyStatus></ClusterParameterGroup></ClusterParameterGroups>
   ${extra}</Cluster>`;

function redshift(req: LocalRequest) {
  if (req.service === 'sts') return callerIdentityAnswer(ACCOUNT);
  if (req.service !== 'redshift') return undefined;
  switch (req.action) {
    case 'DescribeClusters':
      return answer(
        req.action,
        `<Clusters>${cluster('warehouse', 'secure', '<PubliclyAccessible>false</PubliclyAccessible><Encrypted>true</Encrypted><AutomatedSnapshotRetentionPeriod>7</AutomatedSnapshotRetentionPeriod><AllowVersionUpgrade>true</AllowVersionUpgrade><EnhancedVpcRouting>true</EnhancedVpcRouting><MultiAZ>Enabled</MultiAZ>')}${cluster('scratch', 'default.redshift-1.0', '<PubliclyAccessible>true</PubliclyAccessible><Encrypted>false</Encrypted><AutomatedSnapshotRetentionPeriod>1</AutomatedSnapshotRetentionPeriod><AllowVersionUpgrade>false</AllowVersionUpgrade><EnhancedVpcRouting>false</EnhancedVpcRouting><MultiAZ>Disabled</MultiAZ>')}</Clusters>`,
      );
    case 'DescribeLoggingStatus':
      return req.params.get('ClusterIdentifier') === 'warehouse'
        ? answer(
            req.action,
            '<LoggingEnabled>true</LoggingEnabled><LogDestinationType>cloudwatch</LogDestinationType>',
          )
        : answer(req.action, '<LoggingEnabled>false</LoggingEnabled>');
    case 'DescribeClusterParameters': {
      const value = req.params.get('ParameterGroupName') === 'secure' ? 'true' : 'false';
      if (req.params.get('ParameterGroupName') === 'secure' && req.params.get('Marker') === null)
        return answer(
          req.action,
          `<Parameters><Parameter><ParameterName>enable_user_activity_logging</ParameterName><ParameterValue>true</ParameterValue></Parameter></Parameters><Marker>page-2</Marker>`,
        );
      return answer(
        req.action,
        `<Parameters><Parameter><ParameterName>require_ssl</ParameterName><ParameterValue>${value}</ParameterValue><Source>user</Source></Parameter></Parameters>`,
      );
    }
    default:
      return wireError('AwsQueryProtocol', 'InvalidAction', req.action);
  }
}

let aws: LocalAws;
let restore: () => void;
let collection: Collection;
beforeAll(async () => {
  aws = await startLocalAws(redshift);
  restore = useEndpoint(aws.url);
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    { credentials: fakeCredentials, homeRegion: 'us-east-1' },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set(['aws.redshift.cluster']) })) batches.push(b);
  collection = batches[0]?.collections.find((c) => c.type === 'aws.redshift.cluster') as Collection;
});
afterAll(async () => {
  restore();
  await aws.close();
});

describe('aws.redshift.cluster collector', () => {
  it('reads clusters, their logging status and require_ssl of every page of their parameter group', () => {
    expect(collection.error).toBeUndefined();
    const n = normaliseCollection(collection);
    expect(n.errors).toEqual([]);
    const keys = [
      'publicly_accessible',
      'encrypted',
      'snapshot_retention_days',
      'multi_az',
      'audit_logging',
      'require_ssl',
      'master_username',
      'database_name',
    ];
    expect(n.records.map((r) => [r.com.name, ...keys.map((k) => r.ext[k])])).toEqual([
      ['warehouse', false, true, 7, true, true, true, 'awsuser', 'dev'],
      ['scratch', true, false, 1, false, false, false, 'awsuser', 'dev'],
    ]);
    expect(n.records[0]?.com.reference).toBe(`arn:aws:redshift:${REGION}:${ACCOUNT}:cluster:warehouse`);
    expect(aws.count()['redshift:DescribeClusterParameters']).toBe(3);
    expect(aws.refused).toEqual([]);
  });

  it('declares the permissions its calls need', () => {
    expect(awsPolicy(['aws.redshift.cluster']).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      'redshift:DescribeClusterParameters',
      'redshift:DescribeClusters',
      'redshift:DescribeLoggingStatus',
    ]);
  });
});
