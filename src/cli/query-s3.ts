import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openSource } from '../detect/sources/index.js';
import { EventsCopyWriter } from '../query/copy-writer.js';
import { QueryTimeout } from '../query/engine.js';
import type { CliContext } from './context.js';
import { describeProblem } from './detect.js';
import { UserError } from './errors.js';

export const isS3Url = (s: string) => s.startsWith('s3://');

/**
 * `query --cloudtrail s3://bucket/prefix`: the CloudTrail objects under the prefix, listed and
 * streamed with the S3 client of `detect --s3` (read-only: ListObjectsV2 and GetObject, the
 * SDK's own credential chain and endpoint settings), kept in a temporary local copy that the
 * query runs over and that is removed afterwards. DuckDB's own S3 reader (httpfs) is an
 * extension it would download, and query sandboxes load none.
 */
export async function withS3Copy<T>(
  ctx: CliContext,
  url: string,
  opts: { region?: string; timeoutMs: number },
  run: (copyDir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cloudward-s3-query-'));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
  try {
    const copyDir = path.join(dir, 'copy');
    const writer = await EventsCopyWriter.open(copyDir, { batchEvents: 50_000 });
    let problems = 0;
    try {
      const source = openSource(
        { type: 'cloudtrail', s3: url, ...(opts.region ? { region: opts.region } : {}) },
        {
          name: url,
          follow: false,
          onProblem: (p) => {
            problems += 1;
            ctx.logger.warn(`skipped ${describeProblem(p)}`);
          },
        },
      );
      for await (const event of source.read({ signal: abort.signal })) await writer.add(event);
    } catch (e) {
      if (abort.signal.aborted) throw new QueryTimeout(opts.timeoutMs);
      throw new UserError(`${url}: ${(e as Error).message}`);
    } finally {
      await writer.close();
    }
    if (abort.signal.aborted) throw new QueryTimeout(opts.timeoutMs);
    if (writer.stats.events === 0)
      throw new UserError(
        `${url}: no CloudTrail events under this prefix${problems ? ` (${problems} problems reported above)` : ''}`,
      );
    ctx.logger.debug(`${url}: ${writer.stats.events} events read into a temporary copy`);
    return await run(copyDir);
  } finally {
    clearTimeout(timer);
    await rm(dir, { recursive: true, force: true });
  }
}
