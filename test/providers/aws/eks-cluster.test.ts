import { describe, expect, it } from 'vitest';
import eks from '../../../src/providers/aws/resources/eks-cluster.js';
import { ACCOUNT, endpointCollection, REGION, restJson } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/** EKS clusters through the SDK stack against the fixture endpoint, in EKS's REST-JSON shapes. */

const env = endpointCollection('AKIDEKSTEST');
const TYPE = 'aws.eks.cluster';

const cluster = (name: string, over: Record<string, unknown>) => ({
  cluster: {
    name,
    arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${name}`,
    createdAt: 1700000000,
    version: '1.33',
    endpoint: `https://${name}.gr7.${REGION}.eks.amazonaws.com`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`,
    resourcesVpcConfig: {
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: [],
      vpcId: 'vpc-1',
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
    },
    logging: {
      clusterLogging: [
        { types: ['api', 'audit'], enabled: true },
        { types: ['scheduler'], enabled: false },
      ],
    },
    status: 'ACTIVE',
    tags: { team: 'platform' },
    ...over,
  },
});

const answers: Record<string, unknown> = {
  prod: cluster('prod', {
    encryptionConfig: [
      { resources: ['secrets'], provider: { keyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k` } },
    ],
  }),
  legacy: cluster('legacy', {
    version: '1.27',
    resourcesVpcConfig: {
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      publicAccessCidrs: ['0.0.0.0/0'],
    },
    logging: { clusterLogging: [{ types: ['api', 'audit'], enabled: false }] },
  }),
};

function eksAnswers(r: EndpointRequest) {
  if (r.service !== 'eks') return undefined;
  if (r.method === 'GET' && r.path === '/clusters')
    return restJson({ clusters: [...Object.keys(answers), 'gone'] });
  const m = /^\/clusters\/([^/]+)$/.exec(r.path);
  if (m) {
    const a = answers[m[1] ?? ''];
    return a
      ? restJson(a)
      : wireError(
          'AwsRestJsonProtocol',
          'ResourceNotFoundException',
          `No cluster found for name: ${m[1]}.`,
          404,
        );
  }
  return undefined;
}

describe('aws.eks.cluster collector', () => {
  it('describes each listed cluster; one deleted meanwhile is unknown, never compliant', async () => {
    env.serve(eksAnswers);
    const records = await env.records(TYPE);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.version,
        r.ext.endpoint_public_access,
        r.ext.secrets_encrypted,
        r.ext.enabled_log_types,
      ]),
    ).toEqual([
      ['prod', '1.33', false, true, ['api', 'audit']],
      ['legacy', '1.27', true, false, []],
      ['gone', null, null, null, null],
    ]);
    expect(records[0]?.com).toMatchObject({ record_type: 'kubernetes_cluster', tags: { team: 'platform' } });
    expect(records[2]?.ext.unknown_facts).toEqual({
      cluster: 'the cluster was deleted while it was being read',
    });
    expect(env.calls()).toEqual(expect.arrayContaining(['eks:GET /clusters', 'eks:GET /clusters/prod']));
    expect(env.refused()).toEqual([]);
  });

  it('a failed list is the collection error; the permissions are the two reads', async () => {
    env.serve(() => wireError('AwsRestJsonProtocol', 'AccessDeniedException', 'no eks:ListClusters', 403));
    const c = await env.collect(TYPE);
    expect(c.error).toMatch(/^eks:ListClusters: AccessDeniedException/);
    expect([...eks.collector.permissions].sort()).toEqual(['eks:DescribeCluster', 'eks:ListClusters']);
  });
});
