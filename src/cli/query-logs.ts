import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SourceType } from '../core/log-types.js';
import { openSource, type SourceProblem } from '../detect/sources/index.js';
import { EventsCopyWriter } from '../query/copy-writer.js';
import { QueryTimeout } from '../query/engine.js';
import { describeProblem } from './detect.js';
import { UserError } from './errors.js';

export const isS3Url = (s: string) => s.startsWith('s3://');

/** A log the query reads through Cloudward's own reader: where it is and what it holds. */
export interface ReadLog {
  type: Exclude<SourceType, 'vpcflow'>;
  /** a file or directory tree, or s3://bucket/prefix (CloudTrail only) */
  location: string;
}

/** The query option that names each log type. */
export const LOG_OPTIONS: Readonly<Record<ReadLog['type'], string>> = {
  cloudtrail: '--cloudtrail',
  azure_activity: '--azure-activity',
  gcp_audit: '--gcp-audit',
  entra_id: '--entra-id',
};

const LOG_NAMES: Readonly<Record<ReadLog['type'], string>> = {
  cloudtrail: 'CloudTrail',
  azure_activity: 'Azure Activity Log',
  gcp_audit: 'GCP Audit Log',
  entra_id: 'Entra ID',
};

/**
 * Reads `logs` with the readers `detect` uses (so their columns are normalised exactly as in the
 * copy `detect --keep-copy` and `watch` keep), into a temporary local copy that `run` queries
 * and that is removed afterwards. This is how a query reads the logs DuckDB cannot map in SQL
 * itself: Azure Activity, GCP Audit and Entra ID files, and CloudTrail under an S3 prefix
 * (DuckDB's S3 reader, httpfs, is an extension it would download, and query sandboxes load none).
 *
 * A file or record the reader cannot read is reported through `warn` (the file and position)
 * and left out; the rest answer. The read counts towards `timeoutMs`: `run` gets what is left.
 */
export async function withLogsCopy<T>(
  logs: readonly ReadLog[],
  opts: {
    region?: string;
    timeoutMs: number;
    /** where the limit is set, for the cancel message */
    timeoutSetting?: string;
    /** other logs answer too: a log without events is a warning, not an error */
    withOthers: boolean;
    warn: (message: string) => void;
  },
  run: (copyDir: string | undefined, timeLeftMs: number) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cloudward-logs-query-'));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), opts.timeoutMs);
  const timeout = () => new QueryTimeout(opts.timeoutMs, opts.timeoutSetting);
  try {
    const copyDir = path.join(dir, 'copy');
    const writer = await EventsCopyWriter.open(copyDir, { batchEvents: 50_000 });
    const empty: string[] = [];
    try {
      for (const log of logs) {
        let problems = 0;
        let events = 0;
        const onProblem = (p: SourceProblem) => {
          problems += 1;
          opts.warn(`skipped ${describeProblem(p)}`);
        };
        const where = isS3Url(log.location)
          ? { s3: log.location, ...(opts.region ? { region: opts.region } : {}) }
          : { path: log.location };
        try {
          const source = openSource(
            { type: log.type, ...where },
            { name: log.location, follow: false, onProblem },
          );
          for await (const event of source.read({ signal: abort.signal })) {
            await writer.add(event);
            events += 1;
          }
        } catch (e) {
          if (abort.signal.aborted) throw timeout();
          throw new UserError(`${LOG_OPTIONS[log.type]} ${log.location}: ${(e as Error).message}`);
        }
        if (abort.signal.aborted) throw timeout();
        if (events === 0)
          empty.push(
            `${log.location}: no ${LOG_NAMES[log.type]} events ${isS3Url(log.location) ? 'under this prefix' : 'in this file or tree'}` +
              (problems ? ` (${problems} problems reported above)` : ''),
          );
      }
    } finally {
      await writer.close();
    }
    if (abort.signal.aborted) throw timeout();
    clearTimeout(timer);
    if (writer.stats.events === 0 && !opts.withOthers) throw new UserError(empty.join('; '));
    for (const e of empty) opts.warn(e);
    const left = Math.max(1, opts.timeoutMs - (Date.now() - started));
    return await run(writer.stats.events > 0 ? copyDir : undefined, left);
  } finally {
    clearTimeout(timer);
    await rm(dir, { recursive: true, force: true });
  }
}
