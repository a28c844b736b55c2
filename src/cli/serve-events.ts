import type { EventsCopyConfig, LogSourceConfig } from '../config/schema.js';
import {
  type EventsQueries,
  type EventsQueryAnswer,
  EventsQueryFailed,
  type EventsQuerySource,
} from '../core/events-query.js';
import type { Logger } from '../core/logger.js';
import { QueryError, QueryTimeout, queryEvents } from '../query/engine.js';
import { EVENT_COLUMNS } from '../query/events-table.js';
import { SAMPLES } from '../query/samples.js';
import { expandHome } from '../store/paths.js';
import { UserError } from './errors.js';
import { type ReadLog, withLogsCopy } from './query-logs.js';

/** Where the dashboard's time limit is set, named when a query is cancelled at it. */
const SETTING = 'serve --query-timeout';

type Target = { copy: string } | { log: ReadLog };

/**
 * The activity logs the dashboard's Query page may read: the config's `events_copy` and its
 * `logs:` entries that are files or directory trees (an S3 prefix, a log group or a queue is
 * read into the copy by `watch`; VPC flow records are traffic, not activity). Undefined when
 * the config names none. Each query's engine is allowed these locations only (and a temporary
 * directory of its own), so a query cannot read another file of the server.
 */
export function configuredEventsQueries(
  config: { events_copy?: EventsCopyConfig | undefined; logs: Record<string, LogSourceConfig> },
  logger: Logger,
): EventsQueries | undefined {
  const targets = new Map<string, Target>();
  const sources: EventsQuerySource[] = [];
  if (config.events_copy) {
    const copy = expandHome(config.events_copy.path);
    targets.set('copy', { copy });
    sources.push({ id: 'copy', label: `kept copy (${copy})` });
  }
  for (const [name, log] of Object.entries(config.logs)) {
    if (!log.path || log.path === '-' || log.type === 'vpcflow') continue;
    const location = expandHome(log.path);
    targets.set(`log:${name}`, { log: { type: log.type, location } });
    sources.push({ id: `log:${name}`, label: `${name} (${log.type}, ${location})` });
  }
  if (sources.length === 0) return undefined;

  const query = async (
    sourceId: string,
    sql: string,
    opts: { params?: Record<string, string>; timeoutMs: number },
  ): Promise<EventsQueryAnswer> => {
    const target = targets.get(sourceId);
    if (!target) throw new EventsQueryFailed(`no activity log "${sourceId}"`);
    const limit = { ms: opts.timeoutMs, setting: SETTING };
    const base = {
      timeoutMs: opts.timeoutMs,
      limit,
      onSkip: (s: { file: string; reason: string }) =>
        logger.warn(`query ${sourceId}: skipped ${s.file}: ${s.reason}`),
      ...(opts.params ? { params: opts.params } : {}),
    };
    try {
      if ('copy' in target) return await queryEvents({ copy: target.copy }, sql, base);
      if (target.log.type === 'cloudtrail')
        return await queryEvents({ cloudtrail: target.log.location }, sql, base);
      // the other logs are read by detect's readers into a temporary copy, then queried
      const problems: { file: string; reason: string }[] = [];
      const answer = await withLogsCopy(
        [target.log],
        {
          timeoutMs: opts.timeoutMs,
          timeoutSetting: SETTING,
          withOthers: false,
          warn: (message) => {
            problems.push({ file: target.log.location, reason: message });
            logger.warn(`query ${sourceId}: ${message}`);
          },
        },
        (copy, left) => queryEvents({ copy: copy as string }, sql, { ...base, timeoutMs: left }),
      );
      return { ...answer, skipped: [...problems, ...answer.skipped] };
    } catch (e) {
      if (e instanceof QueryTimeout || e instanceof UserError) throw new EventsQueryFailed(e.message);
      if (e instanceof QueryError) throw new EventsQueryFailed(`query failed: ${e.message}`);
      throw e;
    }
  };

  return {
    sources,
    columns: EVENT_COLUMNS.map((c) => ({ name: c.name, type: c.type, description: c.cloudtrail })),
    samples: SAMPLES,
    query,
  };
}
