import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.bigquery.table_cmek',
  title: 'BigQuery tables are encrypted with customer-managed keys',
  severity: 'low',
  resource: 'gcp.bigquery.table',
  triggers: ['tableservice.insert', 'tableservice.update', 'tableservice.patch'],
  description: 'The table is encrypted with a Google-managed key, not a Cloud KMS key of yours.',
  risk: 'With Google-managed keys you cannot revoke access to the data by disabling a key, nor separate key administration from data access.',
  remediation: {
    text: 'Copy the table onto itself with a Cloud KMS key (or recreate it with one).',
    cli: 'bq cp -f --destination_kms_key projects/<p>/locations/<l>/keyRings/<ring>/cryptoKeys/<key> <dataset>.<table> <dataset>.<table>',
  },
  references: ['https://cloud.google.com/bigquery/docs/customer-managed-encryption'],
  evaluate: (r) => {
    if (r.ext.holds_data === false)
      return notApplicable(`a ${String(r.ext.table_type)} holds no data of its own`);
    if (typeof r.ext.table_error === 'string')
      return error(`the table could not be read: ${r.ext.table_error}`);
    const key = r.ext.kms_key;
    if (typeof key === 'string') return pass(`encrypted with ${key}`);
    return fail(`table ${r.com.name} is encrypted with a Google-managed key`);
  },
});
