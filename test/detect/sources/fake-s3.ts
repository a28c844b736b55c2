import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  type GetObjectCommandInput,
  ListObjectsV2Command,
  type ListObjectsV2CommandInput,
  type ListObjectsV2CommandOutput,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * An in-memory bucket answering ListObjectsV2 (Prefix, Delimiter, StartAfter, continuation
 * tokens, small pages) and GetObject with the shapes the SDK returns, so the S3 source is
 * tested against S3's listing semantics rather than canned answers.
 */
export class FakeBucket {
  readonly objects = new Map<string, Buffer>();
  readonly denied = new Set<string>();
  readonly gets: string[] = [];
  readonly mock = mockClient(S3Client);

  constructor(
    readonly name: string,
    private readonly pageSize = 2,
  ) {
    this.mock.on(ListObjectsV2Command).callsFake((input: ListObjectsV2CommandInput) => this.list(input));
    this.mock.on(GetObjectCommand).callsFake((input: GetObjectCommandInput) => this.get(input));
  }

  put(key: string, body: string | Buffer): void {
    this.objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
  }

  private list(input: ListObjectsV2CommandInput): ListObjectsV2CommandOutput {
    if (input.Bucket !== this.name) {
      throw new S3ServiceException({
        name: 'NoSuchBucket',
        $fault: 'client',
        $metadata: { httpStatusCode: 404 },
      });
    }
    const prefix = input.Prefix ?? '';
    const after = input.ContinuationToken
      ? Buffer.from(input.ContinuationToken, 'base64').toString()
      : (input.StartAfter ?? '');
    const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const contents: string[] = [];
    const common = new Set<string>();
    let last = '';
    let truncated = false;
    for (const key of keys) {
      if (last && key <= last) continue; // under a common prefix already returned
      if (contents.length + common.size >= this.pageSize) {
        truncated = true;
        break;
      }
      const rest = key.slice(prefix.length);
      const d = input.Delimiter ? rest.indexOf(input.Delimiter) : -1;
      if (d >= 0) {
        const cp = prefix + rest.slice(0, d + 1);
        if (!common.has(cp)) common.add(cp);
        // skip past every key under this common prefix
        last = `${cp}\uffff`;
        continue;
      }
      contents.push(key);
      last = key;
    }
    return {
      $metadata: { httpStatusCode: 200 },
      Name: this.name,
      Prefix: prefix,
      ...(input.Delimiter ? { Delimiter: input.Delimiter } : {}),
      ...(input.StartAfter ? { StartAfter: input.StartAfter } : {}),
      MaxKeys: 1000,
      KeyCount: contents.length + common.size,
      IsTruncated: truncated,
      ...(truncated ? { NextContinuationToken: Buffer.from(last).toString('base64') } : {}),
      Contents: contents.length
        ? contents.map((Key) => ({
            Key,
            LastModified: new Date('2024-05-01T12:00:00Z'),
            ETag: '"0123456789abcdef0123456789abcdef"',
            Size: this.objects.get(Key)?.length ?? 0,
            StorageClass: 'STANDARD',
          }))
        : undefined,
      CommonPrefixes: common.size ? [...common].map((Prefix) => ({ Prefix })) : undefined,
    };
  }

  private get(input: GetObjectCommandInput) {
    const key = input.Key ?? '';
    this.gets.push(key);
    if (this.denied.has(key)) {
      throw new S3ServiceException({
        name: 'AccessDenied',
        message: 'Access Denied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      });
    }
    const body = this.objects.get(key);
    if (!body)
      throw new NoSuchKey({
        message: 'The specified key does not exist.',
        $metadata: { httpStatusCode: 404 },
      });
    return {
      $metadata: { httpStatusCode: 200 },
      // S3 hands out bodies in network-sized pieces
      Body: Readable.from(chunks(body, 1000)),
      ContentLength: body.length,
      ContentType: 'application/json',
      ETag: '"0123456789abcdef0123456789abcdef"',
      LastModified: new Date('2024-05-01T12:00:00Z'),
    };
  }
}

function* chunks(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}
