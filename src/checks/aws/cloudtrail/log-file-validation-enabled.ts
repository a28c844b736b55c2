import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../facts.js';

export default defineCheck({
  id: 'aws.cloudtrail.log_file_validation_enabled',
  title: 'CloudTrail trails validate their log files',
  severity: 'medium',
  resource: 'aws.cloudtrail.trail',
  triggers: [],
  // No trail, no validated log files: the control's aim is unmet, so the account fails (beside
  // the multi-region trail check) instead of the requirement reading "not applicable".
  whenNone: fail('the account has no CloudTrail trail, so no log file is validated'),
  description:
    'Log file integrity validation is off for the trail: no signed digest files prove its log files were not changed or deleted.',
  risk: 'Someone with access to the log bucket can alter or remove records of what they did, and nobody can prove it.',
  remediation: {
    text: 'Enable log file validation on the trail.',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
  },
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
  ],
  evaluate(trail) {
    const on = extBool(trail, 'log_file_validation');
    if (on === null) return error('the log file validation setting is unreadable');
    return on
      ? pass('log files are validated')
      : fail(`trail ${trail.com.name} does not validate its log files`);
  },
});
