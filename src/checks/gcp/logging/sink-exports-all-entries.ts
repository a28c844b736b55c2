import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

const SINK = 'gcp.logging.sink';
const INHERITED_SINK = 'gcp.logging.inherited_sink';
/** The sinks Google makes in every project, routing to its own log buckets. */
const BUILT_IN = new Set(['_Required', '_Default']);

export default defineCheck({
  id: 'gcp.logging.sink_exports_all_entries',
  title: 'A log sink exports every log entry',
  severity: 'medium',
  scope: 'account',
  uses: [SINK, INHERITED_SINK],
  triggers: ['CreateSink', 'UpdateSink', 'DeleteSink'].map((m) => `google.logging.v2.ConfigServiceV2.${m}`),
  description:
    'Neither the project nor a folder or organisation above it (an aggregated sink, includeChildren) has an enabled sink without a filter (and without exclusions), so not every log entry is copied out of the project.',
  risk: 'Entries kept only in the project’s log buckets expire with their retention and can be deleted by whoever controls the project.',
  remediation: {
    text: 'Create a sink with an empty filter to a Cloud Storage bucket, BigQuery dataset or Pub/Sub topic (or an aggregated sink on the organisation).',
    cli: 'gcloud logging sinks create <sink-name> storage.googleapis.com/<bucket> --project <project>',
  },
  references: ['https://cloud.google.com/logging/docs/export/configure_export_v2'],
  evaluate(ctx) {
    const sinks = ctx.resources(SINK).filter((s) => !BUILT_IN.has(s.com.name));
    const all = sinks.find((s) => s.ext.exports_everything === true && s.ext.disabled !== true);
    if (all) return pass(`sink ${all.com.name} exports every entry to ${String(all.ext.destination)}`);
    const inherited = ctx.readable(INHERITED_SINK);
    const aggregated = inherited.records.find(
      (s) => s.ext.read_error === undefined && s.ext.exports_everything === true && s.ext.disabled !== true,
    );
    if (aggregated) {
      return pass(
        `aggregated sink ${aggregated.com.name} of ${String(aggregated.ext.set_on)} exports every entry to ${String(aggregated.ext.destination)}`,
      );
    }
    const unread = [
      ...inherited.unreadable.map((u) => u.reason),
      ...inherited.records
        .filter((s) => typeof s.ext.read_error === 'string')
        .map((s) => `${String(s.ext.set_on)}: ${String(s.ext.read_error)}`),
    ];
    if (unread.length > 0) {
      return error(
        `project ${ctx.account} has no enabled sink of its own that exports every log entry, and the sinks it inherits could not be read: ${unread.join('; ')}`,
      );
    }
    return fail(`project ${ctx.account} has no enabled sink that exports every log entry`, {
      evidence: {
        sinks: sinks.map((s) => ({ name: s.com.name, filter: s.ext.filter, disabled: s.ext.disabled })),
        inherited_sinks: inherited.records.map((s) => ({
          name: s.com.name,
          set_on: s.ext.set_on,
          filter: s.ext.filter,
        })),
      },
    });
  },
});
