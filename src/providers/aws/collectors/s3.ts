import {
  type Bucket,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  NoSuchPublicAccessBlockConfiguration,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { defineCollector, type RawItem } from '../collector.js';

/**
 * The region of a GetBucketLocation answer: no constraint means us-east-1, and the legacy
 * "EU" means eu-west-1. Undefined when the answer is missing or an error.
 */
export function bucketRegion(location: unknown): string | undefined {
  if (typeof location !== 'object' || location === null || '__error' in location) return undefined;
  const c = (location as { LocationConstraint?: unknown }).LocationConstraint;
  if (c === undefined || c === null || c === '') return 'us-east-1';
  if (c === 'EU') return 'eu-west-1';
  return typeof c === 'string' ? c : undefined;
}

/** ListBuckets (with a page size) already names each bucket's region: the same fact as GetBucketLocation. */
function locationFromList(bucket: Bucket): { LocationConstraint?: string } | undefined {
  if (!bucket.BucketRegion) return undefined;
  return bucket.BucketRegion === 'us-east-1' ? {} : { LocationConstraint: bucket.BucketRegion };
}

/*
 * S3 does not model its "not configured" errors: the SDK raises them as S3ServiceException with
 * `name` and `Code` set to the code S3 sends, so they are matched on these codes.
 */
const NO_PUBLIC_ACCESS_BLOCK = 'NoSuchPublicAccessBlockConfiguration';
const NO_ENCRYPTION = 'ServerSideEncryptionConfigurationNotFoundError';
const NO_POLICY = 'NoSuchBucketPolicy';
const NO_LIFECYCLE = 'NoSuchLifecycleConfiguration';
const NO_OBJECT_LOCK = 'ObjectLockConfigurationNotFoundError';
const NO_OWNERSHIP_CONTROLS = 'OwnershipControlsNotFoundError';

const inBucketRegion = (_b: Bucket, raw: RawItem) => bucketRegion(raw.location);

export const buckets = defineCollector({
  type: 'aws.s3.bucket',
  service: 's3',
  client: S3Client,
  scope: 'global',
  list: {
    permission: 's3:ListAllMyBuckets',
    paginate: (client) => paginateListBuckets({ client, pageSize: 1000 }, {}),
    items: (page) => page.Buckets,
  },
  // each call names the facts (ext and com fields) it feeds: a scan skips those no check reads;
  // the location (the bucket's region, where the other calls go) is always known
  enrich: {
    location: {
      permission: 's3:GetBucketLocation',
      fromItem: locationFromList,
      call: (client, b) => client.send(new GetBucketLocationCommand({ Bucket: b.Name })),
    },
    publicAccessBlock: {
      permission: 's3:GetBucketPublicAccessBlock',
      facts: ['public_access_block', 'public_access_blocked', 'public_access'],
      after: ['location'],
      region: inBucketRegion,
      absentOn: [NO_PUBLIC_ACCESS_BLOCK],
      call: (client, b) => client.send(new GetPublicAccessBlockCommand({ Bucket: b.Name })),
    },
    encryption: {
      permission: 's3:GetEncryptionConfiguration',
      facts: ['encryption_algorithms', 'kms_key_id', 'bucket_key_enabled', 'encrypted'],
      after: ['location'],
      region: inBucketRegion,
      absentOn: [NO_ENCRYPTION],
      call: (client, b) => client.send(new GetBucketEncryptionCommand({ Bucket: b.Name })),
    },
    versioning: {
      permission: 's3:GetBucketVersioning',
      facts: ['versioning_status', 'mfa_delete', 'versioning'],
      after: ['location'],
      region: inBucketRegion,
      call: (client, b) => client.send(new GetBucketVersioningCommand({ Bucket: b.Name })),
    },
    policyStatus: {
      permission: 's3:GetBucketPolicyStatus',
      facts: ['policy_is_public', 'public_access'],
      after: ['location'],
      region: inBucketRegion,
      absentOn: [NO_POLICY],
      call: (client, b) => client.send(new GetBucketPolicyStatusCommand({ Bucket: b.Name })),
    },
    policy: {
      permission: 's3:GetBucketPolicy',
      facts: [
        'secure_transport_required',
        'policy_allows_everyone',
        'policy_public_read',
        'policy_public_write',
        'policy_cross_account_actions',
      ],
      after: ['location'],
      region: inBucketRegion,
      absentOn: [NO_POLICY],
      call: (client, b) => client.send(new GetBucketPolicyCommand({ Bucket: b.Name })),
    },
    acl: {
      permission: 's3:GetBucketAcl',
      facts: ['acl_public_read', 'acl_public_write', 'acl_user_grants'],
      after: ['location'],
      region: inBucketRegion,
      call: (client, b) => client.send(new GetBucketAclCommand({ Bucket: b.Name })),
    },
    logging: {
      permission: 's3:GetBucketLogging',
      facts: ['access_logging', 'access_log_target'],
      after: ['location'],
      region: inBucketRegion,
      call: (client, b) => client.send(new GetBucketLoggingCommand({ Bucket: b.Name })),
    },
    lifecycle: {
      permission: 's3:GetLifecycleConfiguration',
      facts: ['lifecycle_rules', 'lifecycle_enabled'],
      after: ['location'],
      region: inBucketRegion,
      absentOn: [NO_LIFECYCLE],
      call: (client, b) => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: b.Name })),
    },
    objectLock: {
      permission: 's3:GetBucketObjectLockConfiguration',
      facts: ['object_lock_enabled', 'object_lock_mode'],
      after: ['location'],
      region: inBucketRegion,
      absentOn: [NO_OBJECT_LOCK],
      call: (client, b) => client.send(new GetObjectLockConfigurationCommand({ Bucket: b.Name })),
    },
    notifications: {
      permission: 's3:GetBucketNotification',
      facts: ['event_notifications'],
      after: ['location'],
      region: inBucketRegion,
      call: (client, b) => client.send(new GetBucketNotificationConfigurationCommand({ Bucket: b.Name })),
    },
    ownershipControls: {
      permission: 's3:GetBucketOwnershipControls',
      facts: ['object_ownership', 'acl_user_grants', 'acl_public_read', 'acl_public_write'],
      after: ['location'],
      region: inBucketRegion,
      absentOn: [NO_OWNERSHIP_CONTROLS],
      call: (client, b) => client.send(new GetBucketOwnershipControlsCommand({ Bucket: b.Name })),
    },
  },
});

export const accountPublicAccessBlock = defineCollector({
  type: 'aws.s3.account_public_access_block',
  service: 's3',
  client: S3ControlClient,
  scope: 'global',
  list: {
    permission: 's3:GetAccountPublicAccessBlock',
    single: (client, ctx) => client.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.account })),
    // S3 Control models this one: the SDK raises NoSuchPublicAccessBlockConfiguration (same code)
    absentOn: [NoSuchPublicAccessBlockConfiguration],
  },
});
