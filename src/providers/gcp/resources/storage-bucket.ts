import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  records,
  requireItem,
  requireString,
  str,
  strings,
  tagMap,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.storage.bucket';
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    selfLink: S.str,
    location: S.str,
    locationType: S.str,
    storageClass: S.str,
    labels: S.strMap,
    iamConfiguration: S.obj({
      publicAccessPrevention: S.str,
      uniformBucketLevelAccess: S.obj({ enabled: S.bool }),
      bucketPolicyOnly: S.obj({ enabled: S.bool }),
    }),
    encryption: S.obj({ defaultKmsKeyName: S.str }),
    retentionPolicy: S.obj({ retentionPeriod: S.str }),
    logging: S.obj({ logBucket: S.str }),
    versioning: S.obj({ enabled: S.bool }),
  }),
  iamPolicy: S.answer({ bindings: S.list(z.looseObject({ role: S.str, members: S.strs })) }),
});

/**
 * A Cloud Storage bucket ('storage'). Storage is always encrypted at rest (ext.cmek for a
 * customer key). public_access: false when public access prevention is enforced; otherwise it
 * needs the bucket's IAM policy, which a collector may add as `raw.iamPolicy`
 * (buckets.getIamPolicy): a binding to allUsers / allAuthenticatedUsers is public, and with
 * uniform bucket-level access (no object ACLs) its absence means not public. Else null.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'storage',
  produces: [TYPE, 'storage'],
  raw: RAW,
  normalise(raw, scope) {
    const b = requireItem(raw, TYPE);
    const name = requireString(b, 'name', TYPE, 'item.name');
    const prevention = str(at(b, 'iamConfiguration.publicAccessPrevention'));
    const uniform =
      bool(at(b, 'iamConfiguration.uniformBucketLevelAccess.enabled')) ??
      bool(at(b, 'iamConfiguration.bucketPolicyOnly.enabled'));
    const policy = enrichment(raw, 'iamPolicy');
    const publicBindings =
      policy.state === 'value'
        ? records(policy.value.bindings).flatMap((bd) =>
            strings(bd.members)
              .filter((m) => PUBLIC_MEMBERS.has(m))
              .map((member) => ({ member, role: str(bd.role) ?? '?' })),
          )
        : null;
    const publicMembers = publicBindings?.map((b) => b.member) ?? null;
    let publicAccess: boolean | null = null;
    if (prevention === 'enforced') publicAccess = false;
    else if (publicMembers && publicMembers.length > 0) publicAccess = true;
    else if (publicMembers && uniform === true) publicAccess = false;
    const location = str(b.location);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'storage',
        reference: str(b.selfLink) ?? `https://www.googleapis.com/storage/v1/b/${name}`,
        name,
        region: location ? location.toLowerCase() : scope.region,
        service: 'storage',
        tags: tagMap(b.labels),
        ext: {
          location_type: str(b.locationType),
          storage_class: str(b.storageClass),
          public_access_prevention: prevention,
          uniform_bucket_level_access: uniform,
          public_members: publicMembers ? [...new Set(publicMembers)] : null,
          public_bindings: publicBindings,
          iam_policy_error: policy.state === 'unknown' ? policy.reason : null,
          cmek: str(at(b, 'encryption.defaultKmsKeyName')) !== null,
          retention_period: str(at(b, 'retentionPolicy.retentionPeriod')),
          logging_bucket: str(at(b, 'logging.logBucket')),
        },
        shape: {
          encrypted: true,
          public_access: publicAccess,
          // the API omits versioning for buckets on which it was never enabled
          versioning: bool(at(b, 'versioning.enabled')) ?? false,
        },
      }),
    ];
  },
});

/**
 * The buckets of a project: one paged list (storage.buckets.list), then each bucket's IAM
 * policy (a GET, storage.buckets.getIamPolicy).
 */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'storage',
  list: {
    permission: 'storage.buckets.list',
    paginate: (r) =>
      r.pages<Record<string, unknown>>(r.path('storage/v1/b'), 'items', { project: r.project.id }),
    items: (page) => page,
  },
  enrich: {
    iamPolicy: {
      permission: 'storage.buckets.getIamPolicy',
      facts: ['public_members', 'public_bindings'],
      call: (r, item) => r.get(r.path('storage/v1/b/{bucket}/iam', { bucket: String(item.name) })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

/** Cloud Storage's audit log: storage.buckets.create / update / delete and storage.setIamPermissions, on projects/_/buckets/NAME. */
const BUCKET_METHODS = [
  'storage.buckets.create',
  'storage.buckets.update',
  'storage.buckets.delete',
  'storage.setIamPermissions',
];

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(BUCKET_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => v.split('/buckets/')[1]?.split('/')[0] || undefined,
  },
});
