import { type AwsRead, arnOf, defineAwsAction, target } from '../action.js';

/** Keys older than this are the ones the rotation check fails on (its default). */
const MAX_AGE_DAYS = 90;

interface Key {
  AccessKeyId?: string;
  Status?: string;
  CreateDate?: Date | string;
}

async function keysOf(read: AwsRead, region: string, user: string): Promise<Key[]> {
  const a = await read('iam:ListAccessKeys', region, { UserName: user });
  return (a.AccessKeyMetadata as Key[] | undefined) ?? [];
}

const ageDays = (k: Key, now: number) => (now - new Date(k.CreateDate ?? 0).getTime()) / 86_400_000;

export default defineAwsAction({
  id: 'aws.iam.deactivate_old_access_keys',
  title: `Deactivate a user's active access keys older than ${MAX_AGE_DAYS} days`,
  fixes: ['aws.iam.access_keys_rotated'],
  writes: ['iam:UpdateAccessKey'],
  reads: ['iam:ListAccessKeys'],
  target(finding) {
    const arn = arnOf(finding.com.reference.replace(/#.*$/, ''));
    const user = arn?.service === 'iam' ? /^user\/(?:.*\/)?([^/]+)$/.exec(arn.resource)?.[1] : undefined;
    if (finding.com.cloud_type !== 'aws' || !user)
      return { refused: `${finding.com.reference} is not an IAM user` };
    if (user === '<root_account>') return { refused: "the root user's keys cannot be changed through IAM" };
    return target(finding, { user }, 'us-east-1');
  },
  async plan(t, read) {
    const user = t.details.user ?? '';
    const keys = await keysOf(read, t.region, user);
    const now = Date.now();
    const old = keys.filter((k) => k.Status === 'Active' && ageDays(k, now) > MAX_AGE_DAYS && k.AccessKeyId);
    const before = keys.map((k) => ({ AccessKeyId: k.AccessKeyId, Status: k.Status }));
    if (old.length === 0)
      return {
        calls: [],
        undo: [],
        before,
        noop: `${user} has no active key older than ${MAX_AGE_DAYS} days`,
      };
    return {
      before,
      calls: old.map((k) => ({
        action: 'iam:UpdateAccessKey',
        params: { UserName: user, AccessKeyId: k.AccessKeyId, Status: 'Inactive' },
        why: `created ${Math.floor(ageDays(k, now))} days ago`,
      })),
      undo: old.map((k) => ({
        action: 'iam:UpdateAccessKey',
        params: { UserName: user, AccessKeyId: k.AccessKeyId, Status: 'Active' },
      })),
    };
  },
  async verify(t, read, plan) {
    const keys = await keysOf(read, t.region, t.details.user ?? '');
    const ids = new Set(plan.calls.map((c) => c.params.AccessKeyId));
    return keys.filter((k) => ids.has(k.AccessKeyId)).every((k) => k.Status === 'Inactive');
  },
});
