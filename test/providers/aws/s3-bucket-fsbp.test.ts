import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import { callerIdentityAnswer } from './fixture-endpoint.js';
import { fakeCredentials } from './helpers.js';
import {
  type LocalAws,
  type LocalRequest,
  s3Bucket,
  s3Operation,
  startLocalAws,
  useEndpoint,
} from './local-aws.js';

/**
 * The S3 bucket calls behind the FSBP controls (lifecycle, Object Lock, notifications, object
 * ownership, ACL, policy) through the SDK's REST-XML stack against a local endpoint answering
 * in S3's documented shapes, "not configured" answers included (S3 sends them as 404 errors).
 */

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const xml = (body: string) => ({
  body: `<?xml version="1.0" encoding="UTF-8"?>${body}`,
  headers: { 'content-type': 'application/xml' },
});
const s3Error = (code: string, message: string, status = 404) => ({
  status,
  ...xml(`<Error><Code>${code}</Code><Message>${message}</Message><RequestId>req-1</RequestId></Error>`),
});
const OWNER = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const grant = (grantee: string, permission: string) =>
  `<Grant>${grantee}<Permission>${permission}</Permission></Grant>`;
const group = (uri: string) =>
  `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>${uri}</URI></Grantee>`;
const ownerGrant = grant(
  `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${OWNER}</ID></Grantee>`,
  'FULL_CONTROL',
);
const acl = (...grants: string[]) =>
  xml(
    `<AccessControlPolicy xmlns="${NS}"><Owner><ID>${OWNER}</ID></Owner><AccessControlList>${[ownerGrant, ...grants].join('')}</AccessControlList></AccessControlPolicy>`,
  );
const policy = (statements: unknown[]) => ({
  body: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  headers: { 'content-type': 'application/json' },
});

type Answers = Partial<Record<string, ReturnType<typeof xml> | { status: number; body: string }>>;

