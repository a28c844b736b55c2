import { type Command, Option } from 'commander';
import { parseDuration } from '../core/duration.js';
import { type SampleQuery, sampleParams } from '../core/sample-query.js';
import { wrapHanging } from '../output/text-layout.js';
import { buildCopy, formatDuration, QueryError, QueryTimeout, queryEvents } from '../query/engine.js';
import { formatResult, OUTPUT_FORMATS, type OutputFormat, type ResultTable } from '../query/output.js';
import { SAMPLES, sampleNamed } from '../query/samples.js';
import {
  QUERY_TABLES,
  QueryTextError,
  STORE_SAMPLES,
  StoreQueryError,
  StoreQueryTimeout,
  storeSampleNamed,
} from '../store/index.js';
import { type CliContext, contextOf } from './context.js';
import { UserError } from './errors.js';
import { eventsCopyDir } from './events-copy.js';
import { isS3Url, LOG_OPTIONS, type ReadLog, withLogsCopy } from './query-logs.js';
import { printData } from './terminal.js';

interface RunOptions {
  cloudtrail?: string;
  azureActivity?: string;
  gcpAudit?: string;
  entraId?: string;
  region?: string;
  /** a directory, or true for the config's events_copy.path */
  copy?: string | true;
  store?: string;
  param?: string[];
  format: OutputFormat;
  timeout: string;
}

