import { defineCheck } from '../../../core/check.js';
import { UNENCRYPTED_SNAPSHOT } from '../../../core/shapes.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.cluster_snapshot_encrypted',
  title: 'RDS DB cluster snapshots are encrypted',
  severity: 'medium',
  resource: 'aws.rds.db_cluster_snapshot',
  exposure: UNENCRYPTED_SNAPSHOT,
  triggers: [],
  description: 'The DB cluster snapshot is not encrypted at rest.',
  risk: 'Whoever obtains the snapshot, or a copy shared with another account, reads the database without any key permission.',
  remediation: {
    text: 'Copy the snapshot with a KMS key (the copy is encrypted), delete the unencrypted one, and encrypt the source database.',
    cli: 'aws rds copy-db-cluster-snapshot --source-db-cluster-snapshot-identifier <snapshot> --target-db-cluster-snapshot-identifier <snapshot>-encrypted --kms-key-id <key-arn>',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  evaluate(snapshot) {
    return settingOn(snapshot, 'encrypted', {
      on: 'encrypted',
      off: `${snapshot.com.name} is not encrypted`,
      unknown: 'the encryption setting is unreadable',
    });
  },
});
