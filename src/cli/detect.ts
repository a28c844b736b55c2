/**
 * `cloudward detect`: stream an activity log through the Sigma rules (our pack plus any --rules),
 * print and store the detections, and summarise the run.
 */

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import {
  DetectionRecorder,
  detectionPipeline,
  readLog,
  resolveLogSource,
  statefulDetections,
} from '../audit/detection.js';
import { parseDuration } from '../core/duration.js';
import type { IncidentStore } from '../core/incidents.js';
import type { FindingRecord } from '../core/record.js';
import { atLeast, SEVERITIES, type Severity } from '../core/severity.js';
import { sanitizeInline, sanitizeTerminal } from '../core/terminal-text.js';
import {
  DETECT_FORMATS,
  type DetectFormat,
  type DetectionWriter,
  TextSink,
  writerFor,
} from '../detect/detection-output.js';
import { SOURCE_IDS } from '../detect/detector.js';
import { IncidentTracker, MemoryIncidentStore } from '../detect/incidents.js';
import { logsourceMatches } from '../detect/sigma/logsource.js';
import {
  type LogSource,
  openSource,
  SOURCE_TYPES,
  type SourceProblem,
  type SourceSpec,
  type SourceType,
} from '../detect/sources/index.js';
import { type DetectionStateStore, MemoryStateStore } from '../detect/stateful/index.js';
import { detectWorkerUrl } from '../detect/worker-pool.js';
import { alertAfterDetect } from '../notify/after-detect.js';
import type { DetectionStore } from '../store/detections.js';
import type { Store } from '../store/store.js';
import { type CliContext, contextOf } from './context.js';
import { EXIT, setExitCode, UserError } from './errors.js';
import { eventsCopyDir, openEventsCopy } from './events-copy.js';
import { checkOutputPath } from './output-path.js';

export interface DetectOptions {
  type?: SourceType;
  path?: string;
  s3?: string;
  logGroup?: string;
  queueUrl?: string;
  flowFormat?: string;
  checkpoint?: string;
  region?: string;
  source?: string;
  rules?: string[];
  builtinRules: boolean;
  since?: string;
  format: DetectFormat;
  output?: string;
  failOn?: Severity;
  follow?: boolean;
  poll?: string;
  store: boolean;
  notify: boolean;
  progress: boolean;
  workers?: string;
  keepCopy?: string | true;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `2024-05-01T00:00:00Z`, `2024-05-01`, or a look-back such as `30m`, `24h`, `7d`. */
export function parseSince(text: string, now = Date.now()): Date {
  const ago = parseDuration(text.toLowerCase());
  if (ago !== undefined) return new Date(now - ago);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new UserError(
      `--since: "${text}" is neither a time (2024-05-01T12:00:00Z) nor a look-back (24h, 7d)`,
    );
  }
  return new Date(ms);
}

interface ResolvedSource {
  spec: SourceSpec;
  name: string;
  rules: string[];
  /** the notifiers the config's log source names */
  notify: string[];
}

function resolveSource(ctx: CliContext, opts: DetectOptions): ResolvedSource {
  const flags = {
    path: opts.path,
    s3: opts.s3,
    log_group: opts.logGroup,
    queue_url: opts.queueUrl,
  };
  const given = Object.entries(flags).filter((e): e is [string, string] => e[1] !== undefined);
  if (opts.source !== undefined) {
    const logs = ctx.config.config.logs;
    const entry = logs[opts.source];
    const location = entry ? undefined : locationOf(opts.source);
    if (location) {
      // `--source s3://bucket/prefix`, `--source ./AWSLogs`: a location rather than a config name
      if (given.length > 0) throw new UserError('--source is a location here: do not give another one');
      return fromFlags(opts.type ?? 'cloudtrail', [location], opts);
    }
    if (given.length > 0 || opts.type) {
      throw new UserError(
        '--source names a configured log source: do not combine it with --type or a location',
      );
    }
    if (!entry) {
      const names = Object.keys(logs);
      throw new UserError(
        `--source: "${opts.source}" is neither a log source of the config's logs: section (${names.length ? `it has ${names.join(', ')}` : 'it has none'}) nor an existing path, s3:// URL or SQS queue URL`,
      );
    }
    // validated when the config loaded
    const { name, spec, rules, notify } = resolveLogSource(opts.source, entry);
    return { spec, name, rules, notify };
  }
  if (!opts.type) {
    throw new UserError(
      'give --type (cloudtrail, vpcflow, azure_activity, gcp_audit, entra_id) and a location, or --source NAME',
    );
  }
  return fromFlags(opts.type, given, opts);
}

