import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EventRecord } from '../event.js';
import { createLogsClient } from './aws-clients.js';
import { type Checkpoint, MemoryCheckpoint } from './checkpoint.js';
import type { LogFormat } from './format.js';
import { BaseSource, errorMessage, pause, type SourceOptions } from './source.js';

/**
 * Log events of a CloudWatch Logs group (FilterLogEvents, which returns events sorted by
 * timestamp), each message parsed by the format: a CloudTrail event JSON for a trail's log
 * group, a flow record line for a VPC flow log group.
 *
 * The checkpoint stores the newest timestamp read and the ids of the events read in the last
 * `lookbackMs` before it. A rerun starts `lookbackMs` before the newest timestamp, so events
 * that reached CloudWatch late are still read, and skips the ids it already read.
 */

export interface CloudWatchSourceOptions extends SourceOptions {
  client?: CloudWatchLogsClient;
  region?: string;
  checkpoint?: Checkpoint;
  /** where the first read starts when there is no checkpoint (default: the group's beginning) */
  since?: Date;
  filterPattern?: string;
  lookbackMs?: number;
}

interface CwState {
  time: number;
  /** [eventId, timestamp] of the events read within lookbackMs of `time` */
  ids: [string, number][];
}

function parseState(text: string | undefined, where: string): CwState | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`checkpoint ${where}: not JSON`);
  }
  const s = v as Partial<CwState> | null;
  if (!s || typeof s.time !== 'number' || !Array.isArray(s.ids)) {
    throw new Error(`checkpoint ${where}: expected {"time": number, "ids": [[id, time]...]}`);
  }
  return {
    time: s.time,
    ids: s.ids.filter((p): p is [string, number] => Array.isArray(p) && typeof p[0] === 'string'),
  };
}

export class CloudWatchLogsSource extends BaseSource {
  private client: Promise<CloudWatchLogsClient> | undefined;
  private readonly checkpoint: Checkpoint;
  private readonly lookbackMs: number;

  constructor(
    private readonly logGroup: string,
    private readonly format: LogFormat,
    name: string,
    private readonly opts: CloudWatchSourceOptions = {},
  ) {
    super(name, opts);
    this.checkpoint = opts.checkpoint ?? new MemoryCheckpoint();
    this.lookbackMs = opts.lookbackMs ?? 60_000;
  }

  get checkpointKey(): string {
    return `cloudwatch-logs:${this.logGroup}`;
  }

  protected async *readEvents(signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    for (;;) {
      try {
        yield* this.readOnce(signal);
      } catch (err) {
        if (signal?.aborted) return;
        this.log.report(this.logGroup, {}, `FilterLogEvents failed: ${errorMessage(err)}`);
      }
      if (!this.follow || !(await pause(this.pollIntervalMs, signal))) return;
    }
  }

  private async *readOnce(signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    const state = parseState(await this.checkpoint.get(this.checkpointKey), this.checkpointKey);
    // only the previous read's last ids can come back (the lookback overlap)
    const seen = new Set(state?.ids.map(([id]) => id));
    let newest = state?.time ?? 0;
    let recent: [string, number][] = state?.ids ?? [];
    const startTime = state ? Math.max(0, state.time - this.lookbackMs) : this.opts.since?.getTime();
    const sdk = await import('@aws-sdk/client-cloudwatch-logs');
    this.client ??= this.opts.client
      ? Promise.resolve(this.opts.client)
      : createLogsClient({ region: this.opts.region });
    const client = await this.client;
    const byArn = this.logGroup.startsWith('arn:');
    const pages = sdk.paginateFilterLogEvents(
      { client },
      {
        ...(byArn ? { logGroupIdentifier: this.logGroup } : { logGroupName: this.logGroup }),
        ...(startTime !== undefined ? { startTime } : {}),
        ...(this.opts.filterPattern ? { filterPattern: this.opts.filterPattern } : {}),
      },
    );
    let index = 0;
    for await (const page of pages) {
      let dirty = false;
      for (const e of page.events ?? []) {
        if (signal?.aborted) return;
        const id = e.eventId;
        if (id && seen.has(id)) continue;
        const ts = e.timestamp ?? 0;
        const where = `${this.logGroup}:${e.logStreamName ?? ''}`;
        const ctx = { file: where, origin: this.name, log: this.log };
        if (typeof e.message !== 'string') {
          this.log.report(where, { index }, 'log event without a message');
        } else {
          for (const ev of this.format.readMessage(e.message, ctx, { index })) {
            ev.ext.log_event_id = id ?? null;
            yield ev;
          }
        }
        index += 1;
        if (id) recent.push([id, ts]);
        if (ts > newest) newest = ts;
        dirty = true;
      }
      if (dirty) {
        const floor = newest - this.lookbackMs;
        recent = recent.filter(([, t]) => t >= floor);
        await this.checkpoint.set(this.checkpointKey, JSON.stringify({ time: newest, ids: recent }));
      }
    }
  }
}
