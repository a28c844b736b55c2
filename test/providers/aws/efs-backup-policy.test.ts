import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { callerIdentityAnswer } from './fixture-endpoint.js';
import { fakeCredentials, wireError } from './helpers.js';
import { type LocalAws, type LocalRequest, startLocalAws, useEndpoint } from './local-aws.js';

/** EFS backup policies through the SDK's REST-JSON stack, in the shapes of the EFS API reference. */

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const json = (body: unknown) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});
const fs = (id: string) => ({
  OwnerId: ACCOUNT,
  FileSystemId: id,
  FileSystemArn: `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/${id}`,
  CreationTime: 1700000000,
  LifeCycleState: 'available',
  Name: id,
  NumberOfMountTargets: 1,
  SizeInBytes: { Value: 6144 },
  PerformanceMode: 'generalPurpose',
  Encrypted: true,
  Tags: [],
});

function efs(req: LocalRequest) {
  if (req.service === 'sts') return callerIdentityAnswer(ACCOUNT);
  if (req.service !== 'elasticfilesystem') return undefined;
  if (req.path === '/2015-02-01/file-systems')
    return json({ FileSystems: [fs('fs-backed'), fs('fs-plain'), fs('fs-denied')] });
  const m = /^\/2015-02-01\/file-systems\/([^/]+)\/backup-policy$/.exec(req.path);
  if (m?.[1] === 'fs-backed') return json({ BackupPolicy: { Status: 'ENABLED' } });
  if (m?.[1] === 'fs-plain')
    return wireError(
      'AwsRestJsonProtocol',
      'PolicyNotFound',
      'None of the file system backup policies are set',
      404,
    );
  if (m?.[1] === 'fs-denied')
    return wireError(
      'AwsRestJsonProtocol',
      'AccessDeniedException',
      'not authorized to perform DescribeBackupPolicy',
      403,
    );
  return undefined;
}

let aws: LocalAws;
let restore: () => void;
beforeAll(async () => {
  aws = await startLocalAws(efs);
  restore = useEndpoint(aws.url);
});
afterAll(async () => {
  restore();
  await aws.close();
});

describe('aws.efs.file_system backup policy', () => {
  it('reads ENABLED as on, PolicyNotFound as off and a refusal as unknown', async () => {
    const provider = new AwsProvider(
      { type: 'aws', regions: [REGION], max_attempts: 1 },
      { credentials: fakeCredentials, homeRegion: 'us-east-1' },
    );
    const batches: AccountBatch[] = [];
    for await (const b of provider.collect({ types: new Set(['aws.efs.file_system']) })) batches.push(b);
    const c = batches[0]?.collections.find((x) => x.type === 'aws.efs.file_system') as Collection;
    expect(c.error).toBeUndefined();
    const n = normaliseCollection(c);
    expect(n.errors).toEqual([]);
    expect(n.records.map((r) => [r.com.name, r.ext.automatic_backups])).toEqual([
      ['fs-backed', true],
      ['fs-plain', false],
      ['fs-denied', null],
    ]);
    expect(n.records[2]?.ext.unknown_facts).toMatchObject({
      backupPolicy: expect.stringContaining('AccessDenied'),
    });
    expect(aws.refused).toEqual([]);
  });
});
