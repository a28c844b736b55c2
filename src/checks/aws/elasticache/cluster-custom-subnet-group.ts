import { defineCheck } from '../../../core/check.js';
import { fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.elasticache.cluster_custom_subnet_group',
  title: 'ElastiCache clusters do not use the default subnet group',
  severity: 'high',
  resource: 'aws.elasticache.cache_cluster',
  triggers: [],
  description:
    'The cluster runs in the subnet group named "default" (every subnet of the default VPC) or outside a VPC.',
  risk: 'The default VPC has public subnets with routes to the internet: the cache lands next to everything else, without a network boundary chosen for it.',
  remediation: {
    text: 'Create a subnet group of private subnets for the cache and move the cluster to it (a new cluster restored from a backup).',
    cli: 'aws elasticache create-cache-subnet-group --cache-subnet-group-name <private-group> --cache-subnet-group-description "private cache subnets" --subnet-ids <subnet-a> <subnet-b>',
  },
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SubnetGroups.html'],
  evaluate(cluster) {
    const group = extStr(cluster, 'subnet_group');
    if (group === null) return fail(`${cluster.com.name} has no subnet group (not in a VPC)`);
    return group === 'default'
      ? fail(`${cluster.com.name} uses the default subnet group`)
      : pass(`subnet group ${group}`);
  },
});
