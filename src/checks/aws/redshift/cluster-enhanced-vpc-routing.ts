import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_enhanced_vpc_routing',
  title: 'Redshift clusters use enhanced VPC routing',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description:
    'Enhanced VPC routing is off: COPY and UNLOAD traffic between the cluster and its data sources bypasses the VPC.',
  risk: 'That traffic escapes VPC endpoints policies, security groups, network ACLs and flow logs.',
  remediation: {
    text: 'Turn on enhanced VPC routing and add the VPC endpoints or NAT routes the cluster needs.',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --enhanced-vpc-routing',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html'],
  evaluate(cluster) {
    return settingOn(cluster, 'enhanced_vpc_routing', {
      on: 'COPY and UNLOAD traffic goes through the VPC',
      off: `${cluster.com.name} sends COPY and UNLOAD traffic outside the VPC`,
      unknown: 'the enhanced VPC routing setting is unreadable',
    });
  },
});
