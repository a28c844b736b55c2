import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.docdb.cluster_encrypted',
  title: 'DocumentDB clusters are encrypted at rest',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'The storage, backups and snapshots of the DocumentDB cluster are not encrypted.',
  risk: 'Whoever obtains the storage or a snapshot reads the documents without any key permission.',
  remediation: {
    text: 'Encryption is set at creation: restore a snapshot as a new cluster with a KMS key and move to it.',
    cli: 'aws docdb restore-db-cluster-from-snapshot --db-cluster-identifier <new-cluster> --snapshot-identifier <snapshot> --engine docdb --kms-key-id <key-arn>',
  },
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html'],
  evaluate(r) {
    return onlyEngine(r, 'docdb', () =>
      settingOn(r, 'storage_encrypted', {
        on: 'encrypted at rest',
        off: `${r.com.name} is not encrypted at rest`,
        unknown: 'the setting is unreadable',
      }),
    );
  },
});
