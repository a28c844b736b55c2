import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.wafv2.web_acl_logging_enabled',
  title: 'AWS WAF web ACLs log the traffic they inspect',
  severity: 'low',
  resource: 'aws.wafv2.web_acl',
  facts: { 'aws.wafv2.web_acl': ['logging_enabled'] },
  triggers: ['PutLoggingConfiguration', 'DeleteLoggingConfiguration'],
  description: 'Logging is not configured for the web ACL.',
  risk: 'Without WAF logs there is no record of which requests were blocked or allowed and why, to investigate an attack or a false positive.',
  remediation: {
    text: 'Send the web ACL logs to CloudWatch Logs, S3 or Firehose (destination names start with aws-waf-logs-).',
    cli: 'aws wafv2 put-logging-configuration --logging-configuration ResourceArn=<web-acl-arn>,LogDestinationConfigs=<aws-waf-logs-destination-arn>',
  },
  references: ['https://docs.aws.amazon.com/waf/latest/developerguide/logging.html'],
  evaluate(acl) {
    const on = extBool(acl, 'logging_enabled');
    if (on === null) return error(`the logging configuration could not be read${whyUnknown(acl, 'logging')}`);
    return on ? pass('logging is configured') : fail(`${acl.com.name} has no logging`);
  },
});
