import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_custom_admin_username',
  title: 'Redshift clusters do not use the default administrator name',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description: 'The cluster keeps the default administrator name "awsuser" that the console proposes.',
  risk: 'A default name is known to every attacker: it removes one of the things a brute-force or injection attempt has to guess.',
  remediation: {
    text: 'The administrator name cannot be changed: create a new cluster (or restore a snapshot) with a custom administrator name and move to it.',
    cli: 'aws redshift create-cluster --cluster-identifier <new-cluster> --master-username <custom-admin> --node-type <type> --master-user-password <password>',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/create-cluster.html'],
  evaluate(cluster) {
    const value = extStr(cluster, 'master_username');
    if (value === null) return error('the administrator name is unreadable');
    return value === 'awsuser'
      ? fail(`${cluster.com.name} uses the default administrator name "awsuser"`)
      : pass('custom administrator name');
  },
});
