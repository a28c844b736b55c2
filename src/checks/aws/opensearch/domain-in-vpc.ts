import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_in_vpc',
  title: 'OpenSearch domains are not publicly accessible',
  severity: 'high',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description:
    'The domain has a public endpoint instead of running in a VPC: only its access policy stands between the internet and the data.',
  risk: 'A permissive access policy exposes every index to the internet.',
  remediation: {
    text: 'Domains cannot move into a VPC: create a VPC domain, restore a snapshot into it, and delete the public one.',
    cli: `aws opensearch create-domain --domain-name <domain> --vpc-options SubnetIds=<subnet>,SecurityGroupIds=<sg>`,
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html'],
  evaluate(domain) {
    return settingOn(domain, 'in_vpc', {
      on: 'runs in a VPC',
      off: `${domain.com.name} has a public endpoint`,
      unknown: 'the domain configuration is unreadable',
    });
  },
});
