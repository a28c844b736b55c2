import type { RestParams } from '../../kit/rest-action.js';
import { defineGcpAction, gcpTarget } from '../action.js';

const GET = 'storage.buckets.getIamPolicy';
const SET = 'storage.buckets.setIamPolicy';
const PUBLIC = new Set(['allUsers', 'allAuthenticatedUsers']);

const request = (bucket: string, method: RestParams['method'], body?: unknown): RestParams => ({
  method,
  api: 'storage',
  path: `storage/v1/b/${encodeURIComponent(bucket)}/iam`,
  ...(body !== undefined ? { body } : {}),
});

interface Binding {
  role: string;
  members?: string[];
  condition?: unknown;
}
interface Policy {
  bindings?: Binding[];
  etag?: string;
  version?: number;
}

const publicMembers = (p: Policy | null) =>
  (p?.bindings ?? []).flatMap((b) =>
    (b.members ?? []).filter((m) => PUBLIC.has(m)).map((member) => ({ role: b.role, member })),
  );

export default defineGcpAction({
  id: 'gcp.storage.remove_public_bucket_members',
  title: "Remove allUsers and allAuthenticatedUsers from a bucket's IAM policy",
  fixes: ['gcp.storage.bucket_not_public'],
  writes: [SET],
  reads: [GET],
  target(finding) {
    const m = /\/storage\/v1\/b\/([^/#?]+)/.exec(finding.com.reference);
    if (finding.com.cloud_type !== 'gcp' || !m)
      return { refused: `${finding.com.reference} is not a Cloud Storage bucket` };
    return gcpTarget(finding, finding.com.account, { bucket: decodeURIComponent(m[1] as string) });
  },
  async plan(t, read) {
    const bucket = t.details.bucket ?? '';
    const policy = (await read(GET, request(bucket, 'GET'))) as Policy | null;
    if (!policy) return { calls: [], undo: [], before: null, noop: `bucket ${bucket} no longer exists` };
    const open = publicMembers(policy);
    const before = { bindings: policy.bindings ?? [], etag: policy.etag ?? null };
    if (open.length === 0)
      return {
        calls: [],
        undo: [],
        before,
        noop: `bucket ${bucket} grants nothing to allUsers or allAuthenticatedUsers`,
      };
    const bindings = (policy.bindings ?? [])
      .map((b) => ({ ...b, members: (b.members ?? []).filter((m) => !PUBLIC.has(m)) }))
      .filter((b) => b.members.length > 0);
    return {
      before,
      calls: [
        {
          action: SET,
          // the etag read: the write fails if the policy changed since, rather than overwrite it
          params: { ...request(bucket, 'PUT', { bindings, etag: policy.etag }) },
          keep: { as: 'etag', field: 'etag' },
          why: `remove ${open.map((o) => `${o.member} (${o.role})`).join(', ')}`,
        },
      ],
      // the previous bindings, only over the policy this action wrote (its etag): a policy
      // changed since is not overwritten
      undo: [
        {
          action: SET,
          params: { ...request(bucket, 'PUT', { bindings: policy.bindings ?? [], etag: '{{etag}}' }) },
        },
      ],
    };
  },
  async verify(t, read) {
    const policy = (await read(GET, request(t.details.bucket ?? '', 'GET'))) as Policy | null;
    return publicMembers(policy).length === 0;
  },
});
