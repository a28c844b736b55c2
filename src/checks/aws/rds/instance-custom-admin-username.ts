import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';
import { DEFAULT_ADMIN_NAMES, isClusterMember } from './engines.js';

export default defineCheck({
  id: 'aws.rds.instance_custom_admin_username',
  title: 'RDS instances use a custom administrator name',
  severity: 'medium',
  resource: 'aws.rds.db_instance',
  triggers: [],
  description: 'The master user of the instance has a default name (admin, postgres, root, sa, master).',
  risk: 'A well-known login name leaves only the password to guess in a brute-force or credential-stuffing attack.',
  remediation: {
    text: 'The master user name cannot be changed: create a new instance (or restore a snapshot) with a custom master user name and migrate to it.',
    cli: 'aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <new-db> --db-snapshot-identifier <snapshot>',
  },
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html'],
  evaluate(db) {
    if (isClusterMember(db)) return notApplicable('the master user is the cluster’s');
    const user = extStr(db, 'master_username');
    if (user === null) return error('the master user name is unreadable');
    return DEFAULT_ADMIN_NAMES.has(user.toLowerCase())
      ? fail(`${db.com.name} has the default administrator name "${user}"`)
      : pass('custom administrator name');
  },
});
