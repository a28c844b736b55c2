import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.instance_deletion_protection',
  title: 'RDS instances have deletion protection',
  severity: 'low',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description:
    'Deletion protection is off: the instance can be deleted by any identity allowed rds:DeleteDBInstance, in one call.',
  risk: 'A mistaken or malicious delete removes the database; only snapshots, if any, remain.',
  remediation: {
    text: 'Turn on deletion protection for the instance.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --deletion-protection --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection',
  ],
  evaluate(db) {
    return settingOn(db, 'deletion_protection', {
      on: 'deletion protection is on',
      off: `${db.com.name} has no deletion protection`,
      unknown: 'the deletion protection setting is unreadable',
    });
  },
});
