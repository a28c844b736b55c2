import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.network_firewall.firewall_logging_enabled',
  title: 'Network Firewall firewalls send their logs',
  severity: 'medium',
  resource: 'aws.network_firewall.firewall',
  facts: { 'aws.network_firewall.firewall': ['log_types'] },
  triggers: ['UpdateLoggingConfiguration'],
  description: 'No flow, alert or TLS log of the firewall goes to a destination.',
  risk: 'Without firewall logs there is no record of blocked or allowed connections to investigate an intrusion or exfiltration.',
  remediation: {
    text: 'Send at least the alert and flow logs to CloudWatch Logs, S3 or Firehose.',
    cli: 'aws network-firewall update-logging-configuration --firewall-arn <arn> --logging-configuration \'{"LogDestinationConfigs":[{"LogType":"ALERT","LogDestinationType":"CloudWatchLogs","LogDestination":{"logGroup":"<log-group>"}}]}\'',
  },
  references: ['https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html'],
  evaluate(fw) {
    const types = extList<string>(fw, 'log_types');
    if (types === null)
      return error(`the logging configuration could not be read${whyUnknown(fw, 'logging')}`);
    return types.length > 0 ? pass(`logs ${types.join(', ')}`) : fail(`${fw.com.name} sends no logs`);
  },
});
