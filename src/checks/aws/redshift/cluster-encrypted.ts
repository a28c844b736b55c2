import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_encrypted',
  title: 'Redshift clusters are encrypted at rest',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description: 'The data blocks, system metadata and snapshots of the cluster are not encrypted.',
  risk: 'Whoever obtains the storage or a snapshot reads the warehouse without any key permission.',
  remediation: {
    text: 'Turn on encryption for the cluster with a KMS key (Redshift migrates the data in place).',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --encrypted --kms-key-id <key-arn>',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'],
  evaluate(cluster) {
    return settingOn(cluster, 'encrypted', {
      on: 'encrypted at rest',
      off: `${cluster.com.name} is not encrypted at rest`,
      unknown: 'the encryption setting is unreadable',
    });
  },
});
