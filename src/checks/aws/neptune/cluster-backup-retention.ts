import { z } from 'zod';
import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';
import { onlyEngine } from '../rds/engine-scope.js';

export default defineCheck({
  id: 'aws.neptune.cluster_backup_retention',
  title: 'Neptune clusters keep automatic backups for at least 7 days',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'The Neptune cluster keeps automatic backups for fewer days than required.',
  risk: 'Data lost to a mistake or an attack further back than the retention period cannot be restored.',
  remediation: {
    text: 'Set the backup retention period to at least the required number of days (7 by default).',
    cli: 'aws neptune modify-db-cluster --db-cluster-identifier <cluster> --backup-retention-period 7 --apply-immediately',
  },
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-overview-backups.html'],
  params: z.object({ min_retention_days: z.number().int().min(1).max(35).default(7) }),
  evaluate(cluster, { min_retention_days }) {
    return onlyEngine(cluster, 'neptune', () => {
      const days = extNum(cluster, 'backup_retention_days');
      if (days === null) return error('the backup retention period is unreadable');
      return days >= min_retention_days
        ? pass(`backups kept ${days} days`)
        : fail(`${cluster.com.name} keeps backups ${days} days, under ${min_retention_days}`);
    });
  },
});
