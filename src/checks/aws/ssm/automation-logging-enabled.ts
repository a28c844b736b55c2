import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extStr } from '../facts.js';

export default defineCheck({
  id: 'aws.ssm.automation_logging_enabled',
  title: 'Systems Manager Automation sends script output to CloudWatch Logs',
  severity: 'medium',
  resource: 'aws.ssm.service_settings',
  triggers: [],
  description:
    'The output of scripts run by Automation runbooks is not sent to CloudWatch Logs in the region.',
  risk: 'What runbooks did on your instances and accounts leaves no log to review or investigate.',
  remediation: {
    text: 'Set the Automation script log destination to CloudWatch Logs in each region.',
    cli: 'aws ssm update-service-setting --setting-id /ssm/automation/customer-script-log-destination --setting-value CloudWatch --region <region>',
  },
  references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-action-logging.html'],
  evaluate(rec) {
    const dest = extStr(rec, 'automation_log_destination');
    if (dest === null) return error('the setting is missing from the record');
    return dest === 'CloudWatch'
      ? pass('script output goes to CloudWatch Logs')
      : fail(`Automation script output is not logged in ${rec.com.region} (${dest})`);
  },
});
