import { type ScopeContext, unreadableErrors } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';
import { about } from '../facts.js';

interface S3Events {
  all?: { read?: boolean; write?: boolean };
  read_buckets?: string[];
  write_buckets?: string[];
}

/** Does a logging trail record the object-level events of this direction for the bucket? */
function covers(t: ResourceRecord, bucket: ResourceRecord, dir: 'read' | 'write'): boolean | null {
  if (t.ext.logging === null || t.ext.s3_data_events === null) return null;
  if (t.ext.logging !== true) return false;
  if (t.ext.is_multi_region !== true && t.com.region !== bucket.com.region) return false;
  const s3 = t.ext.s3_data_events as S3Events;
  if (s3.all?.[dir] === true) return true;
  return (dir === 'read' ? s3.read_buckets : s3.write_buckets)?.includes(bucket.com.name) ?? false;
}

/** One result per bucket: some trail records its object-level read (or write) events. */
export function evaluateS3DataEvents(ctx: ScopeContext, dir: 'read' | 'write'): CheckResult | CheckResult[] {
  const { records: trails, unreadable: blindTrails } = ctx.readable('aws.cloudtrail.trail');
  const { records: buckets, unreadable: blindBuckets } = ctx.readable('aws.s3.bucket');
  if (buckets.length === 0 && blindBuckets.length === 0)
    return notApplicable('the account has no S3 buckets');
  const verdicts = buckets.map((b): CheckResult => {
    const subject = { resource: about(b) };
    const answers = trails.map((t) => ({ t, c: covers(t, b, dir) }));
    const by = answers.find((a) => a.c === true);
    if (by) return { ...pass(`trail ${by.t.com.name} records object ${dir}s`), ...subject };
    const unknown = answers.filter((a) => a.c === null).map((a) => a.t.com.name);
    if (unknown.length > 0) {
      return {
        ...error(`the event selectors or status of trail(s) ${unknown.join(', ')} could not be read`),
        ...subject,
      };
    }
    // a multi-region trail of a region that could not be read may cover the bucket
    if (blindTrails.length > 0) {
      const why = blindTrails.map((u) => `${u.region}: ${u.reason}`).join('; ');
      return { ...error(`no readable trail covers the bucket, and the trails of ${why}`), ...subject };
    }
    return { ...fail(`no trail records object-level ${dir} events of ${b.com.name}`), ...subject };
  });
  return [...verdicts, ...unreadableErrors(ctx, blindBuckets)];
}
