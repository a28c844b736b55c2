import type { Bucket } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  type Enrichment,
  enrichment,
  isRecord,
  records,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';
import { BUCKET_POLICY_ANSWER, bucketPolicyFacts } from './s3-bucket-policy.js';

const TYPE = 'aws.s3.bucket';
const BLOCK_FLAGS = [
  'BlockPublicAcls',
  'IgnorePublicAcls',
  'BlockPublicPolicy',
  'RestrictPublicBuckets',
] as const;

/** GetBucketLocation: an empty constraint is us-east-1, the legacy "EU" is eu-west-1. */
function bucketRegion(location: Enrichment, item: Record<string, unknown>, fallback: string): string {
  if (location.state === 'value') {
    const c = location.value.LocationConstraint;
    if (c === null || c === undefined || c === '') return 'us-east-1';
    if (c === 'EU') return 'eu-west-1';
    if (typeof c === 'string') return c;
  }
  return str(item.BucketRegion) ?? fallback;
}

/** The four public access block flags; absent configuration = every flag false. */
function blockFlags(pab: Enrichment): Record<(typeof BLOCK_FLAGS)[number], boolean | null> | null {
  if (pab.state === 'unknown') return null;
  const cfg = pab.state === 'value' ? at(pab.value, 'PublicAccessBlockConfiguration') : {};
  return Object.fromEntries(
    BLOCK_FLAGS.map((f) => [f, pab.state === 'absent' ? false : (bool(at(cfg, f)) ?? false)]),
  ) as Record<(typeof BLOCK_FLAGS)[number], boolean>;
}

const RAW = S.raw({
  item: S.obj({ Name: S.str, BucketRegion: S.str }),
  location: S.answer({ LocationConstraint: S.str }),
  publicAccessBlock: S.answer({
    PublicAccessBlockConfiguration: S.obj({
      BlockPublicAcls: S.bool,
      IgnorePublicAcls: S.bool,
      BlockPublicPolicy: S.bool,
      RestrictPublicBuckets: S.bool,
    }),
  }),
  encryption: S.answer({
    ServerSideEncryptionConfiguration: S.obj({
      Rules: S.list(
        z.looseObject({
          ApplyServerSideEncryptionByDefault: S.obj({ SSEAlgorithm: S.str, KMSMasterKeyID: S.str }),
          BucketKeyEnabled: S.bool,
        }),
      ),
    }),
  }),
  versioning: S.answer({ Status: S.str, MFADelete: S.str }),
  policyStatus: S.answer({ PolicyStatus: S.obj({ IsPublic: S.bool }) }),
  logging: S.answer({ LoggingEnabled: S.obj({ TargetBucket: S.str }) }),
  policy: BUCKET_POLICY_ANSWER,
  acl: S.answer({
    Owner: S.obj({ ID: S.str }),
    Grants: S.list(
      z.looseObject({ Grantee: S.obj({ Type: S.str, ID: S.str, URI: S.str }), Permission: S.str }),
    ),
  }),
  lifecycle: S.answer({ Rules: S.list(z.looseObject({ ID: S.str, Status: S.str })) }),
  objectLock: S.answer({
    ObjectLockConfiguration: S.obj({
      ObjectLockEnabled: S.str,
      Rule: S.obj({ DefaultRetention: S.obj({ Mode: S.str }) }),
    }),
  }),
  notifications: S.answer({
    TopicConfigurations: S.list(z.looseObject({})),
    QueueConfigurations: S.list(z.looseObject({})),
    LambdaFunctionConfigurations: S.list(z.looseObject({})),
    EventBridgeConfiguration: S.obj({}),
  }),
  ownershipControls: S.answer({
    OwnershipControls: S.obj({ Rules: S.list(z.looseObject({ ObjectOwnership: S.str })) }),
  }),
});

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const READ_GRANTS = new Set(['READ', 'FULL_CONTROL']);
const WRITE_GRANTS = new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']);

interface AclFacts {
  public_read: boolean | null;
  public_write: boolean | null;
  /** grants to anyone but the bucket owner, as "<grantee> <permission>"; [] when ACLs are disabled */
  user_grants: string[] | null;
}

