import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.rds.instance_auto_minor_version_upgrade',
  title: 'RDS instances apply minor engine upgrades automatically',
  severity: 'low',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description:
    'Auto minor version upgrade is off, so security patches of the database engine are applied only when someone remembers to.',
  risk: 'Known engine vulnerabilities stay open for months on databases nobody upgrades by hand.',
  remediation: {
    text: 'Turn on auto minor version upgrade; the upgrade happens in the maintenance window.',
    cli: 'aws rds modify-db-instance --db-instance-identifier <db> --auto-minor-version-upgrade --apply-immediately',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades',
  ],
  evaluate(db) {
    const on = extBool(db, 'auto_minor_version_upgrade');
    if (on === null) return error('the auto minor version upgrade setting is unreadable');
    return on
      ? pass('minor upgrades are automatic')
      : fail(`${db.com.name} does not upgrade minor versions automatically`);
  },
});
