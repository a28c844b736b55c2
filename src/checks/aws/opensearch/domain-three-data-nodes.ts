import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extNum } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_three_data_nodes',
  title: 'OpenSearch domains have at least three data nodes across zones',
  severity: 'medium',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description: 'The domain has fewer than three data nodes, or zone awareness is off.',
  risk: 'The loss of one node or one Availability Zone leaves shards without a replica: the domain goes red and writes fail.',
  remediation: {
    text: 'Run at least three data nodes with zone awareness across two or three Availability Zones.',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --cluster-config InstanceCount=3,ZoneAwarenessEnabled=true,ZoneAwarenessConfig={AvailabilityZoneCount=3}',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html',
  ],
  evaluate(domain) {
    const nodes = extNum(domain, 'data_nodes');
    const zones = extBool(domain, 'zone_awareness');
    if (nodes === null || zones === null) return error('the cluster configuration is unreadable');
    if (nodes < 3) return fail(`${domain.com.name} has ${nodes} data node(s)`);
    return zones
      ? pass(`${nodes} data nodes with zone awareness`)
      : fail(`${domain.com.name} has zone awareness off`);
  },
});
