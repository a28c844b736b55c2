import { RepositoryNotFoundException } from '@aws-sdk/client-ecr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { isAwsError } from '../../../src/providers/aws/errors.js';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import ecr from '../../../src/providers/aws/resources/ecr-repository.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { AwsRecollector } from '../../../src/watch/aws-collect-one.js';
import { targetsOf } from '../../../src/watch/resource-ids.js';
import { trailEvent } from '../../watch/fixtures.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/**
 * The ECR repository module through the whole SDK stack (signing, the awsJson1_1 protocol, the
 * read-only guard, pacing) against a fixture endpoint on 127.0.0.1 answering in ECR's real
 * shapes (DescribeRepositories as recorded in ../shared/data/config, cloud-custodian placebo).
 */

const ACCOUNT = '111122223333';
const KEY = 'AKIDECRTEST';
const REGION = 'eu-west-1';
const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

const repo = (name: string, over: Record<string, unknown> = {}) => ({
  repositoryArn: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${name}`,
  registryId: ACCOUNT,
  repositoryName: name,
  repositoryUri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}`,
  createdAt: 1642413640,
  imageTagMutability: 'MUTABLE',
  imageScanningConfiguration: { scanOnPush: false },
  encryptionConfiguration: { encryptionType: 'AES256' },
  ...over,
});

const json = (body: unknown): Answer => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.1' },
});

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };
let answer: (r: EndpointRequest) => Answer | undefined;

beforeEach(async () => {
  endpoint = await startAwsEndpoint({ accessKeyId: KEY, answer: (r) => answer(r) });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
});
afterEach(async () => {
  env.restore();
  await endpoint.close();
});

const credentials = async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' });
const provider = () =>
  new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    { credentials, homeRegion: 'us-east-1' },
  );

/** ECR as the fixture serves it: these repositories, this registry scanning answer. */
function ecrAnswers(
  repos: Record<string, unknown>[],
  registry: Answer,
): (r: EndpointRequest) => Answer | undefined {
  return (r) => {
    if (r.service === 'sts') return callerIdentityAnswer(ACCOUNT);
    if (r.service !== 'ecr' || r.headers['x-amz-target'] !== `${TARGET_PREFIX}${r.action}`) return undefined;
    if (r.action === 'DescribeRepositories') {
      const input = JSON.parse(r.body) as { repositoryNames?: string[] };
      const names = input.repositoryNames;
      if (names) {
        const found = repos.filter((x) => names.includes(String(x.repositoryName)));
        if (found.length < names.length)
          return wireError(
            'AwsJson1_1Protocol',
            'RepositoryNotFoundException',
            `The repository with name '${names[0]}' does not exist in the registry with id '${ACCOUNT}'`,
          );
        return json({ repositories: found });
      }
      return json({ repositories: repos });
    }
    if (r.action === 'GetRegistryScanningConfiguration') return registry;
    if (r.action === 'GetLifecyclePolicy') {
      const name = (JSON.parse(r.body) as { repositoryName: string }).repositoryName;
      if (name === 'web/api')
        return json({
          registryId: ACCOUNT,
          repositoryName: name,
          lifecyclePolicyText:
            '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}',
        });
      return wireError(
        'AwsJson1_1Protocol',
        'LifecyclePolicyNotFoundException',
        `Lifecycle policy does not exist for the repository with name '${name}' in the registry with id '${ACCOUNT}'`,
      );
    }
    return undefined;
  };
}

async function collect(): Promise<Collection> {
  const batches: AccountBatch[] = [];
  for await (const b of provider().collect({ types: new Set(['aws.ecr.repository']) })) batches.push(b);
  expect(batches).toHaveLength(1);
  const c = batches[0]?.collections.find((x) => x.type === 'aws.ecr.repository');
  expect(c).toBeDefined();
  return c as Collection;
}

function recordsOf(c: Collection): ResourceRecord[] {
  const n = normaliseCollection(c);
  expect(n.errors).toEqual([]);
  return n.records;
}

const basicOnPush = (filter: string) =>
  json({
    registryId: ACCOUNT,
    scanningConfiguration: {
      scanType: 'BASIC',
      rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter, filterType: 'WILDCARD' }] }],
    },
  });

