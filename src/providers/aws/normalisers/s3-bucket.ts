import type { Bucket } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  type Enrichment,
  enrichment,
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
});

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
    const policy = 'policy' in raw ? bucketPolicyFacts(raw.policy, name) : null;

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
          unknown_facts: unknownReasons({
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
