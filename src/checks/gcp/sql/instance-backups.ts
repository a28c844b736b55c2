import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { isReplica, SQL_TRIGGERS } from './sql-common.js';

export default defineCheck({
  id: 'gcp.sql.instance_backups_enabled',
  title: 'Cloud SQL instances take automated backups',
  severity: 'medium',
  resource: 'gcp.sql.instance',
  triggers: SQL_TRIGGERS,
  description: 'Automated backups are off for the instance (settings.backupConfiguration.enabled).',
  risk: 'Without backups, data lost to an error, corruption or ransomware cannot be restored.',
  remediation: {
    text: 'Turn on automated backups with a start time in a quiet period.',
    cli: 'gcloud sql instances patch <instance> --backup-start-time=<HH:MM>',
  },
  references: ['https://cloud.google.com/sql/docs/mysql/backup-recovery/backups'],
  evaluate: (r) => {
    if (isReplica(r)) return notApplicable('a read replica is not backed up itself');
    if (r.ext.backups_enabled === undefined) return error('the backup configuration was not read');
    // backupConfiguration.enabled is left out when backups were never turned on
    return r.ext.backups_enabled === true
      ? pass('automated backups are on')
      : fail(`Cloud SQL instance ${r.com.name} takes no automated backups`);
  },
});
