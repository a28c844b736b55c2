import { defineCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';

const SINK = 'gcp.logging.sink';
const INHERITED_SINK = 'gcp.logging.inherited_sink';

const about = (s: ResourceRecord, type: string) => ({
  resource: { reference: s.com.reference, name: s.com.name, record_type: type },
});

/** One sink's verdict on the Bucket Lock of the bucket it exports to. */
function judge(s: ResourceRecord, type: string): CheckResult {
  const bucket = String(s.ext.destination_bucket);
  const where = type === INHERITED_SINK ? ` (aggregated, on ${String(s.ext.set_on)})` : '';
  if (typeof s.ext.destination_bucket_error === 'string')
    return {
      ...error(
        `bucket ${bucket} of sink ${s.com.name}${where} could not be read: ${s.ext.destination_bucket_error}`,
      ),
      ...about(s, type),
    };
  if (s.ext.destination_bucket_exists === false)
    return {
      ...fail(`sink ${s.com.name}${where} exports to bucket ${bucket}, which does not exist`, {
        evidence: { bucket },
      }),
      ...about(s, type),
    };
  if (typeof s.ext.destination_retention_locked !== 'boolean')
    return {
      ...error(`the retention policy of bucket ${bucket} (sink ${s.com.name}) was not read`),
      ...about(s, type),
    };
  const period = s.ext.destination_retention_period;
  if (s.ext.destination_retention_locked && typeof period === 'string' && Number(period) > 0)
    return {
      ...pass(`bucket ${bucket} of sink ${s.com.name}${where} has a locked retention policy of ${period} s`),
      ...about(s, type),
    };
  return {
    ...fail(
      period
        ? `bucket ${bucket} of sink ${s.com.name}${where} has a retention policy of ${period} s that is not locked`
        : `bucket ${bucket} of sink ${s.com.name}${where} has no retention policy`,
      { evidence: { bucket, retention_period: period ?? null, locked: s.ext.destination_retention_locked } },
    ),
    ...about(s, type),
  };
}

export default defineCheck({
  id: 'gcp.logging.sink_bucket_retention_locked',
  title: 'Buckets receiving exported logs have a locked retention policy',
  severity: 'medium',
  scope: 'account',
  uses: [SINK, INHERITED_SINK],
  triggers: ['CreateSink', 'UpdateSink'].map((m) => `google.logging.v2.ConfigServiceV2.${m}`),
  description:
    'A log sink of the project (or an aggregated sink of a folder or organisation above it) exports to a Cloud Storage bucket whose retention policy is missing or not locked (Bucket Lock).',
  risk: 'Without a locked retention policy, whoever controls the bucket can delete or shorten the exported logs, erasing the traces of an intrusion.',
  remediation: {
    text: 'Set a retention policy on the bucket and lock it (locking cannot be undone).',
    cli: 'gcloud storage buckets update gs://<bucket> --retention-period=<seconds>s && gcloud storage buckets update gs://<bucket> --lock-retention-period',
  },
  references: ['https://cloud.google.com/storage/docs/bucket-lock'],
  evaluate(ctx) {
    const own = ctx
      .resources(SINK)
      .filter((s) => s.ext.disabled !== true && typeof s.ext.destination_bucket === 'string');
    const inherited = ctx.readable(INHERITED_SINK);
    const out: CheckResult[] = own.map((s) => judge(s, SINK));
    for (const s of inherited.records) {
      if (typeof s.ext.read_error === 'string') {
        out.push({
          ...error(`the sinks of ${String(s.ext.set_on)} could not be read: ${s.ext.read_error}`),
          ...about(s, INHERITED_SINK),
        });
      } else if (s.ext.disabled !== true && typeof s.ext.destination_bucket === 'string') {
        out.push(judge(s, INHERITED_SINK));
      }
    }
    for (const u of inherited.unreadable)
      out.push(error(`the sinks the project inherits could not be read: ${u.reason}`));
    return out.length > 0
      ? out
      : [notApplicable(`no sink of project ${ctx.account} exports to Cloud Storage`)];
  },
});
