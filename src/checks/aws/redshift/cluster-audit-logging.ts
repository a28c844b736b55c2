import { defineCheck } from '../../../core/check.js';
import { settingOn } from '../facts.js';

export default defineCheck({
  id: 'aws.redshift.cluster_audit_logging',
  title: 'Redshift clusters log connections and user activity',
  severity: 'medium',
  resource: 'aws.redshift.cluster',
  triggers: [],
  description: 'Audit logging is off: connection, user and user activity logs of the cluster are not kept.',
  risk: 'Logins, privilege changes and queries cannot be traced in an investigation.',
  remediation: {
    text: 'Turn on audit logging to CloudWatch Logs or an S3 bucket.',
    cli: 'aws redshift enable-logging --cluster-identifier <cluster> --log-destination-type cloudwatch --log-exports connectionlog userlog useractivitylog',
  },
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html'],
  evaluate(cluster) {
    return settingOn(cluster, 'audit_logging', {
      on: 'audit logging is on',
      off: `${cluster.com.name} has audit logging off`,
      unknown: 'the logging status is unreadable',
      why: ['logging'],
    });
  },
});
