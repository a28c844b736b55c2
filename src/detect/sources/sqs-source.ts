import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { EventRecord } from '../event.js';
import { createSqsClient, queueRegion } from './aws-clients.js';
import { cloudTrailEvent } from './cloudtrail.js';
import { isObj, type Obj } from './fields.js';
import { convert } from './format.js';
import { BaseSource, errorMessage, pause, type SourceOptions } from './source.js';

/**
 * CloudTrail events delivered by an EventBridge rule to an SQS queue (directly, or through an
 * SNS topic). The EventBridge envelope's `detail` is the CloudTrail event.
 *
 * A message is deleted only after its event was handed out and processed: with autoAck (the
 * default) when the consumer asks for the next event, otherwise when it calls `ack(event)`.
 * A message that holds no CloudTrail event is reported and left in the queue, so that the
 * queue's redrive policy moves it to a dead-letter queue instead of it being lost.
 */

export interface SqsSourceOptions extends SourceOptions {
  client?: SQSClient;
  region?: string;
  /** delete each message once the consumer asks for the next event (default true) */
  autoAck?: boolean;
  /** long-poll wait (default 20 s, the maximum) */
  waitTimeSeconds?: number;
  visibilityTimeout?: number;
}

export class SqsCloudTrailSource extends BaseSource {
  private client: Promise<SQSClient> | undefined;
  private readonly autoAck: boolean;
  /** receipt handles of handed-out, unacknowledged messages, by message id (ext.message_id) */
  private readonly receipts = new Map<string, string>();

  constructor(
    private readonly queueUrl: string,
    name: string,
    private readonly opts: SqsSourceOptions = {},
  ) {
    super(name, opts);
    this.autoAck = opts.autoAck ?? true;
  }

  private async sdk() {
    const sdk = await import('@aws-sdk/client-sqs');
    this.client ??= this.opts.client
      ? Promise.resolve(this.opts.client)
      : createSqsClient({ region: this.opts.region ?? queueRegion(this.queueUrl) });
    return { sdk, client: await this.client };
  }

  /** Deletes the message an event came from; works on copies of the event too. */
  readonly ack = async (event: EventRecord): Promise<void> => {
    const id = event.ext.message_id;
    if (typeof id !== 'string') return;
    const handle = this.receipts.get(id);
    if (handle === undefined) return;
    this.receipts.delete(id);
    const { sdk, client } = await this.sdk();
    await client.send(new sdk.DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: handle }));
  };

  /** The CloudTrail event inside a message body: EventBridge envelope, optionally wrapped by SNS. */
  private eventOf(msg: Message, index: number): unknown {
    const where = this.queueUrl;
    let body: unknown;
    try {
      body = JSON.parse(msg.Body ?? '');
    } catch (err) {
      this.log.report(
        where,
        { index },
        `message ${msg.MessageId ?? '?'}: body is not JSON: ${errorMessage(err)}`,
      );
      return undefined;
    }
    if (isObj(body) && body.Type === 'Notification' && typeof body.Message === 'string') {
      try {
        body = JSON.parse(body.Message);
      } catch (err) {
        this.log.report(
          where,
          { index },
          `message ${msg.MessageId ?? '?'}: SNS Message is not JSON: ${errorMessage(err)}`,
        );
        return undefined;
      }
    }
    if (!isObj(body)) {
      this.log.report(where, { index }, `message ${msg.MessageId ?? '?'}: body is not a JSON object`);
      return undefined;
    }
    if ('detail' in body && 'detail-type' in body) {
      const detail = body.detail;
      if (!isObj(detail) || typeof detail.eventName !== 'string') {
        this.log.report(
          where,
          { index },
          `message ${msg.MessageId ?? '?'}: EventBridge event "${String(body['detail-type'])}" does not carry a CloudTrail event`,
        );
        return undefined;
      }
      return detail;
    }
    return body as Obj;
  }

  protected async *readEvents(signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    let index = 0;
    for (;;) {
      if (signal?.aborted) return;
      let messages: Message[];
      try {
        const { sdk, client } = await this.sdk();
        const resp = await client.send(
          new sdk.ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: this.opts.waitTimeSeconds ?? 20,
            ...(this.opts.visibilityTimeout !== undefined
              ? { VisibilityTimeout: this.opts.visibilityTimeout }
              : {}),
          }),
          { abortSignal: signal },
        );
        messages = resp.Messages ?? [];
      } catch (err) {
        if (signal?.aborted) return;
        this.log.report(this.queueUrl, {}, `ReceiveMessage failed: ${errorMessage(err)}`);
        if (!this.follow || !(await pause(this.pollIntervalMs, signal))) return;
        continue;
      }
      if (messages.length === 0) {
        if (!this.follow) return;
        continue; // the long poll itself is the wait
      }
      for (const msg of messages) {
        const position = { index: index++ };
        const value = this.eventOf(msg, position.index);
        if (value === undefined) continue;
        const ctx = { file: this.queueUrl, origin: this.name, log: this.log };
        const ev = convert(cloudTrailEvent, value, ctx, position);
        if (!ev) continue;
        ev.ext.message_id = msg.MessageId ?? null;
        if (msg.MessageId && msg.ReceiptHandle) this.receipts.set(msg.MessageId, msg.ReceiptHandle);
        yield ev;
        if (this.autoAck) {
          try {
            await this.ack(ev);
          } catch (err) {
            this.log.report(
              this.queueUrl,
              position,
              `DeleteMessage failed (the event may be delivered again): ${errorMessage(err)}`,
            );
          }
        }
        if (signal?.aborted) return;
      }
    }
  }
}
