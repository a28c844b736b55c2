import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.s3.bucket_event_notifications_enabled',
  title: 'S3 buckets send event notifications',
  severity: 'medium',
  resource: 'aws.s3.bucket',
  facts: { 'aws.s3.bucket': ['event_notifications'] },
  triggers: [],
  description:
    'The bucket sends no event notification (to SNS, SQS, Lambda or EventBridge) for its object events.',
  risk: 'Objects created, overwritten or deleted in the bucket go unnoticed: no workflow or alert reacts to unexpected changes.',
  remediation: {
    text: 'Configure event notifications for the object events you need to act on, or send all events to EventBridge.',
    cli: `aws s3api put-bucket-notification-configuration --bucket <bucket> --notification-configuration '{"EventBridgeConfiguration":{}}'`,
  },
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html'],
  evaluate(bucket) {
    const targets = extList<string>(bucket, 'event_notifications');
    if (targets === null)
      return error(`the notification configuration is unreadable${whyUnknown(bucket, 'notifications')}`);
    return targets.length > 0
      ? pass(`events go to ${targets.join(', ')}`, { destinations: targets })
      : fail(`${bucket.com.name} sends no event notifications`);
  },
});
