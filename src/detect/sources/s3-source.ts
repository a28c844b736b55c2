import type { S3Client } from '@aws-sdk/client-s3';
import type { EventRecord } from '../event.js';
import { createS3Client } from './aws-clients.js';
import { type Checkpoint, MemoryCheckpoint } from './checkpoint.js';
import { fileTimeKey } from './files.js';
import type { LogFormat } from './format.js';
import { MinHeap } from './heap.js';
import { BaseSource, errorMessage, pause, type SourceOptions } from './source.js';
import { decodeText, TransportError } from './text-stream.js';

/**
 * Log objects in an S3 bucket under a prefix, read through GetObject as streams and parsed
 * like local files.
 *
 * Delivery prefixes: CloudTrail and VPC flow logs write one time-ordered series per account and
 * region (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<name with timestamp>). Keys of
 * different regions do not sort by time, so "the last key read" is kept per series: the source
 * first finds the series under the prefix (ListObjectsV2 with a delimiter, down to the level
 * whose children are years), then lists each series from its checkpoint (StartAfter) and merges
 * the listings by the timestamp in the file names. Memory holds one listing page per series.
 *
 * A series' checkpoint advances once all events of an object were handed out and the consumer
 * asked for the next one. An object that cannot be fetched (access denied, network) stops that
 * series for this read, so the next read retries it; an object whose content is broken is
 * reported and counted as read.
 */

export interface S3Location {
  bucket: string;
  prefix: string;
}

export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m?.[1]) throw new Error(`not an S3 URL (expected s3://bucket/prefix): ${url}`);
  return { bucket: m[1], prefix: m[2] ?? '' };
}

export interface S3SourceOptions extends SourceOptions {
  client?: S3Client;
  region?: string;
  checkpoint?: Checkpoint;
  /** skip objects whose file-name timestamp is older than this */
  since?: Date;
  /**
   * object names read too, whatever the format's suffixes say, matched against the lower-case name after
   * the last `/` (VPC flow logs: the `000000.gz` objects of a CloudWatch Logs export)
   */
  names?: RegExp;
}

const YEAR_DIR = /^(?:year=)?\d{4}\/$/;
const SKIPPED_DIRS = new Set(['CloudTrail-Digest/']);
const MAX_PREFIXES = 100_000;

interface Head {
  series: string;
  key: string;
  time: string;
  rest: AsyncIterator<string>;
}

export class S3Source extends BaseSource {
  private client: Promise<S3Client> | undefined;
  private readonly checkpoint: Checkpoint;
  private readonly loc: S3Location;

  constructor(
    url: string,
    private readonly format: LogFormat,
    name: string,
    private readonly opts: S3SourceOptions = {},
  ) {
    super(name, opts);
    this.loc = parseS3Url(url);
    this.checkpoint = opts.checkpoint ?? new MemoryCheckpoint();
  }

  private async sdk() {
    const sdk = await import('@aws-sdk/client-s3');
    this.client ??= this.opts.client
      ? Promise.resolve(this.opts.client)
      : createS3Client({ region: this.opts.region });
    return { sdk, client: await this.client };
  }

  /** The checkpoint key of a delivery series. */
  checkpointKey(series: string): string {
    return `s3://${this.loc.bucket}/${series}`;
  }

  private wanted(key: string): boolean {
    if (key.endsWith('/') || key.includes('/CloudTrail-Digest/')) return false;
    const lower = key.toLowerCase();
    if (
      !this.format.suffixes.some((s) => lower.endsWith(s)) &&
      !this.opts.names?.test(lower.slice(lower.lastIndexOf('/') + 1))
    )
      return false;
    if (this.opts.since) {
      const t = fileTimeKey(key);
      // names carry minutes (YYYYMMDDTHHMMZ); an hour of slack covers delivery delay
      const since = new Date(this.opts.since.getTime() - 3_600_000)
        .toISOString()
        .replace(/[-:]/g, '')
        .slice(0, 13);
      if (t && t.slice(0, 13) < since) return false;
    }
    return true;
  }

