import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.logs.log_group';

const RAW = S.raw({
  item: S.obj({
    logGroupName: S.str,
    logGroupArn: S.str,
    arn: S.str,
    retentionInDays: S.num,
    kmsKeyId: S.str,
    storedBytes: S.num,
    metricFilterCount: S.num,
    logGroupClass: S.str,
    dataProtectionStatus: S.str,
  }),
});

/**
 * A CloudWatch Logs log group ('log_profile'). Without retentionInDays the events never expire,
 * which is retention_days 0 ("kept forever") with retention_enabled false.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'logs',
  produces: [TYPE, 'log_profile'],
  raw: RAW,
  normalise(raw, scope) {
    const group = requireItem<LogGroup>(raw, TYPE);
    const name = requireString(group, 'logGroupName', TYPE, 'item.logGroupName');
    // `arn` ends in ":*" (the log streams); logGroupArn is the group itself
    const reference =
      str(group.logGroupArn) ??
      str(group.arn)?.replace(/:\*$/, '') ??
      awsArn('logs', scope.region, scope.account, `log-group:${name}`, scope.partition);
    const retention = num(group.retentionInDays);
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
          retention_days: retention ?? 0,
          retention_enabled: retention !== null,
        },
      }),
    ];
  },
});
