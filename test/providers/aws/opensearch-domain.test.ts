import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { ACCOUNT, endpointCollection, REGION, restJson } from './endpoint-collection.js';
import type { Answer, EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * OpenSearch Service domains through the SDK's REST-JSON stack: ListDomainNames
 * (GET /2021-01-01/domain) and DescribeDomains (POST /2021-01-01/opensearch/domain-info, five
 * names at most per call), answering in the shapes of the OpenSearch Service API reference.
 */

const json = (body: unknown): Answer => restJson(body);

const status = (name: string, hardened: boolean) => ({
  DomainId: `${ACCOUNT}/${name}`,
  DomainName: name,
  ARN: `arn:aws:es:${REGION}:${ACCOUNT}:domain/${name}`,
  EngineVersion: hardened ? 'OpenSearch_2.13' : 'Elasticsearch_7.10',
  Created: true,
  Deleted: false,
  Processing: false,
  ClusterConfig: hardened
    ? {
        InstanceType: 'r6g.large.search',
        InstanceCount: 3,
        ZoneAwarenessEnabled: true,
        DedicatedMasterEnabled: true,
        DedicatedMasterCount: 3,
      }
    : {
        InstanceType: 't3.small.search',
        InstanceCount: 1,
        ZoneAwarenessEnabled: false,
        DedicatedMasterEnabled: false,
      },
  ...(hardened
    ? {
        VPCOptions: { VPCId: 'vpc-0a1b2c3d', SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
        EncryptionAtRestOptions: { Enabled: true, KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1' },
        NodeToNodeEncryptionOptions: { Enabled: true },
        AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: false },
        DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10' },
        LogPublishingOptions: {
          ES_APPLICATION_LOGS: {
            CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:os',
            Enabled: true,
          },
          AUDIT_LOGS: {
            CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:os',
            Enabled: true,
          },
        },
        ServiceSoftwareOptions: { UpdateAvailable: false, CurrentVersion: 'OpenSearch_2_13_R20241003' },
      }
    : {
        Endpoint: `search-${name}-abc.${REGION}.es.amazonaws.com`,
        DomainEndpointOptions: { EnforceHTTPS: false, TLSSecurityPolicy: 'Policy-Min-TLS-1-0-2019-07' },
        ServiceSoftwareOptions: {
          UpdateAvailable: true,
          CurrentVersion: 'R20230928',
          NewVersion: 'R20241003',
        },
      }),
});

const NAMES = ['logs', 'legacy', 'a', 'b', 'c', 'd'];
const aws = endpointCollection('AKIDOPENSEARCHTEST');
let listAnswer: () => Answer = () =>
  json({ DomainNames: NAMES.map((DomainName) => ({ DomainName, EngineType: 'OpenSearch' })) });

function answer(r: EndpointRequest): Answer | undefined {
  if (r.service !== 'es') return undefined;
  if (r.method === 'GET' && r.path === '/2021-01-01/domain') return listAnswer();
  if (r.method === 'POST' && r.path === '/2021-01-01/opensearch/domain-info') {
    const { DomainNames } = JSON.parse(r.body) as { DomainNames: string[] };
    if (DomainNames.length > 5)
      return wireError('AwsRestJsonProtocol', 'ValidationException', 'at most 5 domains');
    return json({ DomainStatusList: DomainNames.map((n) => status(n, n !== 'legacy')) });
  }
  return undefined;
}

describe('aws.opensearch.domain collector', () => {
  it('describes domains five at a time and reads absent options as off', async () => {
    aws.serve(answer);
    const records = await aws.records('aws.opensearch.domain');
    const keys = [
      'in_vpc',
      'encrypted_at_rest',
      'fine_grained_access_control',
      'enforce_https',
      'tls_policy',
      'data_nodes',
      'dedicated_primary_nodes',
      'software_update_available',
    ];
    const byName = Object.fromEntries(records.map((r) => [r.com.name, keys.map((k) => r.ext[k])]));
    expect(byName.logs).toEqual([true, true, true, true, 'Policy-Min-TLS-1-2-PFS-2023-10', 3, 3, false]);
    expect(byName.legacy).toEqual([false, false, false, false, 'Policy-Min-TLS-1-0-2019-07', 1, 0, true]);
    expect(records).toHaveLength(6);
    const describes = aws.requests().filter((r) => r.path === '/2021-01-01/opensearch/domain-info');
    expect(
      describes.map((r) => (JSON.parse(r.body) as { DomainNames: string[] }).DomainNames.length),
    ).toEqual([5, 1]);
    expect(aws.refused()).toEqual([]);
  });

  it('a failed listing is the collection error', async () => {
    listAnswer = () =>
      wireError('AwsRestJsonProtocol', 'AccessDeniedException', 'no es:ListDomainNames', 403);
    aws.serve(answer);
    const c = await aws.collect('aws.opensearch.domain');
    expect(c.items).toBeUndefined();
    expect(c.error).toMatch(/AccessDenied/);
  });

  it('declares the permissions its calls need', () => {
    expect(awsPolicy(['aws.opensearch.domain']).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      'es:DescribeDomains',
      'es:ListDomainNames',
    ]);
  });
});
