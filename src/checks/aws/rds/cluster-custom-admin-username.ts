import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';
import { unlessOtherEngine } from './cluster-scope.js';
import { DEFAULT_ADMIN_NAMES } from './engines.js';

export default defineCheck({
  id: 'aws.rds.cluster_custom_admin_username',
  title: 'RDS DB clusters use a custom administrator name',
  severity: 'medium',
  resource: 'aws.rds.db_cluster',
  triggers: [],
  description: 'The master user of the cluster has a default name (admin, postgres, root, sa, master).',
  risk: 'A well-known login name leaves only the password to guess in a brute-force or credential-stuffing attack.',
  remediation: {
    text: 'The master user name cannot be changed: restore a snapshot as a new cluster with a custom master user name and move to it.',
    cli: 'aws rds restore-db-cluster-from-snapshot --db-cluster-identifier <new-cluster> --snapshot-identifier <snapshot> --engine <engine>',
  },
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.MasterAccounts.html',
  ],
  evaluate(cluster) {
    return unlessOtherEngine(cluster, () => {
      const user = extStr(cluster, 'master_username');
      if (user === null) return error('the master user name is unreadable');
      return DEFAULT_ADMIN_NAMES.has(user.toLowerCase())
        ? fail(`${cluster.com.name} has the default administrator name "${user}"`)
        : pass('custom administrator name');
    });
  },
});
