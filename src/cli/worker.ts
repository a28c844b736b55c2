import type { Command } from 'commander';
import { startScaleWorker } from '../audit/scale-worker.js';
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
    .addHelpText(
      'after',
      `
Every worker runs with the same config as the \`scan --distributed\` that starts a scan (same
providers, checks and store). Stop it with SIGTERM or SIGINT: units in flight finish first; a
worker killed outright leaves its units to the others once queue.stall_timeout_ms has passed.`,
    )
    .action(async (opts: { store?: string; concurrency?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const queue = queueOf(ctx, 'worker');
      const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
      if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
        throw new UserError(`--concurrency: expected a whole number >= 1, got "${opts.concurrency}"`);
      }
      const store = await ctx.store(opts.store, { create: true });
      let worker: Awaited<ReturnType<typeof startScaleWorker>>;
      try {
        worker = await startScaleWorker({
          config: ctx.config.config,
          queue,
          store,
          logger: ctx.logger,
          ...(concurrency ? { concurrency } : {}),
        });
      } catch (e) {
        await ctx.close();
        throw new UserError((e as Error).message);
      }
      ctx.logger.info(`worker ${worker.id} ready (queue prefix ${queue.prefix})`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      ctx.logger.info(`worker ${worker.id} stopping`);
      await worker.close();
      await ctx.close();
    });
}
