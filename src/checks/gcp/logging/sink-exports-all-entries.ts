import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';

const SINK = 'gcp.logging.sink';
/** The sinks Google makes in every project, routing to its own log buckets. */
const BUILT_IN = new Set(['_Required', '_Default']);

export default defineCheck({
  id: 'gcp.logging.sink_exports_all_entries',
  title: 'A log sink exports every log entry',
  severity: 'medium',
  scope: 'account',
  uses: [SINK],
  triggers: ['CreateSink', 'UpdateSink', 'DeleteSink'].map((m) => `google.logging.v2.ConfigServiceV2.${m}`),
  description:
    'The project has no enabled sink of its own without a filter (and without exclusions), so not every log entry is copied out of the project.',
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
    return fail(`project ${ctx.account} has no enabled sink that exports every log entry`, {
      evidence: {
        sinks: sinks.map((s) => ({ name: s.com.name, filter: s.ext.filter, disabled: s.ext.disabled })),
      },
    });
  },
});
