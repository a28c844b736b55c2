import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { ProblemLog } from './source.js';

/**
 * Turns a byte stream (a file, stdin, an S3 object body) into text chunks, gunzipping it when
 * it starts with the gzip magic bytes, whatever its name. A truncated or corrupt gzip is
 * reported with the compressed byte offset where reading stopped; the text decoded before that
 * point is still handed out. A failure of the underlying stream itself (I/O, network) is
 * rethrown as a TransportError so that callers can tell "this object is broken" from "reading
 * it failed, try again later".
 */

export class TransportError extends Error {
  constructor(
    readonly where: string,
    readonly offset: number,
    cause: unknown,
  ) {
    super(
      `${where}: reading failed at byte ${offset}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'TransportError';
  }
}

export interface TextStreamResult {
  /** set once the stream is done: true if the gzip data ended early or was corrupt */
  truncated: boolean;
  /** compressed (or plain) bytes read from the input */
  bytesRead: number;
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

async function* counted(
  first: Uint8Array | undefined,
  rest: AsyncIterator<Uint8Array>,
  state: TextStreamResult,
  file: string,
): AsyncGenerator<Uint8Array> {
  let done = false;
  try {
    if (first) {
      state.bytesRead += first.length;
      yield first;
    }
    for (;;) {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await rest.next();
      } catch (err) {
        done = true;
        throw new TransportError(file, state.bytesRead, err);
      }
      if (r.done) {
        done = true;
        return;
      }
      state.bytesRead += r.value.length;
      yield r.value;
    }
  } finally {
    // the consumer stopped early: close the underlying stream (file descriptor, socket)
    if (!done) await rest.return?.();
  }
}

export async function* decodeText(
  input: AsyncIterable<Uint8Array>,
  file: string,
  log: ProblemLog,
  state: TextStreamResult = { truncated: false, bytesRead: 0 },
): AsyncGenerator<string> {
  const it = input[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await it.next();
    // a one-byte first chunk could hide the magic; read on until two bytes are known
    while (!first.done && first.value.length < 2) {
      const more = await it.next();
      if (more.done) break;
      first = { done: false, value: Buffer.concat([first.value, more.value]) };
    }
  } catch (err) {
    throw new TransportError(file, 0, err);
  }
  if (first.done) return;
  const head = first.value;
  const gzipped = isGzip(head);
  const bytes = counted(head, it, state, file);
  const decoder = new StringDecoder('utf8');

  if (!gzipped) {
    for await (const chunk of bytes) {
      const s = decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      if (s) yield s;
    }
    const tail = decoder.end();
    if (tail) yield tail;
    return;
  }

  const gunzip = createGunzip();
  const source = Readable.from(bytes, { objectMode: false });
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  let decompressed = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      decompressed += chunk.length;
      const s = decoder.write(chunk);
      if (s) yield s;
    }
  } catch (err) {
    if (err instanceof TransportError) throw err;
    if (!isZlibError(err)) throw new TransportError(file, state.bytesRead, err);
    state.truncated = true;
    const what = err instanceof Error ? err.message : String(err);
    log.report(
      file,
      { offset: state.bytesRead },
      `gzip data is truncated or corrupt (${what}): decoding stopped after ${state.bytesRead} compressed bytes read (${decompressed} bytes decompressed); the events before that point were read`,
    );
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** Whether bytes start with the gzip magic. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
