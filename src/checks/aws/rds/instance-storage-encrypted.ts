import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import type { RdbmsCom } from '../../../core/shapes.js';

export default defineCheck({
  id: 'aws.rds.instance_storage_encrypted',
  title: 'RDS instances encrypt their storage at rest',
  severity: 'medium',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description:
    "The database instance's storage, automated backups, replicas and snapshots are not encrypted.",
  risk: 'A shared or copied snapshot of an unencrypted database hands over all of its data.',
  remediation: {
    text: 'Take a snapshot, copy it with encryption (a KMS key), restore a new instance from the encrypted copy and move the application to it.',
    cli: 'aws rds create-db-snapshot --db-instance-identifier <db> --db-snapshot-identifier <db>-plain\naws rds copy-db-snapshot --source-db-snapshot-identifier <db>-plain --target-db-snapshot-identifier <db>-enc --kms-key-id <key-arn>\naws rds restore-db-instance-from-db-snapshot --db-instance-identifier <db>-enc --db-snapshot-identifier <db>-enc',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  evaluate(db) {
    const c = db.com as typeof db.com & Partial<RdbmsCom>;
    if (c.storage_encrypted === true) return pass('storage is encrypted');
    if (c.storage_encrypted === false) return fail(`${db.com.name} stores its data unencrypted`);
    return error('the storage encryption setting is unreadable');
  },
});
