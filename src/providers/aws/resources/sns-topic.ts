import {
  GetTopicAttributesCommand,
  NotFoundException,
  paginateListTopics,
  SNSClient,
} from '@aws-sdk/client-sns';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  buildRecord,
  enrichment,
  isRecord,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { resourcePolicyFacts } from '../normalisers/resource-policy.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.sns.topic';

/** The protocols whose delivery status SNS can log to CloudWatch Logs, by attribute prefix. */
const FEEDBACK = ['HTTP', 'Lambda', 'SQS', 'Application', 'Firehose'] as const;

/**
 * SNS topics: ListTopics gives their ARNs; each topic's key, access policy and delivery status
 * logging come from one GetTopicAttributes call (SNS has no bulk read).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'sns',
  client: SNSClient,
  scope: 'region',
  list: {
    permission: 'sns:ListTopics',
    paginate: (client) => paginateListTopics({ client }, {}),
    items: (page) => page.Topics,
  },
  enrich: {
    attributes: {
      permission: 'sns:GetTopicAttributes',
      absentOn: [NotFoundException],
      call: (client, t) => client.send(new GetTopicAttributesCommand({ TopicArn: t.TopicArn })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'TopicArn') },
});

const RAW = S.raw({
  item: S.obj({ TopicArn: S.str }),
  attributes: S.answer({ Attributes: S.strMap }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'sns',
  produces: [TYPE, 'topic'],
  raw: RAW,
  normalise(raw, scope) {
    const t = requireItem(raw, TYPE);
    const arn = requireString(t, 'TopicArn', TYPE, 'item.TopicArn');
    const name = arn.split(':').pop() ?? arn;
    const answer = enrichment(raw, 'attributes');
    const attrs =
      answer.state === 'value' && isRecord(answer.value.Attributes) ? answer.value.Attributes : null;
    const policy = attrs ? resourcePolicyFacts(attrs.Policy ?? null) : null;
    const unknown = unknownReasons({ attributes: answer });
    if (policy?.unreadable) unknown.policy = policy.unreadable;
    const logged = attrs
      ? FEEDBACK.filter(
          (p) => str(attrs[`${p}SuccessFeedbackRoleArn`]) || str(attrs[`${p}FailureFeedbackRoleArn`]),
        )
      : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'topic',
        reference: arn,
        name,
        service: 'sns',
        ext: {
          topic_name: name,
          kms_key_id: attrs ? str(attrs.KmsMasterKeyId) || null : null,
          encrypted: attrs ? Boolean(str(attrs.KmsMasterKeyId)) : null,
          delivery_status_logged: logged,
          policy_public: policy?.public ?? null,
          public_statements: policy?.public_statements ?? null,
          unknown_facts: unknown,
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: {
      CreateTopic: ['responseElements.topicArn'],
      ...eventsAt(
        ['DeleteTopic', 'SetTopicAttributes', 'AddPermission', 'RemovePermission'],
        ['requestParameters.topicArn'],
      ),
    },
  },
  asff: 'AwsSnsTopic',
});