  /** Delivery series under the prefix: prefixes whose children are year directories, or that hold files. */
  async discoverSeries(signal?: AbortSignal): Promise<string[]> {
    const { sdk, client } = await this.sdk();
    const series: string[] = [];
    const queue = [this.loc.prefix];
    let visited = 0;
    while (queue.length > 0) {
      if (signal?.aborted) return series;
      const p = queue.shift() as string;
      if (++visited > MAX_PREFIXES) {
        this.log.report(
          this.checkpointKey(p),
          {},
          `more than ${MAX_PREFIXES} prefixes; narrow the S3 prefix`,
        );
        break;
      }
      const children: string[] = [];
      let hasFiles = false;
      const pages = sdk.paginateListObjectsV2(
        { client },
        { Bucket: this.loc.bucket, Prefix: p, Delimiter: '/' },
      );
      for await (const page of pages) {
        for (const c of page.CommonPrefixes ?? []) if (c.Prefix) children.push(c.Prefix);
        if ((page.Contents ?? []).some((o) => o.Key && !o.Key.endsWith('/'))) hasFiles = true;
      }
      const isSeries = hasFiles || children.some((c) => YEAR_DIR.test(c.slice(p.length)));
      if (isSeries) series.push(p);
      else for (const c of children) if (!SKIPPED_DIRS.has(c.slice(p.length))) queue.push(c);
    }
    return series;
  }

  private async *listSeries(series: string, startAfter: string | undefined): AsyncGenerator<string> {
    const { sdk, client } = await this.sdk();
    const pages = sdk.paginateListObjectsV2(
      { client },
      { Bucket: this.loc.bucket, Prefix: series, ...(startAfter ? { StartAfter: startAfter } : {}) },
    );
    for await (const page of pages) {
      for (const o of page.Contents ?? []) if (o.Key && this.wanted(o.Key)) yield o.Key;
    }
  }

  protected async *readEvents(signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    for (;;) {
      try {
        yield* this.readOnce(signal);
      } catch (err) {
        if (signal?.aborted) return;
        this.log.report(
          `s3://${this.loc.bucket}/${this.loc.prefix}`,
          {},
          `listing failed: ${errorMessage(err)}`,
        );
      }
      if (!this.follow || !(await pause(this.pollIntervalMs, signal))) return;
    }
  }

  private async *readOnce(signal: AbortSignal | undefined): AsyncIterable<EventRecord> {
    const heap = new MinHeap<Head>((a, b) => (a.time !== b.time ? a.time < b.time : a.key < b.key));
    const advance = async (series: string, rest: AsyncIterator<string>) => {
      const r = await rest.next();
      if (!r.done) heap.push({ series, key: r.value, time: fileTimeKey(r.value), rest });
    };
    for (const series of await this.discoverSeries(signal)) {
      const last = await this.checkpoint.get(this.checkpointKey(series));
      await advance(series, this.listSeries(series, last));
    }
    while (heap.size > 0) {
      if (signal?.aborted) return;
      const head = heap.pop() as Head;
      const outcome = yield* this.readObject(head.key, signal);
      if (outcome === 'retry') {
        await head.rest.return?.(undefined);
        continue; // this series stops here for this read
      }
      await this.checkpoint.set(this.checkpointKey(head.series), head.key);
      await advance(head.series, head.rest);
    }
  }

  private async *readObject(
    key: string,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<EventRecord, 'read' | 'retry'> {
    const where = `s3://${this.loc.bucket}/${key}`;
    let body: unknown;
    try {
      const { sdk, client } = await this.sdk();
      const resp = await client.send(new sdk.GetObjectCommand({ Bucket: this.loc.bucket, Key: key }), {
        abortSignal: signal,
      });
      body = resp.Body;
    } catch (err) {
      if (signal?.aborted) return 'retry';
      const name = (err as { name?: unknown }).name;
      if (name === 'NoSuchKey') {
        this.log.report(where, {}, 'object was listed but no longer exists; skipped');
        return 'read';
      }
      this.log.report(where, {}, `GetObject failed, will retry on the next read: ${errorMessage(err)}`);
      return 'retry';
    }
    if (typeof body !== 'object' || body === null || !(Symbol.asyncIterator in body)) {
      this.log.report(where, {}, 'GetObject returned no readable body, will retry on the next read');
      return 'retry';
    }
    const ctx = { file: where, origin: this.name, log: this.log };
    try {
      const text = decodeText(body as AsyncIterable<Uint8Array>, where, this.log);
      for await (const ev of this.format.readText(text, ctx)) {
        yield ev;
        if (signal?.aborted) return 'retry';
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      this.log.report(
        where,
        { offset: err.offset },
        `reading the object failed, will retry on the next read: ${err.message}`,
      );
      return 'retry';
    }
    return 'read';
  }
}