const BUCKETS: Record<string, Answers> = {
  // versioned, lifecycle on, Object Lock, EventBridge, ACLs disabled, a foreign account may rewrite the policy
  vault: {
    GetBucketLifecycleConfiguration: xml(
      `<LifecycleConfiguration xmlns="${NS}"><Rule><ID>expire</ID><Filter/><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>30</NoncurrentDays></NoncurrentVersionExpiration></Rule></LifecycleConfiguration>`,
    ),
    GetObjectLockConfiguration: xml(
      `<ObjectLockConfiguration xmlns="${NS}"><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>30</Days></DefaultRetention></Rule></ObjectLockConfiguration>`,
    ),
    GetBucketNotificationConfiguration: xml(
      `<NotificationConfiguration xmlns="${NS}"><EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>`,
    ),
    GetBucketOwnershipControls: xml(
      `<OwnershipControls xmlns="${NS}"><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`,
    ),
    GetBucketAcl: acl(),
    GetBucketPolicy: policy([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
        Action: ['s3:Put*'],
        Resource: 'arn:aws:s3:::vault',
      },
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/admin` },
        Action: 's3:*',
        Resource: '*',
      },
    ]),
  },
  // nothing configured: S3 answers each with its "not found" error; a public-read ACL, a public policy
  open: {
    GetBucketLifecycleConfiguration: s3Error(
      'NoSuchLifecycleConfiguration',
      'The lifecycle configuration does not exist',
    ),
    GetObjectLockConfiguration: s3Error(
      'ObjectLockConfigurationNotFoundError',
      'Object Lock configuration does not exist for this bucket',
    ),
    GetBucketNotificationConfiguration: xml(`<NotificationConfiguration xmlns="${NS}"/>`),
    GetBucketOwnershipControls: s3Error(
      'OwnershipControlsNotFoundError',
      'The bucket ownership controls were not found',
    ),
    GetBucketAcl: acl(grant(group('http://acs.amazonaws.com/groups/global/AllUsers'), 'READ')),
    GetBucketPolicy: policy([
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/*' },
    ]),
  },
  // the auditor may not read these
  locked: Object.fromEntries(
    [
      'GetBucketLifecycleConfiguration',
      'GetObjectLockConfiguration',
      'GetBucketNotificationConfiguration',
      'GetBucketOwnershipControls',
      'GetBucketAcl',
      'GetBucketPolicy',
    ].map((op) => [op, s3Error('AccessDenied', 'Access Denied', 403)]),
  ),
};

function answer(req: LocalRequest) {
  if (req.service === 'sts') return callerIdentityAnswer(ACCOUNT);
  if (req.service !== 's3') return undefined;
  const op = s3Operation(req);
  if (op === 'ListBuckets')
    return xml(
      `<ListAllMyBucketsResult xmlns="${NS}"><Owner><ID>${OWNER}</ID></Owner><Buckets>${Object.keys(BUCKETS)
        .map(
          (b) =>
            `<Bucket><Name>${b}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket>`,
        )
        .join('')}</Buckets></ListAllMyBucketsResult>`,
    );
  return BUCKETS[s3Bucket(req)]?.[op];
}

let aws: LocalAws;
let restore: () => void;
beforeAll(async () => {
  aws = await startLocalAws(answer);
  restore = useEndpoint(aws.url);
});
afterAll(async () => {
  restore();
  await aws.close();
});

const FACTS = [
  'lifecycle_enabled',
  'object_lock_enabled',
  'event_notifications',
  'acl_user_grants',
  'acl_public_read',
  'policy_public_read',
  'policy_cross_account_actions',
];

async function collect(): Promise<ResourceRecord[]> {
  const provider = new AwsProvider(
    { type: 'aws', regions: ['eu-west-1'], max_attempts: 1 },
    { credentials: fakeCredentials, homeRegion: 'us-east-1' },
  );
  const batches: AccountBatch[] = [];
  const facts = new Map([['aws.s3.bucket', new Set(FACTS)]]);
  for await (const b of provider.collect({ types: new Set(['aws.s3.bucket']), facts })) batches.push(b);
  const c = batches[0]?.collections.find((x) => x.type === 'aws.s3.bucket') as Collection;
  expect(c.error).toBeUndefined();
  const n = normaliseCollection(c);
  expect(n.errors).toEqual([]);
  return n.records;
}

describe('aws.s3.bucket FSBP facts through the S3 REST stack', () => {
  it('reads configured, "not configured" and unreadable answers as facts, true, false and unknown', async () => {
    const records = await collect();
    const facts = Object.fromEntries(
      records.map((r) => [
        r.com.name,
        Object.fromEntries([...FACTS, 'object_lock_mode', 'object_ownership'].map((f) => [f, r.ext[f]])),
      ]),
    );
    expect(facts.vault).toEqual({
      lifecycle_enabled: true,
      object_lock_enabled: true,
      object_lock_mode: 'GOVERNANCE',
      event_notifications: ['eventbridge'],
      object_ownership: 'BucketOwnerEnforced',
      acl_user_grants: [],
      acl_public_read: false,
      policy_public_read: false,
      policy_cross_account_actions: [
        's3:PutBucketAcl',
        's3:PutBucketPolicy',
        's3:PutEncryptionConfiguration',
        's3:PutObjectAcl',
      ],
    });
    expect(facts.open).toEqual({
      lifecycle_enabled: false,
      object_lock_enabled: false,
      object_lock_mode: null,
      event_notifications: [],
      object_ownership: null,
      acl_user_grants: ['http://acs.amazonaws.com/groups/global/AllUsers READ'],
      acl_public_read: true,
      policy_public_read: true,
      policy_cross_account_actions: [],
    });
    expect(facts.locked).toEqual({
      lifecycle_enabled: null,
      object_lock_enabled: null,
      object_lock_mode: null,
      event_notifications: null,
      object_ownership: null,
      acl_user_grants: null,
      acl_public_read: null,
      policy_public_read: null,
      policy_cross_account_actions: null,
    });
    const locked = records.find((r) => r.com.name === 'locked');
    expect(locked?.ext.unknown_facts).toMatchObject({ lifecycle: expect.stringContaining('AccessDenied') });
    expect(aws.refused).toEqual([]);
  });

  it('asks only for the calls feeding the facts the checks read', () => {
    const counts = aws.count();
    expect(counts['s3:ListBuckets']).toBe(1);
    for (const op of [
      'GetBucketVersioning',
      'GetBucketEncryption',
      'GetBucketLogging',
      'GetPublicAccessBlock',
    ])
      expect(counts[`s3:${op}`], op).toBeUndefined();
    for (const op of [
      'GetBucketLifecycleConfiguration',
      'GetObjectLockConfiguration',
      'GetBucketOwnershipControls',
    ])
      expect(counts[`s3:${op}`], op).toBe(3);
  });
});
