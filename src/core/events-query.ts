import type { SampleQuery } from './sample-query.js';

/**
 * The port through which the dashboard's Query page runs SQL over activity logs (the `events`
 * table of docs/query.md): the kept copy and the log locations of the config. The engine lives
 * in src/query/ and the log readers in src/detect/; `serve` hands the server an implementation
 * that knows only the locations the config names, so a page can query nothing else.
 */

/** Something the page can query as `events`: the kept copy, or one configured log. */
export interface EventsQuerySource {
  /** `copy`, or `log:NAME` for the config's `logs.NAME` */
  id: string;
  /** what to show: its name, type and where it is */
  label: string;
}

export interface EventsQueryAnswer {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  /** files left out because they could not be read, with why */
  skipped: { file: string; reason: string }[];
}

export interface EventsQueries {
  readonly sources: readonly EventsQuerySource[];
  /** the `events` columns */
  readonly columns: readonly { name: string; type: string; description: string }[];
  readonly samples: readonly SampleQuery[];
  /** one read-only SELECT over `events` of the source; throws EventsQueryFailed for the user's errors */
  query(
    sourceId: string,
    sql: string,
    opts: { params?: Record<string, string>; timeoutMs: number },
  ): Promise<EventsQueryAnswer>;
}

/** A query refused, failed in the engine, cancelled at the limit, or over a source that is not there: the message says which. */
export class EventsQueryFailed extends Error {
  override name = 'EventsQueryFailed';
}
