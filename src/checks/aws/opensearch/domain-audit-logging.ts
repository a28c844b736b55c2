import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.opensearch.domain_audit_logging',
  title: 'OpenSearch domains keep audit logs',
  severity: 'medium',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description: 'Audit logs of the domain are not published to CloudWatch Logs.',
  risk: 'Who authenticated, which indices they read and what they changed cannot be traced in an investigation.',
  remediation: {
    text: 'Turn on fine-grained access control and publish the audit logs (AUDIT_LOGS) to a CloudWatch Logs group.',
    cli: `aws opensearch update-domain-config --domain-name <domain> --log-publishing-options "AUDIT_LOGS={CloudWatchLogsLogGroupArn=<log-group-arn>,Enabled=true}"`,
  },
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html'],
  evaluate(domain) {
    return settingOn(domain, 'audit_logs', {
      on: 'audit logs go to CloudWatch Logs',
      off: `${domain.com.name} does not publish audit logs`,
      unknown: 'the domain configuration is unreadable',
    });
  },
});