interface QueryOptions extends RunOptions {
  buildCopy?: boolean;
  sample?: string;
  samples?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function paramsOf(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UserError(`--param ${p}: expected NAME=VALUE`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

/** The sample queries and their parameters in `width` columns: longer lines wrap, indented under their start. */
function samplesText(width: number): string {
  const wrap = (line: string) => wrapHanging(line, width, 4).join('\n');
  const list = (samples: readonly SampleQuery[]) =>
    samples
      .map((s) => {
        const params = s.params.map((p) => wrap(`      --param ${p.name}=…  ${p.description}`)).join('\n');
        return `  ${s.name}\n${wrap(`    ${s.question}`)}\n${params ? `${params}\n` : ''}`;
      })
      .join('\n');
  return `Over the store (cloudward query --sample NAME):\n\n${list(STORE_SAMPLES)}\n${wrap('Over activity logs (with --cloudtrail, --azure-activity, --gcp-audit, --entra-id PATH or --copy DIR):')}\n\n${list(SAMPLES)}`;
}

function tablesText(): string {
  return QUERY_TABLES.map(
    (t) =>
      `${t.name}: ${t.description}\n${t.columns.map((c) => `  ${c.name.padEnd(16)} ${c.type.padEnd(8)} ${c.description}`).join('\n')}\n`,
  ).join('\n');
}

function timeoutOf(opts: RunOptions): number {
  const ms = parseDuration(opts.timeout, ['s', 'm', 'h']);
  if (!ms) throw new UserError(`--timeout ${opts.timeout}: expected a duration such as 30s, 5m or 1h`);
  return ms;
}

/** Runs `sql` over the logs the options name, or over the store; prints the answer. */
async function runSql(
  ctx: CliContext,
  sql: string,
  params: Record<string, string>,
  opts: RunOptions,
): Promise<void> {
  const timeoutMs = timeoutOf(opts);
  const logs = logsOf(opts);
  if (logs.length > 0 && opts.copy)
    throw new UserError(
      `give ${logs.map((l) => LOG_OPTIONS[l.type]).join(', ')} or --copy DIR, not both (--build-copy uses --cloudtrail and --copy)`,
    );
  const withParams = Object.keys(params).length ? { params } : {};
  let result: ResultTable;
  try {
    if (logs.length > 0 || opts.copy) {
      if (opts.store) throw new UserError('--store queries the store: leave out the log options and --copy');
      const queryOpts = {
        timeoutMs,
        onSkip: (s: { file: string; reason: string }) => ctx.logger.warn(`skipped ${s.file}: ${s.reason}`),
        ...withParams,
      };
      // CloudTrail files are read by DuckDB where they are; the other logs (and an S3 prefix)
      // through Cloudward's readers into a temporary copy, queried with them as one table
      const inPlace = logs.find((l) => l.type === 'cloudtrail' && !isS3Url(l.location));
      const read = logs.filter((l) => l !== inPlace);
      if (read.length > 0)
        result = await withLogsCopy(
          read,
          {
            timeoutMs,
            withOthers: inPlace !== undefined,
            warn: (m) => ctx.logger.warn(m),
            ...(opts.region ? { region: opts.region } : {}),
          },
          (copy, left) =>
            queryEvents(
              copy
                ? { ...(inPlace ? { cloudtrail: inPlace.location } : {}), copy }
                : { cloudtrail: (inPlace as ReadLog).location },
              sql,
              { ...queryOpts, timeoutMs: left, limit: { ms: timeoutMs, setting: '--timeout' } },
            ),
        );
      else
        result = await queryEvents(
          inPlace ? { cloudtrail: inPlace.location } : { copy: eventsCopyDir(ctx, opts.copy, '--copy') },
          sql,
          queryOpts,
        );
    } else {
      const queries = await (await ctx.store(opts.store)).openQueries();
      try {
        result = await queries.query(sql, { timeoutMs, ...withParams });
      } finally {
        await queries.close();
      }
    }
  } catch (e) {
    if (e instanceof QueryTimeout || e instanceof StoreQueryTimeout)
      throw new UserError(e instanceof StoreQueryTimeout ? `${e.message} (--timeout)` : e.message);
    if (e instanceof QueryError || e instanceof StoreQueryError || e instanceof QueryTextError)
      throw new UserError(`query failed: ${e.message}`);
    throw e;
  }
  printData(formatResult(result, opts.format, ctx.width));
}

/** The logs the options name, in option order: CloudTrail, Azure Activity, GCP Audit, Entra ID. */
function logsOf(opts: RunOptions): ReadLog[] {
  const given: [ReadLog['type'], string | undefined][] = [
    ['cloudtrail', opts.cloudtrail],
    ['azure_activity', opts.azureActivity],
    ['gcp_audit', opts.gcpAudit],
    ['entra_id', opts.entraId],
  ];
  const logs: ReadLog[] = [];
  for (const [type, location] of given) {
    if (location === undefined) continue;
    if (type !== 'cloudtrail' && isS3Url(location))
      throw new UserError(`${LOG_OPTIONS[type]} reads local files (a file or a directory tree), not S3`);
    logs.push({ type, location });
  }
  return logs;
}

function addRunOptions(cmd: Command): Command {
  return cmd
    .option(
      '--cloudtrail <path>',
      'query CloudTrail files (a file, a directory tree of .json, .jsonl, .ndjson, plain or .gz, or s3://bucket/prefix) as the table `events`',
    )
    .option(
      '--azure-activity <path>',
      'query Azure Activity Log files (a file or a directory tree, as exported or from the REST API) as `events`',
    )
    .option(
      '--gcp-audit <path>',
      'query GCP Audit Log files (Cloud Logging entries, a file or a tree) as `events`',
    )
    .option('--entra-id <path>', 'query Entra ID sign-in and audit log files (a file or a tree) as `events`')
    .option('--region <region>', 'with --cloudtrail s3://...: the region of the S3 client')
    .option(
      '--copy [dir]',
      "query a local copy (Parquet files by day) as the table `events` (default DIR: the config's events_copy.path)",
    )
    .option(
      '--store <name>',
      "the store to query (default: the config's default store; --db for a SQLite file)",
    )
    .option('--param <name=value>', 'a value for $name in the query (repeatable)', collect)
    .addOption(new Option('--format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('--timeout <duration>', 'cancel a query that runs longer (e.g. 30s, 5m, 1h)', '60s');
}

export function registerQueryCommand(program: Command): void {
  const query = addRunOptions(
    program
      .command('query')
      .description('SQL over the store (findings, resources, scans, detections...) or over activity logs')
      .argument('[sql]', 'one SELECT (omit with --sample, --samples, --build-copy)'),
  )
    .option('--build-copy', 'write the events of --cloudtrail into the local copy --copy (replacing it)')
    .option('--sample <name>', 'run a sample query (list them with --samples)')
    .option('--samples', 'list the sample queries and their parameters')
    .addHelpText(
      'after',
      `
Without --cloudtrail or --copy a query reads the store, through the tables:
  ${QUERY_TABLES.map((t) => t.name).join(', ')}
(columns: cloudward query tables). The same names and columns on SQLite and PostgreSQL;
the SQL is the store's own (portable SQL runs on both).

With --cloudtrail, --azure-activity, --gcp-audit, --entra-id (several give one table) or
--copy it reads the table events (DuckDB): cloud, log, time, day, account,
region, actor, actor_type, source_ip, user_agent, service, event_name, action
(eventSource:eventName), resource, outcome ('success' or the error code), error_message,
read_only, event_id, raw (the event as JSON; raw->>'$.field'). See docs/query.md.

Queries are read-only: one SELECT statement; statements and functions that write, read
files or act on the server are refused. Files the engine cannot read (malformed JSON,
broken gzip) are named on stderr and left out.

Examples:
  cloudward query "SELECT severity, count(*) AS n FROM findings GROUP BY severity"
  cloudward query --sample resources-changed-since --param since=2026-11-30
  cloudward query save public-buckets "SELECT name, account FROM resources WHERE record_type = 'storage'"
  cloudward query run public-buckets --format csv
  cloudward query --cloudtrail ./AWSLogs "SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC"
  cloudward query --cloudtrail s3://org-trail/AWSLogs/111122223333/ "SELECT event_name, count(*) FROM events GROUP BY 1"
  cloudward query --azure-activity ./activity --gcp-audit ./audit "SELECT cloud, outcome, count(*) FROM events GROUP BY ALL"
  cloudward query --build-copy --cloudtrail ./AWSLogs --copy ./trail-copy
  cloudward query --copy ./trail-copy --sample security-group-changes --param principal=alice --param since=2026-11-02
  cloudward detect --type cloudtrail --path ./AWSLogs --keep-copy ./trail-copy   # appends to the copy
  cloudward query "SELECT log, count(*) FROM events GROUP BY log" --copy   # the config's events_copy.path

Exit codes: 0 done; 2 bad arguments, an SQL error (the engine's message and position), a
statement that is not a SELECT, or a query cancelled at --timeout.`,
    )
    .action(async (sql: string | undefined, opts: QueryOptions, cmd) => {
      const ctx = contextOf(cmd);
      if (opts.samples) {
        ctx.print(samplesText(ctx.width));
        return;
      }
      if (opts.buildCopy) {
        const other = logsOf(opts).find((l) => l.type !== 'cloudtrail');
        if (other)
          throw new UserError(
            `--build-copy reads CloudTrail files; keep a copy of other logs with: cloudward detect --type ${other.type} --path ${other.location} --keep-copy DIR`,
          );
        if (!opts.cloudtrail || !opts.copy)
          throw new UserError('--build-copy needs --cloudtrail PATH and --copy DIR');
        if (sql || opts.sample)
          throw new UserError('--build-copy runs no query: give the query in a separate run');
        if (isS3Url(opts.cloudtrail))
          throw new UserError(
            '--build-copy reads local files; keep a copy of an S3 prefix with: cloudward detect --s3 URL --keep-copy DIR',
          );
        const timeoutMs = timeoutOf(opts);
        const started = Date.now();
        try {
          const c = await buildCopy(opts.cloudtrail, eventsCopyDir(ctx, opts.copy, '--copy'), {
            timeoutMs,
            onSkip: (s) => ctx.logger.warn(`skipped ${s.file}: ${s.reason}`),
          });
          ctx.logger.info(
            `copy ${c.dir}: ${c.events} events from ${c.files} files, ${c.days} days, ${c.bytes} bytes ` +
              `in ${formatDuration(Date.now() - started)}${c.skipped.length ? `, ${c.skipped.length} files skipped` : ''}`,
          );
        } catch (e) {
          if (e instanceof QueryTimeout) throw new UserError(e.message);
          if (e instanceof QueryError) throw new UserError(`query failed: ${e.message}`);
          throw e;
        }
        return;
      }
      let params = paramsOf(opts.param ?? []);
      if (opts.sample) {
        const onEvents = logsOf(opts).length > 0 || Boolean(opts.copy);
        const sample = onEvents ? sampleNamed(opts.sample) : storeSampleNamed(opts.sample);
        if (!sample) {
          const names = (onEvents ? SAMPLES : STORE_SAMPLES).map((s) => s.name).join(', ');
          const other = onEvents ? storeSampleNamed(opts.sample) : sampleNamed(opts.sample);
          throw new UserError(
            other
              ? `sample ${opts.sample} reads ${onEvents ? 'the store: leave out the log options and --copy' : 'activity logs: give --cloudtrail PATH (or --azure-activity, --gcp-audit, --entra-id) or --copy DIR'}`
              : `no sample named ${opts.sample} (there are: ${names})`,
          );
        }
        if (sql) throw new UserError('give either a query or --sample, not both');
        try {
          params = sampleParams(sample, params, new Date());
        } catch (e) {
          throw new UserError((e as Error).message);
        }
        sql = sample.sql;
      }
      if (!sql) throw new UserError('give a query: cloudward query "SELECT ... FROM findings" (see --help)');
      await runSql(ctx, sql, params, opts);
    });

  query
    .command('tables')
    .description('list the tables and columns a query over the store can read')
    .action((_opts, cmd: Command) => contextOf(cmd).print(tablesText()));

  query
    .command('save')
    .description('save a query under a name, in the store, for everyone who uses it')
    .argument('<name>', "the query's name (letters, digits, '.', '_', '-')")
    .argument('<sql>', 'the query')
    .option('--description <text>', 'what it answers')
    .option('--store <name>', 'the store to keep it in')
    .action(
      async (name: string, sql: string, opts: { description?: string; store?: string }, cmd: Command) => {
        const ctx = contextOf(cmd);
        const queries = await (await ctx.store(opts.store)).openQueries();
        try {
          const saved = await queries.saveQuery({
            name,
            sql,
            ...(opts.description === undefined ? {} : { description: opts.description }),
          });
          ctx.logger.info(
            `saved query ${saved.name}${saved.created_at === saved.updated_at ? '' : ' (replaced)'}`,
          );
        } catch (e) {
          if (e instanceof QueryTextError) throw new UserError(`query ${name} not saved: ${e.message}`);
          throw e;
        } finally {
          await queries.close();
        }
      },
    );

  // --param, --format, --timeout, --store, --cloudtrail and --copy are the options of `query`
  // itself, which commander reads wherever they stand on the line
  query
    .command('run')
    .description('run a saved query (over the store, or over --cloudtrail / --copy)')
    .argument('<name>', 'the saved query')
    .addHelpText(
      'after',
      '\nOptions of `cloudward query` apply: --param, --format, --timeout, --store, --copy and the log options (--cloudtrail...).',
    )
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const opts = cmd.optsWithGlobals<RunOptions>();
      const queries = await (await ctx.store(opts.store)).openQueries();
      const saved = await queries.savedQuery(name).finally(() => queries.close());
      if (!saved) throw new UserError(`no saved query named ${name} (cloudward query list)`);
      await runSql(ctx, saved.sql, paramsOf(opts.param ?? []), opts);
    });

  query
    .command('list')
    .description('list the saved queries (--format and --store of `query` apply)')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const opts = cmd.optsWithGlobals<RunOptions>();
      const queries = await (await ctx.store(opts.store)).openQueries();
      const saved = await queries.savedQueries().finally(() => queries.close());
      const names = ['name', 'description', 'sql', 'updated_at'];
      printData(
        formatResult(
          { columns: names.map((n) => ({ name: n, type: 'text' })), rows: saved.map((q) => ({ ...q })) },
          opts.format,
          ctx.width,
        ),
      );
    });

  query
    .command('delete')
    .description('delete a saved query')
    .argument('<name>', 'the saved query')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const opts = cmd.optsWithGlobals<RunOptions>();
      const queries = await (await ctx.store(opts.store)).openQueries();
      const gone = await queries.deleteQuery(name).finally(() => queries.close());
      if (!gone) throw new UserError(`no saved query named ${name}`);
      ctx.logger.info(`deleted query ${name}`);
    });
}
