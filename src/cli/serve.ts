import type { Command } from 'commander';
import { generateToken, isLoopbackHost } from '../server/security.js';
import { type RunningServer, startServer } from '../server/server.js';
import { openSqliteDashboardStore } from '../store/sqlite-dashboards.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';

interface ServeOptions {
  port: string;
  host: string;
  token?: string;
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
    .addHelpText(
      'after',
      `
The dashboard listens on 127.0.0.1 by default, reachable only from this machine. Bound to any
other address it requires a token: give one with --token or $CLOUDWARD_TOKEN, or one is
generated and the login link printed. API clients send "Authorization: Bearer <token>".

Examples:
  cloudward scan --demo && cloudward serve
  cloudward serve --port 9000
  cloudward serve --host 0.0.0.0 --token "$(openssl rand -hex 24)"`,
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
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
      const store = await ctx.store();
      let dash: ReturnType<typeof openSqliteDashboardStore> | undefined;
      let server: RunningServer | undefined;
      try {
        dash = openSqliteDashboardStore(store.location);
        server = await startServer({ store, dash, host: opts.host, port, token, logger: ctx.logger });
      } catch (err) {
        await dash?.close();
        await ctx.close();
        throw err instanceof Error && err.name !== 'StoreError' ? new UserError(err.message) : err;
      }
      const out = [`Cloudward dashboard on ${server.url} (store ${store.location})`];
      if (generated)
        out.push(`Open this login link (it carries the generated token):`, `  ${server.loginUrl}`);
      else if (token !== null) out.push('Log in with the token you gave: open the page with ?token=<token>');
      out.push('Press Ctrl+C to stop.');
      process.stdout.write(`${out.join('\n')}\n`);
      await waitForSignal();
      await server.close();
      await dash.close();
      await ctx.close();
    });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