/**
 * The ACL facts of GetBucketAcl and GetBucketOwnershipControls: with object ownership
 * BucketOwnerEnforced S3 ignores ACLs entirely, so no grant counts.
 */
function aclFacts(acl: Enrichment, ownership: string | null | undefined): AclFacts {
  if (ownership === 'BucketOwnerEnforced')
    return { public_read: false, public_write: false, user_grants: [] };
  if (acl.state !== 'value') return { public_read: null, public_write: null, user_grants: null };
  const owner = str(at(acl.value, 'Owner.ID'));
  const grants = records(acl.value.Grants).map((g) => ({
    id: str(at(g, 'Grantee.ID')),
    uri: str(at(g, 'Grantee.URI')),
    permission: str(g.Permission) ?? '',
  }));
  const everyone = grants.filter((g) => g.uri === ALL_USERS || g.uri === AUTHENTICATED_USERS);
  const facts = {
    public_read: everyone.some((g) => READ_GRANTS.has(g.permission)),
    public_write: everyone.some((g) => WRITE_GRANTS.has(g.permission)),
    user_grants: grants
      .filter((g) => !(g.id !== null && g.id === owner))
      .map((g) => `${g.uri ?? g.id ?? 'unknown grantee'} ${g.permission}`),
  };
  if (ownership !== undefined) return facts;
  // ownership unknown: a grant may be ignored (ACLs disabled), so only "no grant" is certain
  return {
    public_read: facts.public_read ? null : false,
    public_write: facts.public_write ? null : false,
    user_grants: facts.user_grants.length > 0 ? null : [],
  };
}

/** The object ownership setting: null = none set (ACLs enabled), undefined = unknown. */
function objectOwnership(e: Enrichment): string | null | undefined {
  if (e.state === 'absent') return null;
  if (e.state === 'unknown') return undefined;
  return str(records(at(e.value, 'OwnershipControls.Rules'))[0]?.ObjectOwnership) ?? null;
}

/** The destinations of a bucket's event notifications: topic, queue, lambda, eventbridge. */
function notificationTargets(e: Enrichment): string[] | null {
  if (e.state === 'unknown') return null;
  if (e.state === 'absent') return [];
  const kinds: [string, string][] = [
    ['TopicConfigurations', 'sns'],
    ['QueueConfigurations', 'sqs'],
    ['LambdaFunctionConfigurations', 'lambda'],
  ];
  const out = kinds.filter(([k]) => records(e.value[k]).length > 0).map(([, kind]) => kind);
  if (isRecord(e.value.EventBridgeConfiguration)) out.push('eventbridge');
  return out;
}

