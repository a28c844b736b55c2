import { Queue } from 'bullmq';
import type { Command } from 'commander';
import { SCAN_QUEUE } from '../audit/scale-plan.js';
import { connectRedis } from '../queue/redis.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { printData } from './terminal.js';
import { queueOf } from './worker.js';

export function registerQueueCommand(program: Command): void {
  const q = program.command('queue').description('The scale-out job queue');
  q.command('status')
    .description('Units waiting, running and failed per scan and account; the workers alive')
    .option('--store <name>', 'the PostgreSQL store the scans write to (default: defaults.store)')
    .option('--json', 'print JSON')
    .action(async (opts: { store?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const cfg = queueOf(ctx, 'queue status');
        const store = await ctx.store(opts.store);
        if (!store.scaleOut)
          throw new UserError(`queue status: the store ${store.location} is not PostgreSQL`);
        const redis = await connectRedis(cfg).catch((e: Error) => {
          throw new UserError(e.message);
        });
        const queue = new Queue(SCAN_QUEUE, { connection: redis, prefix: cfg.prefix });
        try {
          const [counts, workers, units] = await Promise.all([
            queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
            queue.getWorkers(),
            store.scaleOut.status(),
          ]);
          const names = workers.map((w) => String(w.name ?? w.id ?? '')).filter(Boolean);
          if (opts.json) {
            printData(`${JSON.stringify({ jobs: counts, workers: names, units }, null, 2)}\n`);
            return;
          }
          const lines = [
            `workers alive: ${names.length}${names.length ? ` (${names.join(', ')})` : ''}`,
            `jobs: ${counts.waiting ?? 0} waiting, ${counts.active ?? 0} running, ${counts.delayed ?? 0} delayed, ${counts.failed ?? 0} failed`,
          ];
          if (!units.some((u) => !u.finished)) lines.push('no scan in progress');
          for (const u of units) {
            lines.push(
              `${u.audit_key} scan ${u.scan_id}${u.finished ? ' (finished)' : ''} account ${u.account}: ${u.waiting} waiting, ${u.running} running, ${u.done} done, ${u.failed} failed${u.retried ? `, ${u.retried} retried` : ''}`,
            );
          }
          ctx.print(lines.join('\n'));
        } finally {
          await queue.close();
          redis.disconnect();
        }
      } finally {
        await ctx.close();
      }
    });
}
