import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

export default defineCheck({
  id: 'aws.sns.topic_delivery_status_logged',
  title: 'SNS topics log the delivery status of their messages',
  severity: 'medium',
  resource: 'aws.sns.topic',
  triggers: [],
  description: 'No delivery status logging to CloudWatch Logs is set up for any protocol of the topic.',
  risk: 'Failed deliveries of notifications (alerts, orders, security events) go unnoticed and cannot be investigated.',
  remediation: {
    text: 'Set success and failure feedback roles (and a sample rate) for the protocols the topic delivers to.',
    cli: 'aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name LambdaFailureFeedbackRoleArn --attribute-value <role-arn>',
  },
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-topic-attributes.html'],
  evaluate(topic) {
    const logged = extList<string>(topic, 'delivery_status_logged');
    if (logged === null)
      return error(`the topic attributes could not be read${whyUnknown(topic, 'attributes')}`);
    return logged.length > 0
      ? pass(`delivery status is logged for ${logged.join(', ')}`)
      : fail(`${topic.com.name} logs no delivery status`);
  },
});
