import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_multi_az',
  title: 'Redshift clusters span several Availability Zones',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description: 'The cluster is deployed in a single Availability Zone.',
  risk: 'An Availability Zone outage makes the warehouse unavailable until it is relocated or restored.',
  remediation: {
    text: 'Turn on Multi-AZ for the cluster (RA3 node types).',
    cli: 'aws redshift modify-cluster --cluster-identifier <cluster> --multi-az',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/managing-cluster-multi-az.html'],
  evaluate(cluster) {
    return settingOn(cluster, 'multi_az', {
      on: 'Multi-AZ is on',
      off: `${cluster.com.name} runs in a single Availability Zone`,
      unknown: 'the Multi-AZ setting is unreadable',
    });
  },
});
