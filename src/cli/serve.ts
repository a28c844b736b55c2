import type { Command } from 'commander';
import { parseDuration } from '../core/duration.js';
import { generateToken, isLoopbackHost } from '../server/security.js';
import { type CliContext, contextOf } from './context.js';
import { UserError } from './errors.js';
import { configuredEventsQueries } from './serve-events.js';

export interface ServeCommandOptions {
  port: string;
  host: string;
  token?: string;
  /** the Query page's time limit per query (default 10s) */
  queryTimeout?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the web dashboard and its JSON API over the store')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8484')
    .option('--host <host>', 'address to listen on; anything but loopback requires a token', '127.0.0.1')
    .option(
      '--token <token>',
      'require this token (Bearer header or login link); generated when --host is not loopback (also: $CLOUDWARD_TOKEN)',
    )
    .option('--query-timeout <duration>', 'cancel a Query page query that runs longer (e.g. 10s, 1m)', '10s')
    .addHelpText(
      'after',
      `
The dashboard listens on 127.0.0.1 by default, reachable only from this machine. Bound to any
other address it requires a token: give one with --token or $CLOUDWARD_TOKEN, or one is
generated and the login link printed. API clients send "Authorization: Bearer <token>".
The API is described in docs/dashboard.md.

Examples:
  cloudward scan --demo && cloudward serve
  cloudward serve --port 9000
  cloudward serve --host 0.0.0.0 --token "$(openssl rand -hex 24)"`,
    )
    .action(async (opts: ServeCommandOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        await serve(ctx, opts, stopSignal());
      } finally {
        await ctx.close();
      }
    });
}

/**
 * Runs the dashboard until `stop` aborts. Prints the address (and, for a generated token, the
 * login link) on stdout; a token the user gave is never printed.
 */
export async function serve(
  ctx: CliContext,
  opts: ServeCommandOptions,
  stop: AbortSignal,
  write: (text: string) => void = (t) => process.stdout.write(t),
): Promise<void> {
  const port = Number(opts.port);
  if (!/^\d+$/.test(opts.port) || port > 65535) {
    throw new UserError(`--port: expected a port number from 0 to 65535, got "${opts.port}"`);
  }
  let token = opts.token ?? process.env.CLOUDWARD_TOKEN ?? null;
  if (token === '') token = null;
  if (token !== null && token.length < 16) throw new UserError('--token: use at least 16 characters');
  let generated = false;
  if (token === null && !isLoopbackHost(opts.host)) {
    token = generateToken();
    generated = true;
  }
  // the dashboard mutes findings: a damaged store is refused at start
  const store = await ctx.store(undefined, { verify: true });
  const queryTimeoutMs = parseDuration(opts.queryTimeout ?? '10s', ['s', 'm']);
  if (!queryTimeoutMs)
    throw new UserError(`--query-timeout ${opts.queryTimeout}: expected a duration such as 10s or 1m`);
  const { startServer } = await import('../server/server.js');
  const dash = await store.openDashboards();
  const incidents = await store.openIncidents();
  // an in-memory store has no second connection to query through: the Query page says so
  const queries = store.location === ':memory:' ? undefined : await store.openQueries();
  const { config } = ctx.config;
  const events = configuredEventsQueries(config, ctx.logger);
  try {
    const server = await startServer({
      store,
      dash,
      incidents,
      ...(queries ? { queries } : {}),
      ...(events ? { events } : {}),
      queryTimeoutMs,
      host: opts.host,
      port,
      token,
      logger: ctx.logger,
    }).catch((err: Error) => {
      throw new UserError(err.message);
    });
    const out = [`Cloudward dashboard on ${server.url} (store ${store.location})`];
    if (generated) out.push('Open this login link (it carries the generated token):', `  ${server.loginUrl}`);
    else if (token !== null) out.push('Log in by opening the page with ?token=<your token> once.');
    out.push('Press Ctrl+C to stop.');
    write(`${out.join('\n')}\n`);
    if (!stop.aborted)
      await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }));
    await server.close();
  } finally {
    await dash.close();
    await incidents.close();
    await queries?.close();
  }
}

/** Aborts on the first SIGINT or SIGTERM. */
function stopSignal(): AbortSignal {
  const ac = new AbortController();
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    ac.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return ac.signal;
}