/** A --source value that is a location: an s3:// URL, an SQS queue URL, or a path that exists. */
function locationOf(text: string): [string, string] | undefined {
  if (text.startsWith('s3://')) return ['s3', text];
  if (/^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\//.test(text)) return ['queue_url', text];
  if (text === '-' || existsSync(text)) return ['path', text];
  return undefined;
}

function fromFlags(type: SourceType, given: [string, string][], opts: DetectOptions): ResolvedSource {
  if (given.length !== 1) {
    throw new UserError(
      `give exactly one of --path, --s3, --log-group, --queue-url (got ${given.length ? given.map(([k]) => `--${k.replace('_', '-')}`).join(', ') : 'none'})`,
    );
  }
  const [where, location] = given[0] as [string, string];
  const spec: SourceSpec = {
    type,
    [where]: location,
    ...(opts.flowFormat ? { format: opts.flowFormat } : {}),
    ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}),
    ...(opts.region ? { region: opts.region } : {}),
  };
  return { spec, name: `${type}:${location}`, rules: [], notify: [] };
}

export function describeProblem(p: SourceProblem): string {
  const { line, index, offset } = p.position;
  const pos = [
    line !== undefined ? `line ${line}` : '',
    index !== undefined ? `record ${index}` : '',
    offset !== undefined ? `offset ${offset}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  // readers often start the reason with the position already ("line 3: ..."): say it once
  const reason = p.reason.replace(/^(line \d+( record \d+)?|record \d+|byte \d+): /, '');
  return sanitizeInline(`${p.file}${pos ? ` (${pos})` : ''}: ${reason}`);
}

/**
 * A progress line on stderr, redrawn a few times a second, for a terminal only. Log lines go
 * through log(): the progress line is cleared first and redrawn below them.
 */
function progressTicker(read: () => { events: number; detections: number; started: number }) {
  const draw = () => {
    const s = read();
    const secs = Math.max((Date.now() - s.started) / 1000, 0.001);
    process.stderr.write(
      `\r\x1b[K${s.events.toLocaleString('en')} events  ${Math.round(s.events / secs).toLocaleString('en')}/s  ${s.detections.toLocaleString('en')} detections`,
    );
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    log(line: string) {
      process.stderr.write(`\r\x1b[K${line}\n`);
      draw();
    },
    stop() {
      clearInterval(timer);
      process.stderr.write('\r\x1b[K');
    },
  };
}

/** Store writes are batched: at most this many detections or this long between writes. */
const STORE_BATCH = 2000;
const STORE_EVERY_MS = 1000;

/**
 * --workers: a positive whole number, or `auto` for one per CPU: the threads that read and match files,
 * the main thread included (N - 1 worker threads); by default 1 (in-process). The main thread reads a
 * share of the files itself, as many as keeps it as busy as the workers (docs/detection.md, Speed).
 */
function workerCount(raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (raw === 'auto') return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`--workers: "${raw}" is not a positive whole number or auto`);
  return n;
}

async function runDetect(ctx: CliContext, opts: DetectOptions, signal: AbortSignal): Promise<number> {
  const started = Date.now();
  // a path that cannot be written is refused before any log is read
  if (opts.output) checkOutputPath(opts.output);
  const src = resolveSource(ctx, opts);
  const since = opts.since ? parseSince(opts.since) : undefined;
  if (src.spec.path && src.spec.path !== '-' && !existsSync(src.spec.path)) {
    throw new UserError(`--path: ${src.spec.path} does not exist`);
  }
  const pollMs = opts.poll !== undefined ? Number(opts.poll) * 1000 : undefined;
  if (pollMs !== undefined && !(pollMs > 0))
    throw new UserError(`--poll: "${opts.poll}" is not a number of seconds`);

  const ruleDirs = [...src.rules, ...(opts.rules ?? [])];
  for (const dir of ruleDirs) {
    if (!existsSync(dir)) throw new UserError(`--rules: ${dir} does not exist`);
  }
  const { pipeline, loaded } = await detectionPipeline({
    type: src.spec.type,
    dirs: ruleDirs,
    builtin: opts.builtinRules,
    logger: ctx.logger,
  });
  if (pipeline.ruleCount === 0) {
    throw new UserError(
      `no loaded rule applies to ${src.spec.type} logs (logsource ${JSON.stringify(SOURCE_IDS[src.spec.type])}); check --rules`,
    );
  }
  const skippedRules = loaded.rules.filter(
    (r) => r.kind === 'detection' && !logsourceMatches(r.logsource, SOURCE_IDS[src.spec.type]),
  ).length;
  ctx.logger.debug(`${pipeline.ruleCount} rules run on ${src.spec.type}; ${skippedRules} are for other logs`);

  let source: LogSource;
  const problems: SourceProblem[] = [];
  let problemCount = 0;
  const onProblem = (p: SourceProblem): void => {
    problemCount += 1;
    if (problems.length < 1000) problems.push(p);
    if (problemCount <= 20) ctx.logger.warn(describeProblem(p));
    else if (problemCount === 21) ctx.logger.warn('more problems follow; see the summary');
  };
  const workers = workerCount(opts.workers);
  // Files are read by worker threads when there are several to read and a built worker script to
  // run; not when the events are kept (the workers send back only the events rules matched).
  const parallelPath =
    workers > 1 &&
    !opts.follow &&
    !opts.keepCopy &&
    src.spec.path &&
    src.spec.path !== '-' &&
    detectWorkerUrl()
      ? src.spec.path
      : undefined;
  try {
    source = openSource(src.spec, {
      name: src.name,
      follow: opts.follow ?? false,
      ...(pollMs !== undefined ? { pollIntervalMs: pollMs } : {}),
      ...(since ? { since } : {}),
      onProblem,
    });
  } catch (e) {
    throw new UserError((e as Error).message);
  }

  const copy = opts.keepCopy
    ? await openEventsCopy(
        ctx,
        { ...ctx.config.config.events_copy, path: eventsCopyDir(ctx, opts.keepCopy, '--keep-copy') },
        { timed: opts.follow === true },
      )
    : undefined;

  let store: DetectionStore | undefined;
  let incidentStore: IncidentStore = new MemoryIncidentStore();
  let stateStore: DetectionStateStore = new MemoryStateStore();
  let mainStore: Store | undefined;
  if (opts.store) {
    // the default store (--db: a SQLite file), SQLite or PostgreSQL; created if missing, checked before writing
    mainStore = await ctx.store(undefined, { create: true, verify: true });
    store = await mainStore.openDetections();
    incidentStore = await mainStore.openIncidents();
    stateStore = await mainStore.openDetectionState();
  }
  // detections of one principal fold into incidents: what notifiers are told about
  const incidents = new IncidentTracker(incidentStore, { source: src.name });
  const stateful = statefulDetections(src.spec.type, stateStore, pipeline);
  const sink = opts.output
    ? await TextSink.file(opts.output).catch((e: Error) => {
        throw new UserError(`--output: cannot write ${opts.output}: ${e.message}`);
      })
    : TextSink.stdout();
  const color = opts.format === 'table' && !opts.output && ctx.color();
  const writer: DetectionWriter = writerFor(opts.format, sink, color, ctx.width);

  let gate = 0;
  const recorder = new DetectionRecorder({
    store,
    incidents,
    stateful,
    batch: STORE_BATCH,
    everyMs: STORE_EVERY_MS,
  });
  const emit = async (found: FindingRecord[]) => {
    for (const f of found) {
      await writer.write(f);
      if (opts.failOn && atLeast(f.com.severity, opts.failOn)) gate += 1;
    }
    await recorder.add(found);
  };

  const readStart = Date.now();
  const showProgress =
    opts.progress && !ctx.opts.quiet && process.stderr.isTTY === true && ctx.opts.logFormat !== 'json';
  const ticker = showProgress
    ? progressTicker(() => ({ events: pipeline.events, detections: pipeline.detections, started: readStart }))
    : undefined;
  ctx.progress = ticker;
  let read: Awaited<ReturnType<typeof readLog>>;
  try {
    await writer.begin();
    read = await readLog({
      source,
      name: src.name,
      spec: src.spec,
      pipeline,
      stateful,
      ...(parallelPath
        ? { parallel: { path: parallelPath, workers, ruleDirs, builtin: opts.builtinRules } }
        : {}),
      ...(since ? { since } : {}),
      signal,
      onProblem,
      onFound: emit,
      ...(copy ? { copy } : {}),
    });
    await recorder.flush();
    await copy?.close();
    if (src.notify.length > 0 && opts.notify) {
      if (!mainStore)
        ctx.logger.warn('incident alerts are not sent with --no-store: the outbox is in the store');
      else
        await alertAfterDetect({
          source: src.name,
          notify: src.notify,
          config: ctx.config.config,
          incidents: incidentStore,
          store: mainStore,
          logger: ctx.logger,
        });
    }
  } finally {
    ticker?.stop();
    ctx.progress = undefined;
    // a run cut short keeps what it read; close() after a failed close does nothing
    await copy?.close().catch((e: Error) => ctx.logger.error(`events copy: ${e.message}`));
    await store?.close();
    await incidentStore.close();
    await stateStore.close();
  }

  const seconds = Math.max((Date.now() - readStart) / 1000, 0.001);
  const byRule = pipeline.byRule();
  const summary = {
    kind: 'detect',
    source: { name: src.name, type: src.spec.type },
    started_at: new Date(started).toISOString(),
    finished_at: new Date().toISOString(),
    rules: { running: pipeline.ruleCount, failed_to_load: loaded.errors.length },
    events: pipeline.events,
    events_skipped_before_since: read.skippedOld,
    events_per_second: Math.round(pipeline.events / seconds),
    records_skipped: read.recordsSkipped,
    detections: pipeline.detections,
    incidents: incidents.touched.size,
    stored: store ? recorder.stored : null,
    by_rule: byRule,
    problems: { count: problemCount, first: problems },
    ...(copy
      ? {
          copy: {
            dir: copy.dir,
            events: copy.stats.events,
            files: copy.stats.files,
            duplicates: copy.stats.duplicates,
          },
        }
      : {}),
  };
  await writer.end(summary);
  await sink.close();

  const lines = [
    '',
    `${summary.events.toLocaleString('en')} events read in ${seconds.toFixed(1)}s (${summary.events_per_second.toLocaleString('en')} events/s)` +
      `${read.skippedOld ? `, ${read.skippedOld} before --since skipped` : ''}; ${pipeline.ruleCount} rules ran`,
    `${summary.detections} detection${summary.detections === 1 ? '' : 's'}${store ? ` (${recorder.stored} new in the store)` : ''}` +
      (summary.incidents > 0 ? ` in ${summary.incidents} incident${summary.incidents === 1 ? '' : 's'}` : ''),
  ];
  if (copy)
    lines.push(
      `${copy.stats.events.toLocaleString('en')} events kept in the copy ${copy.dir} (${copy.stats.files} new files)` +
        (copy.stats.duplicates
          ? `; ${copy.stats.duplicates.toLocaleString('en')} already in the copy, not written again`
          : '') +
        (copy.stats.notKept ? `; ${copy.stats.notKept} ${src.spec.type} records are not kept` : ''),
    );
  for (const r of byRule) {
    const credit =
      r.author && r.author !== 'Cloudward' ? ` — by ${r.author}${r.reference ? `, ${r.reference}` : ''}` : '';
    lines.push(
      `  ${String(r.count).padStart(6)}  ${(r.level ?? '-').padEnd(13)} ${sanitizeInline(`${r.title}${credit}`)}`,
    );
  }
  if (problemCount > 0) {
    lines.push(`${problemCount} problem${problemCount === 1 ? '' : 's'} in the input:`);
    for (const p of problems.slice(0, 20)) lines.push(`  ${describeProblem(p)}`);
    if (problemCount > 20)
      lines.push(`  ... and ${problemCount - 20} more (--format json lists the first 1000)`);
  }
  const text = `${lines.join('\n')}\n`;
  // the summary goes with the table on stdout; beside JSON it goes to stderr so the document stays valid
  if (opts.format === 'table' && !opts.output) ctx.print(text);
  else if (!ctx.opts.quiet) process.stderr.write(sanitizeTerminal(text, { keepColor: false }));

  if (opts.failOn && gate > 0) {
    ctx.logger.warn(`${gate} detection(s) at or above ${opts.failOn}: exit ${EXIT.findings}`);
    return EXIT.findings;
  }
  return problemCount > 0 ? EXIT.input : EXIT.ok;
}

export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description('Stream an activity log through the Sigma rules and report, store and gate on detections')
    .addOption(new Option('--type <type>', 'log type').choices([...SOURCE_TYPES]))
    .option('--path <path>', 'a log file, a directory tree (e.g. AWSLogs/), or - for stdin')
    .option('--s3 <url>', 's3://bucket/prefix to read log objects from')
    .option('--log-group <group>', 'a CloudWatch Logs group name or ARN')
    .option('--queue-url <url>', 'an SQS queue receiving CloudTrail events from EventBridge')
    .option(
      '--flow-format <format>',
      'VPC flow logs without a header line in a custom format: the log format ("${version} ${vpc-id} ..."); default-format records need none',
    )
    .option('--checkpoint <file>', 'S3 / CloudWatch Logs: a JSON file remembering what was read')
    .option('--region <region>', 'AWS region of the S3, CloudWatch Logs or SQS client')
    .option(
      '--source <name>',
      "a log source of the config's logs: section, or a location (path, s3:// URL, SQS queue URL) read as --type (default cloudtrail)",
    )
    .option('--rules <dir>', 'also load the Sigma rules in DIR (repeatable)', collect)
    .option('--no-builtin-rules', "do not load Cloudward's own rule pack")
    .option('--since <time>', 'ignore events before this time (ISO time, or a look-back such as 24h, 7d)')
    .addOption(new Option('--format <format>', 'output format').choices([...DETECT_FORMATS]).default('table'))
    .option('--output <file>', 'write the detections to a file instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a detection is this severe or worse').choices([
        ...SEVERITIES,
      ]),
    )
    .option('--follow', 'keep reading new files, objects and messages until interrupted (Ctrl-C)')
    .option('--poll <seconds>', 'with --follow: seconds between looks for new input (default 30)')
    .option('--no-store', 'do not store the detections (default: the default store, see --db)')
    .option('--no-notify', "do not send incident alerts to the notifiers the config's log source names")
    .option('--no-progress', 'no progress line')
    .option(
      '--keep-copy [dir]',
      "also keep the events read in a local copy for cloudward query --copy (default DIR: the config's events_copy.path)",
    )
    .option(
      '--workers <n>',
      'file and directory sources: threads reading and matching files, this one included (default 1: in-process; auto: one per CPU)',
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 done, 1 a detection at or above --fail-on, 2 bad arguments or problems in the input
(every problem is reported with its file and position; the rest of the input is still read).

Examples:
  cloudward detect --type cloudtrail --path ./AWSLogs/
  cloudward detect --type cloudtrail --s3 s3://org-trail/AWSLogs/ --checkpoint ~/.cloudward/trail.json
  cloudward detect --type vpcflow --path flows.log.gz --format jsonl --output detections.jsonl
  cloudward detect --source trail --follow --fail-on high
  cloudward detect --type cloudtrail --path ./AWSLogs/ --keep-copy ./trail-copy`,
    )
    .action(async (opts: DetectOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        setExitCode(await runDetect(ctx, opts, abort.signal));
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await ctx.close();
      }
    });
}
