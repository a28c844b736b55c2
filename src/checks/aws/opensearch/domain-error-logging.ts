import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_error_logging',
  title: 'OpenSearch domains send error logs to CloudWatch Logs',
  severity: 'medium',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description: 'Error (application) logs of the domain are not published to CloudWatch Logs.',
  risk: 'Errors, failed requests and warnings of the cluster are lost, which hides both faults and attacks.',
  remediation: {
    text: 'Publish the error logs (ES_APPLICATION_LOGS) to a CloudWatch Logs group.',
    cli: `aws opensearch update-domain-config --domain-name <domain> --log-publishing-options "ES_APPLICATION_LOGS={CloudWatchLogsLogGroupArn=<log-group-arn>,Enabled=true}"`,
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html',
  ],
  evaluate(domain) {
    return settingOn(domain, 'application_logs', {
      on: 'error logs go to CloudWatch Logs',
      off: `${domain.com.name} does not publish its error logs`,
      unknown: 'the domain configuration is unreadable',
    });
  },
});
