import { describe, expect, it } from 'vitest';
import { awsPolicy } from '../../../src/providers/aws/policy.js';
import { targetsOf } from '../../../src/watch/resource-ids.js';
import { trailEvent } from '../../watch/fixtures.js';
import { ACCOUNT, endpointCollection, jsonAnswer, REGION } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';
import { wireError } from './helpers.js';
import { xmlText } from './local-aws.js';

/**
 * SQS queues (AWS JSON 1.0) and SNS topics (query protocol, XML) through the SDK stack against
 * the fixture endpoint, in the shapes of the cloud-custodian placebo recordings.
 */

const env = endpointCollection('AKIDMESSAGINGTEST');
// the SDK sends a queue's requests to the host of its URL: the fixture endpoint's, as LocalStack does
const queueUrl = (name: string) => `${env.url()}/${ACCOUNT}/${name}`;
const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

const everyone = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'anyone-sends', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' },
  ],
});
const snsDefault = (name: string) =>
  JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:Publish', 'SNS:Subscribe'],
        Resource: topicArn(name),
        Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
      },
    ],
  });

describe('aws.sqs.queue collector', () => {
  const queues: Record<string, Record<string, string> | 'gone'> = {
    orders: { QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders`, SqsManagedSseEnabled: 'true' },
    payments: {
      QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:payments`,
      KmsMasterKeyId: 'alias/payments',
      Policy: everyone,
    },
    legacy: { QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:legacy`, SqsManagedSseEnabled: 'false' },
    deleted: 'gone',
  };
  const asked: string[] = [];
  const sqs = (r: EndpointRequest) => {
    if (r.service !== 'sqs' || r.headers['x-amz-target'] !== `AmazonSQS.${r.action}`) return undefined;
    if (r.action === 'ListQueues')
      return jsonAnswer({ QueueUrls: Object.keys(queues).map(queueUrl) }, 'application/x-amz-json-1.0');
    if (r.action === 'GetQueueAttributes') {
      const input = JSON.parse(r.body) as { QueueUrl: string; AttributeNames: string[] };
      asked.push([...input.AttributeNames].sort().join(','));
      const q = queues[input.QueueUrl.split('/').pop() ?? ''];
      if (q === 'gone' || q === undefined)
        return {
          ...wireError(
            'AwsJson1_0Protocol',
            'AWS.SimpleQueueService.NonExistentQueue',
            'The specified queue does not exist.',
          ),
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender',
          },
          body: JSON.stringify({
            __type: 'com.amazonaws.sqs#QueueDoesNotExist',
            message: 'The specified queue does not exist.',
          }),
        };

      return jsonAnswer({ Attributes: q }, 'application/x-amz-json-1.0');
    }
    return undefined;
  };

  it('reads each queue’s encryption and policy with one GetQueueAttributes', async () => {
    env.serve(sqs);
    const records = await env.records('aws.sqs.queue');
    expect(records.map((r) => [r.com.name, r.ext.encryption, r.ext.policy_public])).toEqual([
      ['orders', 'SSE-SQS', false],
      ['payments', 'SSE-KMS', true],
      ['legacy', 'none', false],
      ['deleted', null, null],
    ]);
    expect(records[0]?.com.reference).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:orders`);
    expect(records[1]?.ext.public_statements).toEqual(['anyone-sends']);
    expect(env.calls().filter((c) => c === 'sqs:GetQueueAttributes')).toHaveLength(4);
    // only the attributes the checks read, not All
    expect(new Set(asked)).toEqual(new Set(['KmsMasterKeyId,Policy,QueueArn,SqsManagedSseEnabled']));
    expect(env.refused()).toEqual([]);
  });

  it('an event names the queue by its URL', () => {
    const url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/orders`;
    const event = trailEvent('SetQueueAttributes', { queueUrl: url }, { source: 'sqs.amazonaws.com' });
    expect(targetsOf(event).map((t) => [t.type, t.id])).toEqual([['aws.sqs.queue', url]]);
  });
});

const topicAttributes = (attrs: Record<string, string>) =>
  '<GetTopicAttributesResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><GetTopicAttributesResult><Attributes>' +
  Object.entries(attrs)
    .map(([k, v]) => `<entry><key>${xmlText(k)}</key><value>${xmlText(v)}</value></entry>`)
    .join('') +
  '</Attributes></GetTopicAttributesResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetTopicAttributesResponse>';

describe('aws.sns.topic collector', () => {
  const topics: Record<string, Record<string, string> | 'denied'> = {
    alerts: {
      TopicArn: topicArn('alerts'),
      Policy: snsDefault('alerts'),
      Owner: ACCOUNT,
      KmsMasterKeyId: 'alias/aws/sns',
      LambdaFailureFeedbackRoleArn: `arn:aws:iam::${ACCOUNT}:role/sns-feedback`,
    },
    open: { TopicArn: topicArn('open'), Policy: everyone, Owner: ACCOUNT },
    hidden: 'denied',
  };
  const sns = (r: EndpointRequest) => {
    if (r.service !== 'sns') return undefined;
    const form = new URLSearchParams(r.body);
    if (r.action === 'ListTopics')
      return {
        body:
          '<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListTopicsResult><Topics>' +
          Object.keys(topics)
            .map((t) => `<member><TopicArn>${topicArn(t)}</TopicArn></member>`)
            .join('') +
          '</Topics></ListTopicsResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListTopicsResponse>',
      };
    if (r.action === 'GetTopicAttributes') {
      const t = topics[(form.get('TopicArn') ?? '').split(':').pop() ?? ''];
      if (t === 'denied' || t === undefined)
        return wireError(
          'AwsQueryProtocol',
          'AuthorizationError',
          'not authorized: SNS:GetTopicAttributes',
          403,
        );
      return { body: topicAttributes(t) };
    }
    return undefined;
  };

  it('reads each topic’s key, policy and delivery logging with one GetTopicAttributes', async () => {
    env.serve(sns);
    const records = await env.records('aws.sns.topic');
    expect(
      records.map((r) => [r.com.name, r.ext.encrypted, r.ext.policy_public, r.ext.delivery_status_logged]),
    ).toEqual([
      ['alerts', true, false, ['Lambda']],
      ['open', false, true, []],
      ['hidden', null, null, null],
    ]);
    expect(records[2]?.ext.unknown_facts).toMatchObject({
      attributes: expect.stringContaining('AuthorizationError'),
    });
    expect(env.calls().filter((c) => c === 'sns:GetTopicAttributes')).toHaveLength(3);
  });

  it('the policy grants the list and attribute reads', () => {
    expect(awsPolicy(['aws.sns.topic', 'aws.sqs.queue']).Statement[0]?.Action).toEqual(
      expect.arrayContaining([
        'sns:ListTopics',
        'sns:GetTopicAttributes',
        'sqs:ListQueues',
        'sqs:GetQueueAttributes',
      ]),
    );
  });

  it('an event names the topic by its ARN', () => {
    const event = trailEvent(
      'SetTopicAttributes',
      { topicArn: topicArn('open') },
      { source: 'sns.amazonaws.com' },
    );
    expect(targetsOf(event).map((t) => [t.type, t.id])).toEqual([['aws.sns.topic', topicArn('open')]]);
  });
});
