import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.logs.log_group';

/**
 * A CloudWatch Logs log group ('log_profile'). Without retentionInDays the events never expire,
 * which is retention_days 0 ("kept forever") with retention_enabled false.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'logs',
  produces: [TYPE, 'log_profile'],
  normalise(raw, scope) {
    const group = requireItem<LogGroup>(raw, TYPE);
    const name = requireString(group, 'logGroupName', TYPE, 'item.logGroupName');
    // `arn` ends in ":*" (the log streams); logGroupArn is the group itself
    const reference =
      str(group.logGroupArn) ??
      str(group.arn)?.replace(/:\*$/, '') ??
      awsArn('logs', scope.region, scope.account, `log-group:${name}`, scope.partition);
    const retention = group.retentionInDays === undefined ? undefined : num(group.retentionInDays);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'log_profile',
        reference,
        name,
        service: 'logs',
        ext: {
          kms_key_id: str(group.kmsKeyId),
          encrypted_with_kms: str(group.kmsKeyId) !== null,
          stored_bytes: num(group.storedBytes),
          metric_filter_count: num(group.metricFilterCount),
          log_group_class: str(group.logGroupClass),
          data_protection_status: str(group.dataProtectionStatus),
        },
        shape: {
          // a retentionInDays that is present but not a number is unknown, not "forever"
          retention_days: retention === undefined ? 0 : retention,
          retention_enabled: retention === undefined ? false : retention === null ? null : true,
        },
      }),
    ];
  },
});
