import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_custom_database_name',
  title: 'Redshift clusters do not use the default database name',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description: 'The cluster keeps the default database name "dev" that the console proposes.',
  risk: 'A default name is known to every attacker: it removes one of the things a brute-force or injection attempt has to guess.',
  remediation: {
    text: 'The database name cannot be changed: create a new cluster (or restore a snapshot) with a custom database name and move to it.',
    cli: 'aws redshift create-cluster --cluster-identifier <new-cluster> --db-name <custom-database> --master-username <admin> --node-type <type> --master-user-password <password>',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/create-cluster.html'],
  evaluate(cluster) {
    const value = extStr(cluster, 'database_name');
    if (value === null) return error('the database name is unreadable');
    return value === 'dev'
      ? fail(`${cluster.com.name} uses the default database name "dev"`)
      : pass('custom database name');
  },
});
