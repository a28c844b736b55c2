import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_node_to_node_encryption',
  title: 'OpenSearch domains encrypt traffic between nodes',
  severity: 'medium',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description: 'Node-to-node encryption is off: data moves between the nodes of the domain without TLS.',
  risk: 'Anyone able to observe the network of the domain sees indexed documents and queries.',
  remediation: {
    text: 'Turn on node-to-node encryption.',
    cli: `aws opensearch update-domain-config --domain-name <domain> --node-to-node-encryption-options Enabled=true`,
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html'],
  evaluate(domain) {
    return settingOn(domain, 'node_to_node_encryption', {
      on: 'node-to-node encryption is on',
      off: `${domain.com.name} sends traffic between its nodes unencrypted`,
      unknown: 'the domain configuration is unreadable',
    });
  },
});
