import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.bigquery.dataset_default_cmek',
  title: 'BigQuery datasets have a default customer-managed key',
  severity: 'low',
  resource: 'gcp.bigquery.dataset',
  triggers: ['datasetservice.insert', 'datasetservice.update', 'datasetservice.patch'],
  description: 'The dataset has no default Cloud KMS key: new tables are encrypted with Google-managed keys.',
  risk: 'With Google-managed keys you cannot revoke access to the data by disabling a key, nor separate key administration from data access.',
  remediation: {
    text: 'Set a default Cloud KMS key on the dataset (the BigQuery service agent needs Encrypter/Decrypter on it).',
    cli: 'bq update --default_kms_key projects/<p>/locations/<l>/keyRings/<ring>/cryptoKeys/<key> <project>:<dataset>',
  },
  references: ['https://cloud.google.com/bigquery/docs/customer-managed-encryption'],
  evaluate: (r) => {
    if (typeof r.ext.dataset_error === 'string')
      return error(`the dataset could not be read: ${r.ext.dataset_error}`);
    const key = r.ext.default_kms_key;
    if (typeof key === 'string') return pass(`default key ${key}`);
    return fail(`dataset ${r.com.name} has no default customer-managed key`);
  },
});
