import { type Command, Option } from 'commander';
import { parseDuration } from '../core/duration.js';
import { buildCopy, formatDuration, QueryError, QueryTimeout, queryEvents } from '../query/engine.js';
import { formatResult, OUTPUT_FORMATS, type OutputFormat } from '../query/output.js';
import { SAMPLES, sampleNamed, sampleParams } from '../query/samples.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { printData } from './terminal.js';

interface QueryOptions {
  cloudtrail?: string;
  copy?: string;
  buildCopy?: boolean;
  sample?: string;
  samples?: boolean;
  param?: string[];
  format: OutputFormat;
  timeout: string;
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

function samplesText(): string {
  return SAMPLES.map((s) => {
    const params = s.params.map((p) => `      --param ${p.name}=…  ${p.description}`).join('\n');
    return `${s.name}\n    ${s.question}\n${params ? `${params}\n` : ''}`;
  }).join('\n');
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('SQL over activity logs: CloudTrail files in place, or a compact local copy of them')
    .argument('[sql]', 'one SELECT over the table `events` (omit with --sample, --samples, --build-copy)')
    .option(
      '--cloudtrail <path>',
      'a CloudTrail file or directory tree (.json, .jsonl, .ndjson, plain or .gz), read where it is',
    )
    .option('--copy <dir>', 'a local copy (Parquet files by day) to query, or to write with --build-copy')
    .option('--build-copy', 'write the events of --cloudtrail into the local copy --copy (replacing it)')
    .option('--sample <name>', 'run a sample query (list them with --samples)')
    .option('--samples', 'list the sample queries and their parameters')
    .option('--param <name=value>', 'a value for $name in the query (repeatable)', collect)
    .addOption(new Option('--format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('--timeout <duration>', 'cancel a query that runs longer (e.g. 30s, 5m, 1h)', '60s')
    .addHelpText(
      'after',
      `
Columns of events: cloud, time, day, account, region, actor, actor_type, source_ip,
user_agent, service, event_name, action (eventSource:eventName), resource, outcome ('success'
or the error code), error_message, read_only, event_id, raw (the event as JSON; raw->>'$.field').
See docs/query.md.

Queries are read-only: one SELECT statement, reading only the given logs or copy.
Files the engine cannot read (malformed JSON, broken gzip) are named on stderr and left out.

Examples:
  cloudward query --cloudtrail ./AWSLogs "SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC"
  cloudward query --build-copy --cloudtrail ./AWSLogs --copy ./trail-copy
  cloudward query --copy ./trail-copy --sample console-sign-ins --format csv
  cloudward query --copy ./trail-copy --sample security-group-changes --param principal=alice --param since=2026-11-02

Exit codes: 0 done; 2 bad arguments, an SQL error (the engine's message and position), a
statement that is not a SELECT, or a query cancelled at --timeout.`,
    )
    .action(async (sql: string | undefined, opts: QueryOptions, cmd) => {
      const ctx = contextOf(cmd);
      if (opts.samples) {
        ctx.print(samplesText());
        return;
      }
      const timeoutMs = parseDuration(opts.timeout, ['s', 'm', 'h']);
      if (!timeoutMs)
        throw new UserError(`--timeout ${opts.timeout}: expected a duration such as 30s, 5m or 1h`);
      const onSkip = (s: { file: string; reason: string }) =>
        ctx.logger.warn(`skipped ${s.file}: ${s.reason}`);
      try {
        if (opts.buildCopy) {
          if (!opts.cloudtrail || !opts.copy)
            throw new UserError('--build-copy needs --cloudtrail PATH and --copy DIR');
          if (sql || opts.sample)
            throw new UserError('--build-copy runs no query: give the query in a separate run');
          const started = Date.now();
          const c = await buildCopy(opts.cloudtrail, opts.copy, { timeoutMs, onSkip });
          ctx.logger.info(
            `copy ${c.dir}: ${c.events} events from ${c.files} files, ${c.days} days, ${c.bytes} bytes ` +
              `in ${formatDuration(Date.now() - started)}${c.skipped.length ? `, ${c.skipped.length} files skipped` : ''}`,
          );
          return;
        }
        if (opts.cloudtrail && opts.copy)
          throw new UserError('give --cloudtrail PATH or --copy DIR, not both (--build-copy uses both)');
        const source = opts.cloudtrail
          ? { cloudtrail: opts.cloudtrail }
          : opts.copy
            ? { copy: opts.copy }
            : undefined;
        if (!source)
          throw new UserError(
            'give the events to query: --cloudtrail PATH or --copy DIR (SQL over the store is not available yet)',
          );
        let params = paramsOf(opts.param ?? []);
        if (opts.sample) {
          const sample = sampleNamed(opts.sample);
          if (!sample)
            throw new UserError(
              `no sample named ${opts.sample} (there are: ${SAMPLES.map((s) => s.name).join(', ')})`,
            );
          if (sql) throw new UserError('give either a query or --sample, not both');
          try {
            params = sampleParams(sample, params, new Date());
          } catch (e) {
            throw new UserError((e as Error).message);
          }
          sql = sample.sql;
        }
        if (!sql)
          throw new UserError('give a query: cloudward query --cloudtrail PATH "SELECT ... FROM events"');
        const result = await queryEvents(source, sql, {
          timeoutMs,
          onSkip,
          ...(Object.keys(params).length ? { params } : {}),
        });
        printData(formatResult(result, opts.format));
      } catch (e) {
        if (e instanceof QueryTimeout) throw new UserError(e.message);
        if (e instanceof QueryError) throw new UserError(`query failed: ${e.message}`);
        throw e;
      }
    });
}
