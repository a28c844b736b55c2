import {
  GetQueueAttributesCommand,
  paginateListQueues,
  QueueDoesNotExist,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
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
import { awsArn } from '../normalisers/aws-common.js';
import { resourcePolicyFacts } from '../normalisers/resource-policy.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.sqs.queue';

/** The attributes the checks read; `All` would also return counters and settings nobody reads. */
const ATTRIBUTES = ['QueueArn', 'Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled'] as const;

/**
 * SQS queues: ListQueues gives only their URLs, so each queue's encryption and access policy
 * come from one GetQueueAttributes call (SQS has no bulk read). A queue deleted between the two
 * calls answers QueueDoesNotExist, stored as absent.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'sqs',
  client: SQSClient,
  scope: 'region',
  list: {
    permission: 'sqs:ListQueues',
    paginate: (client) => paginateListQueues({ client, pageSize: 1000 }, {}),
    items: (page) => page.QueueUrls?.map((QueueUrl) => ({ QueueUrl })),
  },
  enrich: {
    attributes: {
      permission: 'sqs:GetQueueAttributes',
      absentOn: [QueueDoesNotExist],
      call: (client, q) =>
        client.send(new GetQueueAttributesCommand({ QueueUrl: q.QueueUrl, AttributeNames: [...ATTRIBUTES] })),
    },
  },
  getOne: {
    ids: (raw) => {
      const url = itemIds(raw, 'QueueUrl')[0];
      return url ? [url, url.split('/').pop() ?? url] : [];
    },
  },
});

const RAW = S.raw({
  item: S.obj({ QueueUrl: S.str }),
  attributes: S.answer({
    Attributes: S.obj({
      QueueArn: S.str,
      Policy: S.policyDocument,
      KmsMasterKeyId: S.str,
      SqsManagedSseEnabled: S.str,
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'sqs',
  produces: [TYPE, 'queue'],
  raw: RAW,
  normalise(raw, scope) {
    const q = requireItem(raw, TYPE);
    const url = requireString(q, 'QueueUrl', TYPE, 'item.QueueUrl');
    const name = url.split('/').pop() ?? url;
    const answer = enrichment(raw, 'attributes');
    const attrs =
      answer.state === 'value' && isRecord(answer.value.Attributes) ? answer.value.Attributes : null;
    const kmsKey = attrs ? str(attrs.KmsMasterKeyId) : null;
    const sqsManaged = attrs ? str(attrs.SqsManagedSseEnabled) === 'true' : null;
    const policy = attrs ? resourcePolicyFacts(attrs.Policy ?? null) : null;
    const unknown = unknownReasons({ attributes: answer });
    if (policy?.unreadable) unknown.policy = policy.unreadable;
    if (answer.state === 'absent') unknown.attributes = 'the queue was deleted while it was being read';
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'queue',
        reference:
          (attrs && str(attrs.QueueArn)) ?? awsArn('sqs', scope.region, scope.account, name, scope.partition),
        name,
        service: 'sqs',
        ext: {
          queue_url: url,
          kms_key_id: kmsKey,
          // SSE-KMS with the queue's key, or SSE-SQS with keys SQS manages
          encryption: attrs === null ? null : kmsKey ? 'SSE-KMS' : sqsManaged ? 'SSE-SQS' : 'none',
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
      CreateQueue: ['responseElements.queueUrl', 'requestParameters.queueName'],
      DeleteQueue: ['requestParameters.queueUrl'],
      SetQueueAttributes: ['requestParameters.queueUrl'],
      AddPermission: ['requestParameters.queueUrl'],
      RemovePermission: ['requestParameters.queueUrl'],
    },
  },
  asff: 'AwsSqsQueue',
  pacing: { rate: 20, burst: 40 },
});
