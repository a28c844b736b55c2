import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_software_current',
  title: 'OpenSearch domains run the latest service software',
  severity: 'medium',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description: 'A service software update is available for the domain and has not been installed.',
  risk: 'Security fixes of the service software wait until the update is forced, up to weeks later.',
  remediation: {
    text: 'Start the service software update (or schedule it in an off-peak window).',
    cli: 'aws opensearch start-service-software-update --domain-name <domain>',
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/service-software.html'],
  evaluate(domain) {
    const update = extBool(domain, 'software_update_available');
    if (update === null) return error('the service software status is unreadable');
    return update ? fail(`${domain.com.name} has a service software update waiting`) : pass('up to date');
  },
});