describe('aws.ecr.repository collector', () => {
  it('lists repositories and reads the registry scanning configuration once per region', async () => {
    answer = ecrAnswers(
      [
        repo('web/api', { imageTagMutability: 'IMMUTABLE' }),
        repo('tools'),
        repo('legacy', { imageScanningConfiguration: { scanOnPush: true } }),
      ],
      basicOnPush('web/*'),
    );
    const c = await collect();
    expect(c.error).toBeUndefined();
    const records = recordsOf(c);
    expect(
      records.map((r) => [
        r.com.name,
        r.ext.scan_on_push,
        r.ext.scan_on_push_source,
        r.ext.image_tag_mutability,
      ]),
    ).toEqual([
      ['web/api', true, 'registry rule (BASIC SCAN_ON_PUSH)', 'IMMUTABLE'],
      ['tools', false, null, 'MUTABLE'],
      ['legacy', true, 'repository setting', 'MUTABLE'],
    ]);
    expect(records[0]?.com).toMatchObject({
      reference: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/web/api`,
      record_type: 'container_repository',
      region: REGION,
    });
    const ecrCalls = endpoint.requests.filter((r) => r.service === 'ecr').map((r) => r.action);
    expect(ecrCalls.sort()).toEqual([
      'DescribeRepositories',
      'GetLifecyclePolicy',
      'GetLifecyclePolicy',
      'GetLifecyclePolicy',
      'GetRegistryScanningConfiguration',
    ]);
    // no lifecycle policy is LifecyclePolicyNotFoundException: "none", not unknown
    expect(records.map((r) => r.ext.has_lifecycle_policy)).toEqual([true, false, false]);
    expect(endpoint.refused).toEqual([]);
  });

  it('a registry configuration it may not read leaves scanning unknown, never "not scanned"', async () => {
    answer = ecrAnswers(
      [repo('tools'), repo('legacy', { imageScanningConfiguration: { scanOnPush: true } })],
      wireError(
        'AwsJson1_1Protocol',
        'AccessDeniedException',
        'not authorized to perform: ecr:GetRegistryScanningConfiguration',
        400,
      ),
    );
    const records = recordsOf(await collect());
    // enhanced scanning would ignore the repository's own setting: unknown too
    expect(records.map((r) => [r.com.name, r.ext.scan_on_push])).toEqual([
      ['tools', null],
      ['legacy', null],
    ]);
    expect(records[0]?.ext.unknown_facts).toMatchObject({
      registryScanning: expect.stringContaining('AccessDenied'),
    });
  });

  it("with enhanced scanning only the registry's rules count", async () => {
    answer = ecrAnswers(
      [repo('web/api'), repo('legacy', { imageScanningConfiguration: { scanOnPush: true } })],
      json({
        registryId: ACCOUNT,
        scanningConfiguration: {
          scanType: 'ENHANCED',
          rules: [
            {
              scanFrequency: 'CONTINUOUS_SCAN',
              repositoryFilters: [{ filter: 'web/*', filterType: 'WILDCARD' }],
            },
          ],
        },
      }),
    );
    const records = recordsOf(await collect());
    expect(records.map((r) => [r.com.name, r.ext.scan_on_push, r.ext.scan_on_push_source])).toEqual([
      ['web/api', true, 'registry rule (ENHANCED CONTINUOUS_SCAN)'],
      ['legacy', false, null],
    ]);
  });

  it('a failed list is the collection error, naming the API', async () => {
    answer = (r) =>
      r.service === 'sts'
        ? callerIdentityAnswer(ACCOUNT)
        : wireError('AwsJson1_1Protocol', 'AccessDeniedException', 'no ecr:DescribeRepositories', 400);
    const c = await collect();
    expect(c.items).toBeUndefined();
    expect(c.error).toMatch(/^ecr:DescribeRepositories: AccessDeniedException/);
  });

  it('declares the permissions its calls need, and the policy grants them', () => {
    expect([...ecr.collector.permissions].sort()).toEqual([
      'ecr:DescribeRepositories',
      'ecr:GetLifecyclePolicy',
      'ecr:GetRegistryScanningConfiguration',
    ]);
    expect(awsPolicy(['aws.ecr.repository']).Statement[0]?.Action).toEqual([
      'ec2:DescribeRegions',
      'ecr:DescribeRepositories',
      'ecr:GetLifecyclePolicy',
      'ecr:GetRegistryScanningConfiguration',
    ]);
  });
});

describe('aws.ecr.repository re-collection', () => {
  const recollector = () =>
    new AwsRecollector(new AwsProvider({ type: 'aws', regions: [REGION], max_attempts: 1 }), {
      credentials,
      homeRegion: REGION,
      env: { ...process.env },
    });
  const target = {
    cloud: 'aws' as const,
    type: 'aws.ecr.repository',
    id: 'tools',
    account: ACCOUNT,
    region: REGION,
  };

  it('an event names the repository; the re-check asks ECR for that one repository', async () => {
    const event = trailEvent(
      'PutImageTagMutability',
      { repositoryName: 'tools', imageTagMutability: 'IMMUTABLE' },
      { source: 'ecr.amazonaws.com' },
    );
    expect(targetsOf(event)).toEqual([target]);
    answer = ecrAnswers(
      [repo('web/api'), repo('tools', { imageTagMutability: 'IMMUTABLE' })],
      basicOnPush('*'),
    );
    const r = recollector();
    const c = await r.collectOne(target);
    await r.close();
    expect(c?.error).toBeUndefined();
    expect(c?.items?.map((i) => (i.item as { repositoryName: string }).repositoryName)).toEqual(['tools']);
    const list = endpoint.requests.find((x) => x.action === 'DescribeRepositories');
    expect(JSON.parse(list?.body ?? '{}')).toEqual({ repositoryNames: ['tools'] });
  });

  it("a repository ECR no longer knows is gone: the SDK's RepositoryNotFoundException, no error", async () => {
    answer = ecrAnswers([repo('web/api')], basicOnPush('*'));
    const r = recollector();
    const c = await r.collectOne(target);
    await r.close();
    expect(c).toMatchObject({ items: [] });
    expect(c?.error).toBeUndefined();
    // the declared code is the SDK's own class, which is what the answer deserialises to
    expect(
      isAwsError(
        new RepositoryNotFoundException({ message: 'x', $metadata: {} }),
        ecr.collector.getOne?.absentOn,
      ),
    ).toBe(true);
  });
});
