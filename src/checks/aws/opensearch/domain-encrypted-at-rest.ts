import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_encrypted_at_rest',
  title: 'OpenSearch domains are encrypted at rest',
  severity: 'medium',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description: 'The indices, logs, swap files and automated snapshots of the domain are not encrypted.',
  risk: 'Whoever obtains the storage or a snapshot reads the indexed documents.',
  remediation: {
    text: 'Turn on encryption at rest with a KMS key (OpenSearch 2.x and Elasticsearch 5.1 and later).',
    cli: `aws opensearch update-domain-config --domain-name <domain> --encryption-at-rest-options Enabled=true`,
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
  ],
  evaluate(domain) {
    return settingOn(domain, 'encrypted_at_rest', {
      on: 'encrypted at rest',
      off: `${domain.com.name} is not encrypted at rest`,
      unknown: 'the domain configuration is unreadable',
    });
  },
});
