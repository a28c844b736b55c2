import type { Command } from 'commander';
import { startScaleWorker } from '../audit/scale-worker.js';
import { WorkerMetrics } from '../queue/worker-metrics.js';
import { startHealthServer } from '../watch/health-server.js';
import type { CliContext } from './context.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';

/** The queue of the config, or a UserError saying how to configure one. */
export function queueOf(ctx: CliContext, command: string) {
  const { queue } = ctx.config.config;
  if (!queue) {
    throw new UserError(
      `${command}: the config has no queue: add \`queue: { type: redis, url: "redis://host:6379/0", prefix: cloudward }\``,
    );
  }
  return queue;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run scan units from the queue (scale-out): collect, write to PostgreSQL, evaluate accounts')
    .option(
      '--store <name>',
      'the PostgreSQL store of the config the scans write to (default: defaults.store)',
    )
    .option('--concurrency <n>', 'units run at once (default: queue.concurrency)')
    .option(
      '--metrics-port <port>',
      'serve /metrics (Prometheus), /healthz and /readyz on this port (0: any free port); none by default',
    )
    .option('--metrics-host <address>', 'address the metrics server binds to', '127.0.0.1')
    .addHelpText(
      'after',
      `
Every worker runs with the same config as the \`scan --distributed\` that starts a scan (same
providers, checks and store). Stop it with SIGTERM or SIGINT: units in flight finish first; a
worker killed outright leaves its units to the others once queue.stall_timeout_ms has passed.`,
    )
    .action(
      async (
        opts: { store?: string; concurrency?: string; metricsPort?: string; metricsHost: string },
        cmd: Command,
      ) => {
        const ctx = contextOf(cmd);
        const queue = queueOf(ctx, 'worker');
        const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
        if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
          throw new UserError(`--concurrency: expected a whole number >= 1, got "${opts.concurrency}"`);
        }
        const port = opts.metricsPort === undefined ? undefined : Number(opts.metricsPort);
        if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
          throw new UserError(`--metrics-port: expected a port number (0-65535), got "${opts.metricsPort}"`);
        }
        const metrics = port === undefined ? undefined : new WorkerMetrics();
        const store = await ctx.store(opts.store, { create: true });
        let worker: Awaited<ReturnType<typeof startScaleWorker>>;
        try {
          worker = await startScaleWorker({
            config: ctx.config.config,
            queue,
            store,
            logger: ctx.logger,
            ...(concurrency ? { concurrency } : {}),
            ...(metrics ? { metrics } : {}),
          });
        } catch (e) {
          await ctx.close();
          throw new UserError((e as Error).message);
        }
        let stopping = false;
        const server =
          metrics && port !== undefined
            ? await startHealthServer({
                host: opts.metricsHost,
                port,
                live: () => !stopping,
                ready: async () => {
                  const ok = worker.connected();
                  return { ready: ok && !stopping, checks: { queue: { ok } } };
                },
                metrics: () => metrics.text(),
                metricsContentType: metrics.contentType,
              }).catch(async (e: Error) => {
                await worker.close();
                await ctx.close();
                throw new UserError(
                  `--metrics-port: cannot serve on ${opts.metricsHost}:${port}: ${e.message}`,
                );
              })
            : undefined;
        if (server) ctx.logger.info(`worker metrics on ${server.url}/metrics`);
        ctx.logger.info(`worker ${worker.id} ready (queue prefix ${queue.prefix})`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGTERM', stop);
          process.once('SIGINT', stop);
        });
        ctx.logger.info(`worker ${worker.id} stopping`);
        stopping = true;
        await worker.close();
        await server?.close();
        await ctx.close();
      },
    );
}
