import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_fine_grained_access_control',
  title: 'OpenSearch domains have fine-grained access control',
  severity: 'high',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description:
    'Fine-grained access control is off: every principal allowed by the domain access policy can read and write every index.',
  risk: 'No index-, document- or field-level permissions limit what a compromised client can read or destroy.',
  remediation: {
    text: 'Turn on fine-grained access control (it needs HTTPS, node-to-node and at-rest encryption).',
    cli: `aws opensearch update-domain-config --domain-name <domain> --advanced-security-options Enabled=true,InternalUserDatabaseEnabled=false,MasterUserOptions={MasterUserARN=<role-arn>}`,
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html'],
  evaluate(domain) {
    return settingOn(domain, 'fine_grained_access_control', {
      on: 'fine-grained access control is on',
      off: `${domain.com.name} has no fine-grained access control`,
      unknown: 'the domain configuration is unreadable',
    });
  },
});
