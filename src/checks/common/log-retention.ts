import { z } from 'zod';
import { defineCheck } from '../../core/check.js';
import { error, fail, pass } from '../../core/result.js';
import type { LogProfileCom } from '../../core/shapes.js';

export default defineCheck({
  id: 'common.logging.retention_at_least_365_days',
  title: 'Activity logs are retained for at least a year',
  severity: 'low',
  resource: 'log_profile',
  finding_type: 'log_profile_retention_event',
  triggers: [
    'PutRetentionPolicy',
    'DeleteRetentionPolicy',
    'microsoft.insights/logprofiles/write',
    'google.logging.v2.ConfigServiceV2.UpdateBucket',
  ],
  description:
    'The log profile, log group or log bucket keeps records for fewer days than the required minimum.',
  risk: 'An intrusion is often found months after it began; logs deleted before then leave the investigation blind.',
  remediation: {
    text: 'Keep the logs for at least the required number of days (365 by default), or without limit.',
    clouds: {
      aws: {
        text: 'Set the retention of the CloudWatch Logs group to at least the required number of days (365 by default), or to never expire.',
        cli: 'aws logs put-retention-policy --log-group-name <group> --retention-in-days 365',
      },
      azure: {
        text: 'Set the retention of the log profile to at least the required number of days (365 by default), or to 0 to keep logs forever.',
        cli: 'az monitor log-profiles update --name <profile> --set retentionPolicy.days=365 retentionPolicy.enabled=true',
      },
      gcp: {
        text: 'Set the retention of the log bucket to at least the required number of days (365 by default).',
        cli: 'gcloud logging buckets update <bucket> --location=<location> --retention-days=365',
      },
    },
  },
  references: [
    'https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html',
    'https://cloud.google.com/logging/docs/buckets',
  ],
  params: z.object({ min_days: z.number().int().positive().default(365) }),
  evaluate(profile, { min_days }) {
    const c = profile.com as typeof profile.com & Partial<LogProfileCom>;
    if (typeof c.retention_days !== 'number') return error('the retention period could not be read');
    if (c.retention_days === 0) return pass('logs are kept forever');
    if (c.retention_days >= min_days) return pass(`logs are kept ${c.retention_days} days`);
    return fail(`${profile.com.name} keeps logs ${c.retention_days} days, under ${min_days}`, {
      evidence: { retention_days: c.retention_days, min_days },
    });
  },
});
