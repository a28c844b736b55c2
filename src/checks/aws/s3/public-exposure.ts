import { type ScopeContext, unreadableErrors } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { about, extBool, whyUnknown } from '../facts.js';

type Flag = 'IgnorePublicAcls' | 'RestrictPublicBuckets';

function flagOf(rec: ResourceRecord | undefined, key: string, flag: Flag): boolean | null {
  const flags = rec?.ext[key];
  if (typeof flags !== 'object' || flags === null) return null;
  const v = (flags as Record<string, unknown>)[flag];
  return typeof v === 'boolean' ? v : null;
}

/** A block flag is on when the bucket or the account sets it, off when both are known not to. */
function blocked(bucket: ResourceRecord, account: ResourceRecord | undefined, flag: Flag): boolean | null {
  const b = flagOf(bucket, 'public_access_block', flag);
  const a = flagOf(account, 'flags', flag);
  if (b === true || a === true) return true;
  return b === false && a === false ? false : null;
}

/** Grants through one path: true = public, false = not, null = unknown. */
function through(grants: boolean | null, block: boolean | null): boolean | null {
  if (grants === false || block === true) return false;
  return grants === true && block === false ? true : null;
}

/**
 * Is the bucket open to everyone for `access` (read: object reads and listing; write: object
 * writes and deletes)? A public bucket policy counts unless RestrictPublicBuckets is on for the
 * bucket or the account; a public ACL grant unless IgnorePublicAcls is.
 */
export function publicAccessVerdicts(ctx: ScopeContext, access: 'read' | 'write'): CheckResult[] {
  const { records: buckets, unreadable } = ctx.readable('aws.s3.bucket');
  const account = ctx.readable('aws.s3.account_public_access_block').records[0];
  const results: CheckResult[] = unreadable.length > 0 ? unreadableErrors(ctx, unreadable) : [];
  for (const bucket of buckets) {
    const subject = { resource: about(bucket) };
    const viaPolicy = through(
      extBool(bucket, `policy_public_${access}`),
      blocked(bucket, account, 'RestrictPublicBuckets'),
    );
    const viaAcl = through(
      extBool(bucket, `acl_public_${access}`),
      blocked(bucket, account, 'IgnorePublicAcls'),
    );
    const name = bucket.com.name;
    let r: CheckResult;
    if (viaPolicy === true) r = fail(`the bucket policy of ${name} allows public ${access} access`);
    else if (viaAcl === true) r = fail(`the ACL of ${name} grants public ${access} access`);
    else if (viaPolicy === null || viaAcl === null)
      r = error(
        `whether ${name} allows public ${access} access is unknown: the policy, ACL or Block Public Access settings are unreadable${whyUnknown(bucket, 'policy', 'acl', 'ownershipControls', 'publicAccessBlock')}`,
      );
    else r = pass(`${name} allows no public ${access} access`);
    results.push({ ...r, ...subject });
  }
  return results;
}
