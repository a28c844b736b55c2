import type { Subscription } from '@aws-sdk/client-sns';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';

const TYPE = 'aws.sns.subscription';

const RAW = S.raw({
  item: S.obj({ TopicArn: S.str, SubscriptionArn: S.str, Protocol: S.str, Endpoint: S.str }),
});

/**
 * A subscription to an SNS topic. A subscription still waiting for its endpoint to confirm has
 * the SubscriptionArn 'PendingConfirmation' and delivers nothing, so confirmed is false.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'sns',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<Subscription>(raw, TYPE);
    const topic = requireString(s, 'TopicArn', TYPE, 'item.TopicArn');
    const arn = str(s.SubscriptionArn);
    const confirmed = arn?.startsWith('arn:') === true;
    const protocol = str(s.Protocol);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'subscription',
        reference: confirmed ? arn : `${topic}#pending/${protocol ?? 'unknown'}:${str(s.Endpoint) ?? ''}`,
        name: `${topic.slice(topic.lastIndexOf(':') + 1)} ${protocol ?? ''}`.trim(),
        service: 'sns',
        ext: { topic_arn: topic, protocol, confirmed },
        shape: {},
      }),
    ];
  },
});
