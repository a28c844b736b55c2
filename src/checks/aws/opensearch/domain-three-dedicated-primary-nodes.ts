import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_three_dedicated_primary_nodes',
  title: 'OpenSearch domains have at least three dedicated primary nodes',
  severity: 'low',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description: 'The domain has no dedicated primary (master) nodes, or fewer than three.',
  risk: 'Cluster management shares nodes with the data or has no quorum to survive the loss of one node.',
  remediation: {
    text: 'Enable dedicated primary nodes with a count of three (or more).',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --cluster-config DedicatedMasterEnabled=true,DedicatedMasterCount=3,DedicatedMasterType=<type>',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-dedicatedmasternodes.html',
  ],
  evaluate(domain) {
    const count = extNum(domain, 'dedicated_primary_nodes');
    if (count === null) return error('the cluster configuration is unreadable');
    return count >= 3
      ? pass(`${count} dedicated primary nodes`)
      : fail(`${domain.com.name} has ${count} dedicated primary node(s)`);
  },
});
