import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { openSource } from '../../../src/detect/sources/index.js';
import { collect } from './helpers.js';

const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/111122223333/cloudward-events';

function detail(name: string) {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAEXAMPLEROLEID:ops',
      arn: 'arn:aws:sts::111122223333:assumed-role/Ops/ops',
      accountId: '111122223333',
    },
    eventTime: '2024-05-01T12:07:38Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.40',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: { groupId: 'sg-0123456789abcdef0' },
    responseElements: null,
    requestID: 'fe506154-00a9-4a09-84f7-d63cae6ebd1f',
    eventID: `evt-${name}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}

function envelope(detailType: string, d: unknown) {
  return {
    version: '0',
    id: '5471314a-e675-32d7-2742-690d2d978102',
    'detail-type': detailType,
    source: 'aws.ec2',
    account: '111122223333',
    time: '2024-05-01T12:07:38Z',
    region: 'us-east-1',
    resources: [],
    detail: d,
  };
}

function message(id: string, body: unknown): Message {
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    MD5OfBody: '00000000000000000000000000000000',
    Body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

const sns = (inner: unknown) => ({
  Type: 'Notification',
  MessageId: 'c8a1b2c3-sns',
  TopicArn: 'arn:aws:sns:us-east-1:111122223333:cloudtrail-events',
  Message: JSON.stringify(inner),
  Timestamp: '2024-05-01T12:07:40.000Z',
});

describe('CloudTrail through EventBridge and SQS', () => {
  it('yields the detail of each envelope and deletes a message only after its event was processed', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          message('m1', envelope('AWS API Call via CloudTrail', detail('AuthorizeSecurityGroupIngress'))),
          message('m2', 'not json'),
          message(
            'm3',
            envelope('EC2 Instance State-change Notification', { 'instance-id': 'i-1', state: 'running' }),
          ),
          message('m4', sns(envelope('AWS API Call via CloudTrail', detail('RevokeSecurityGroupIngress')))),
        ],
      })
      .resolves({ Messages: [] });
    sqs.on(DeleteMessageCommand).resolves({});
    const src = openSource({ type: 'cloudtrail', queue_url: QUEUE });
    const it = src.read()[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value?.com.action).toBe('AuthorizeSecurityGroupIngress');
    expect(first.value?.ext.message_id).toBe('m1');
    // handed out but not yet processed: not deleted
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    const second = await it.next();
    expect(second.value?.com.action).toBe('RevokeSecurityGroupIngress');
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE, ReceiptHandle: 'rh-m1' },
    ]);
    expect((await it.next()).done).toBe(true);
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input.ReceiptHandle)).toEqual([
      'rh-m1',
      'rh-m4',
    ]);
    // unusable messages are reported and left for the queue's dead-letter redrive
    expect(src.problems.map((p) => [p.position.index, p.reason.replace(/:.*$/, '')])).toEqual([
      [1, 'message m2'],
      [2, 'message m3'],
    ]);
    expect(src.problems[1]?.reason).toMatch(/EC2 Instance State-change Notification/);
    const receive = sqs.commandCalls(ReceiveMessageCommand)[0]?.args[0].input;
    expect(receive).toMatchObject({ QueueUrl: QUEUE, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 });
  });

  it('with autoAck off, deletes only the messages the caller acknowledges', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({
        Messages: [
          message('a', envelope('AWS API Call via CloudTrail', detail('CreateUser'))),
          message('b', envelope('AWS API Call via CloudTrail', detail('AttachUserPolicy'))),
        ],
      })
      .resolves({});
    sqs.on(DeleteMessageCommand).resolves({});
    const src = openSource({ type: 'cloudtrail', queue_url: QUEUE }, { autoAck: false });
    const events = await collect(src);
    expect(events.map((e) => e.com.action)).toEqual(['CreateUser', 'AttachUserPolicy']);
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    const second = events[1];
    if (!second) throw new Error('no second event');
    await src.ack?.(second);
    await src.ack?.(second);
    expect(sqs.commandCalls(DeleteMessageCommand).map((c) => c.args[0].input.ReceiptHandle)).toEqual([
      'rh-b',
    ]);
  });

  it('in follow mode keeps long-polling until the signal aborts', async () => {
    let polls = 0;
    const controller = new AbortController();
    sqs.on(ReceiveMessageCommand).callsFake(() => {
      polls += 1;
      if (polls === 3)
        return { Messages: [message('x', envelope('AWS API Call via CloudTrail', detail('DeleteTrail')))] };
      if (polls > 4) controller.abort();
      return {};
    });
    sqs.on(DeleteMessageCommand).resolves({});
    const src = openSource({ type: 'cloudtrail', queue_url: QUEUE }, { follow: true });
    const events = await collect(src, controller.signal);
    expect(events.map((e) => e.com.action)).toEqual(['DeleteTrail']);
    expect(polls).toBeGreaterThanOrEqual(5);
  });

  it('reports a ReceiveMessage failure', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .rejects(Object.assign(new Error('Access to the resource is denied.'), { name: 'AccessDenied' }));
    const src = openSource({ type: 'cloudtrail', queue_url: QUEUE });
    expect(await collect(src)).toEqual([]);
    expect(src.problems[0]?.reason).toMatch(/ReceiveMessage failed: AccessDenied/);
  });
});
