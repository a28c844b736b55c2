import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extNum, extStr } from '../facts.js';
import { isClusterMember } from './engines.js';

export default defineCheck({
  id: 'aws.rds.instance_automatic_backups',
  title: 'RDS instances keep automatic backups for at least 7 days',
  severity: 'medium',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description: 'Automatic backups are off (retention 0) or kept for fewer days than required.',
  risk: 'Without automatic backups there is no point-in-time recovery: corrupted or deleted data cannot be restored.',
  remediation: {
    text: 'Set the backup retention period to at least the required number of days (7 by default).',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --backup-retention-period 7 --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
  ],
  params: z.object({ min_retention_days: z.number().int().min(1).max(35).default(7) }),
  evaluate(db, { min_retention_days }) {
    if (isClusterMember(db)) return notApplicable('the cluster keeps the backups of its members');
    if (extStr(db, 'read_replica_source'))
      return notApplicable('read replicas are restored from their source');
    const days = extNum(db, 'backup_retention_days');
    if (days === null) return error('the backup retention period is unreadable');
    if (days >= min_retention_days) return pass(`backups kept ${days} days`);
    return fail(
      days === 0
        ? `${db.com.name} has automatic backups off`
        : `${db.com.name} keeps backups ${days} days, under ${min_retention_days}`,
      { evidence: { backup_retention_days: days } },
    );
  },
});
