import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

export default defineCheck({
  id: 'gcp.dataproc.cluster_cmek',
  title: 'Dataproc clusters are encrypted with customer-managed keys',
  severity: 'low',
  resource: 'gcp.dataproc.cluster',
  triggers: [
    'google.cloud.dataproc.v1.ClusterController.CreateCluster',
    'google.cloud.dataproc.v1.ClusterController.UpdateCluster',
  ],
  description:
    "The cluster's disks and data are encrypted with Google-managed keys: its encryptionConfig names no Cloud KMS key.",
  risk: "With Google-managed keys you cannot revoke access to the cluster's data by disabling a key, nor separate key administration from data access.",
  remediation: {
    text: 'Recreate the cluster with a Cloud KMS key (the encryption of an existing cluster cannot change).',
    cli: 'gcloud dataproc clusters create <cluster> --region <region> --kms-key projects/<p>/locations/<l>/keyRings/<ring>/cryptoKeys/<key>',
  },
  references: [
    'https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/customer-managed-encryption',
  ],
  evaluate: (r) =>
    r.ext.kms_key === undefined
      ? error('the encryption configuration was not read')
      : typeof r.ext.kms_key === 'string'
        ? pass(`encrypted with ${r.ext.kms_key}`)
        : fail(`Dataproc cluster ${r.com.name} (${r.com.region}) uses Google-managed keys`),
});