/**
 * An S3 bucket ('storage'). public_access is false when the bucket's public access block ignores
 * public ACLs and restricts public policies, true when its policy is public and not restricted,
 * and otherwise null: ACL grants and the account-level block are not part of this record, so
 * "not public" cannot be concluded from the policy alone.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 's3',
  produces: [TYPE, 'storage'],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem<Bucket>(raw, TYPE);
    const name = requireString(item, 'Name', TYPE, 'item.Name');
    const location = enrichment(raw, 'location');
    const pab = enrichment(raw, 'publicAccessBlock');
    const encryption = enrichment(raw, 'encryption');
    const versioning = enrichment(raw, 'versioning');
    const policyStatus = enrichment(raw, 'policyStatus');
    const logging = enrichment(raw, 'logging');
    // the policy and logging keys are newer than the raw contract: absent = not collected
    const policy = 'policy' in raw ? bucketPolicyFacts(raw.policy, name, scope.account) : null;
    // newer still: only what the scan asked for is in raw
    const newer = Object.fromEntries(
      (['acl', 'lifecycle', 'objectLock', 'notifications', 'ownershipControls'] as const)
        .filter((k) => k in raw)
        .map((k) => [k, enrichment(raw, k)]),
    );
    const acl = enrichment(raw, 'acl');
    const lifecycle = enrichment(raw, 'lifecycle');
    const objectLock = enrichment(raw, 'objectLock');
    const ownershipAnswer = enrichment(raw, 'ownershipControls');
    const ownership = objectOwnership(ownershipAnswer);
    const aclView = aclFacts(acl, ownership);
    const lifecycleRules =
      lifecycle.state === 'unknown'
        ? null
        : lifecycle.state === 'absent'
          ? []
          : records(lifecycle.value.Rules);

    const flags = blockFlags(pab);
    const blocked = flags === null ? null : BLOCK_FLAGS.every((f) => flags[f] === true);
    const policyPublic =
      policyStatus.state === 'absent'
        ? false
        : policyStatus.state === 'value'
          ? bool(at(policyStatus.value, 'PolicyStatus.IsPublic'))
          : null;
    let publicAccess: boolean | null = null;
    if (flags?.IgnorePublicAcls && flags.RestrictPublicBuckets) publicAccess = false;
    else if (policyPublic === true && flags !== null && !flags.RestrictPublicBuckets) publicAccess = true;

    const rules =
      encryption.state === 'value'
        ? records(at(encryption.value, 'ServerSideEncryptionConfiguration.Rules'))
        : [];
    const algorithms = rules
      .map((r) => str(at(r, 'ApplyServerSideEncryptionByDefault.SSEAlgorithm')))
      .filter((a): a is string => a !== null);
    const encrypted = encryption.state === 'unknown' ? null : algorithms.length > 0;
    const versioningStatus = versioning.state === 'value' ? str(versioning.value.Status) : null;

    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'storage',
        reference: awsArn('s3', 'global', '', name, scope.partition),
        name,
        region: bucketRegion(location, item, scope.region),
        service: 's3',
        ext: {
          public_access_block: flags,
          public_access_blocked: blocked,
          policy_is_public: policyPublic,
          encryption_algorithms: encryption.state === 'unknown' ? null : algorithms,
          kms_key_id:
            rules
              .map((r) => str(at(r, 'ApplyServerSideEncryptionByDefault.KMSMasterKeyID')))
              .find((k) => k) ?? null,
          bucket_key_enabled: rules.some((r) => bool(r.BucketKeyEnabled) === true),
          versioning_status: versioning.state === 'unknown' ? null : (versioningStatus ?? 'Disabled'),
          mfa_delete: versioning.state === 'value' ? str(versioning.value.MFADelete) === 'Enabled' : null,
          secure_transport_required: policy?.secure_transport_required ?? null,
          policy_allows_everyone: policy?.allows_everyone ?? null,
          access_logging:
            logging.state === 'value' ? at(logging.value, 'LoggingEnabled') !== undefined : null,
          access_log_target:
            logging.state === 'value' ? str(at(logging.value, 'LoggingEnabled.TargetBucket')) : null,
          policy_public_read: policy?.public_read ?? null,
          policy_public_write: policy?.public_write ?? null,
          policy_cross_account_actions: policy?.cross_account_actions ?? null,
          acl_public_read: aclView.public_read,
          acl_public_write: aclView.public_write,
          acl_user_grants: aclView.user_grants,
          object_ownership: ownership ?? null,
          lifecycle_rules: lifecycleRules === null ? null : lifecycleRules.length,
          lifecycle_enabled:
            lifecycleRules === null ? null : lifecycleRules.some((r) => str(r.Status) === 'Enabled'),
          object_lock_enabled:
            objectLock.state === 'unknown'
              ? null
              : objectLock.state === 'value' &&
                str(at(objectLock.value, 'ObjectLockConfiguration.ObjectLockEnabled')) === 'Enabled',
          object_lock_mode:
            objectLock.state === 'value'
              ? str(at(objectLock.value, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode'))
              : null,
          event_notifications: notificationTargets(enrichment(raw, 'notifications')),
          unknown_facts: unknownReasons({
            ...newer,
            location,
            publicAccessBlock: pab,
            encryption,
            versioning,
            policyStatus,
            ...('logging' in raw ? { logging } : {}),
            ...(policy?.unreadable
              ? { policy: { state: 'unknown', reason: policy.unreadable } as const }
              : {}),
          }),
        },
        shape: {
          encrypted,
          public_access: publicAccess,
          versioning: versioning.state === 'unknown' ? null : versioningStatus === 'Enabled',
        },
      }),
    ];
  },
});
