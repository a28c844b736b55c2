import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import type { StoreConfig } from '../config/schema.js';
import { openStore } from '../store/index.js';
import { defaultStorePath, expandHome } from '../store/paths.js';
import { type CliContext, contextOf } from './context.js';
import { EXIT, setExitCode, UserError } from './errors.js';
import { openEventsCopy } from './events-copy.js';

interface WatchCliOptions {
  once?: boolean;
  port: string;
  host: string;
  http: boolean;
  state?: string;
  checkpointDir?: string;
  grace: string;
  lease: string;
}

/**
 * Where the alert outbox and the detections are kept: a SQLite file given with --state (or
 * --db), else the default store, whatever its database.
 */
function stateStore(ctx: CliContext, opts: WatchCliOptions): StoreConfig {
  if (opts.state) return { type: 'sqlite', path: expandHome(opts.state) };
  return ctx.storeConfig();
}

/** Log checkpoints go beside the state's SQLite file (or the default store path's folder). */
function checkpointDir(state: StoreConfig): string {
  const file = state.type === 'sqlite' ? expandHome(state.path ?? defaultStorePath()) : defaultStorePath();
  return join(dirname(file), 'checkpoints');
}

function whole(text: string, what: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UserError(`${what}: "${text}" is not a whole number from ${min} to ${max}`);
  return n;
}

async function watch(ctx: CliContext, opts: WatchCliOptions): Promise<number> {
  const port = whole(opts.port, '--port', 0, 65535);
  const grace = whole(opts.grace, '--grace', 0, 3600);
  const lease = whole(opts.lease, '--lease', 1, 3600);
  const state = stateStore(ctx, opts);
  const eventsCopy = ctx.config.config.events_copy;
  // loaded with the command: the service brings the notifiers, sources and AWS clients
  const { WatchService } = await import('../watch/service.js');
  const service = new WatchService({
    config: ctx.config.config,
    logger: ctx.logger,
    // created when missing, checked for damage at start (before anything is written)
    openStore: (name) => ctx.store(name, { create: true, verify: true }),
    openState: () => openStore(state, { create: true, verify: true }),
    checkpointDir: opts.checkpointDir ? expandHome(opts.checkpointDir) : checkpointDir(state),
    ...(opts.http && !opts.once ? { http: { host: opts.host, port } } : {}),
    ...(eventsCopy ? { openEventsCopy: () => openEventsCopy(ctx, eventsCopy) } : {}),
    graceMs: grace * 1000,
    leaseMs: lease * 1000,
  });
  if (opts.once) {
    await service.runOnce().catch((e: Error) => {
      throw new UserError(e.message);
    });
    return EXIT.ok;
  }
  let signalled: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => {
    signalled = resolve;
  });
  let count = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    count += 1;
    if (count === 1) {
      ctx.logger.info(`${sig}: stopping (finishing the writes in progress)`);
      signalled();
    } else {
      ctx.logger.warn(`${sig} again: exiting now; unfinished work is redone on the next start`);
      process.exit(EXIT.internal);
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    try {
      await service.start();
    } catch (e) {
      await service.stop().catch(() => undefined);
      throw new UserError((e as Error).message);
    }
    ctx.logger.info('watching; SIGTERM or Ctrl-C stops');
    await stopRequested;
    await service.stop();
    ctx.logger.info('stopped');
    // everything is written and closed; calls of an aborted collection may still be in flight
    // (the SDK cannot cancel them), and they must not hold the process
    setTimeout(() => process.exit(EXIT.ok), 2000).unref();
    return EXIT.ok;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description(
      'Run as a service: audits on their schedules, log sources read continuously, rechecks on changes, alerts',
    )
    .option('--once', 'run every due audit, read every log source to its end, deliver the alerts, then exit')
    .option('--port <port>', 'port of /healthz, /readyz and /metrics (0: any free port)', '9464')
    .option('--host <address>', 'address the health and metrics server binds to', '127.0.0.1')
    .option('--no-http', 'serve no health or metrics endpoint')
    .option(
      '--state <file>',
      'a SQLite file for the alert outbox and detections (default: the default store, SQLite or PostgreSQL)',
    )
    .option(
      '--checkpoint-dir <dir>',
      "where log sources' checkpoints are kept (default: beside the SQLite store file; with PostgreSQL, beside the default SQLite path)",
    )
    .option('--grace <seconds>', 'on SIGTERM, how long to wait for rechecks in flight', '30')
    .option(
      '--lease <seconds>',
      'replicas (a queue and a PostgreSQL store): how long a replica holds the lead or a log source without renewing; a dead one is replaced within this plus a third',
      '30',
    )
    .addHelpText(
      'after',
      `
Audits with a "schedule" (cron, UTC) run on it; an audit that never ran, or missed runs while
the service was down, runs once at start. Log sources (logs:) are read with --follow semantics
from their checkpoints; with events_copy: in the config their events are also kept as a local
copy (Parquet by day) for cloudward query --copy. SIGTERM or SIGINT stops cleanly (exit 0).

With a queue: block and a PostgreSQL store, any number of replicas share the work: one leads
and runs the schedules, each log source is read by one replica (checkpoints in PostgreSQL),
every replica delivers alerts. The leader runs the scheduled scans in its own process, or,
with watch: { distributed: true } in the config, as distributed scans on the cloudward worker
processes of the queue (a leader that dies mid-scan is replaced by one that resumes the scan).
See docs/scale-out.md.

Examples:
  cloudward watch --config cloudward.yaml
  cloudward watch --config cloudward.yaml --port 9464 --host 0.0.0.0
  cloudward watch --config cloudward.yaml --once`,
    )
    .action(async (opts: WatchCliOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        setExitCode(await watch(ctx, opts));
      } finally {
        await ctx.close();
      }
    });
}
