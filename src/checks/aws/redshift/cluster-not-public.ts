import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_not_public',
  title: 'Redshift clusters are not publicly accessible',
  severity: 'high',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description:
    'The cluster is publicly accessible: its endpoint has a public address reachable from the internet where security groups allow.',
  risk: 'One permissive security group rule exposes the warehouse to password guessing and exploits from anywhere.',
  remediation: {
    text: 'Turn off public accessibility for the cluster and reach it through the VPC.',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --no-publicly-accessible',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html'],
  evaluate(cluster) {
    const open = extBool(cluster, 'publicly_accessible');
    if (open === null) return error('the public accessibility setting is unreadable');
    return open ? fail(`${cluster.com.name} is publicly accessible`) : pass('not publicly accessible');
  },
});
