import { Queue } from 'bullmq';
import type { Command } from 'commander';
import { SCAN_QUEUE } from '../audit/scale-plan.js';
import { type AbandonResult, abandonScanOn } from '../audit/scale-tidy.js';
import { sanitizeInline } from '../core/terminal-text.js';
import { wrapHanging } from '../output/text-layout.js';
import { connectRedis } from '../queue/redis.js';
import type { ScaleStatusRow } from '../store/scale-out.js';
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
          ctx.print(statusLines(counts, names, units, ctx.width).join('\n'));
        } finally {
          await queue.close();
          redis.disconnect();
        }
      } finally {
        await ctx.close();
      }
    });
  q.command('clear')
    .description(
      'Abandon the scans of an audit still in progress: their waiting jobs are removed, their units no longer run',
    )
    .requiredOption('--audit <key>', 'the audit whose scans in progress are abandoned')
    .option('--scan <id>', 'only this scan of the audit')
    .option('--store <name>', "the PostgreSQL store the scans write to (default: the audit's store)")
    .action(async (opts: { audit: string; scan?: string; store?: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const cfg = queueOf(ctx, 'queue clear');
        const store = await ctx.store(opts.store ?? ctx.config.config.audits[opts.audit]?.store);
        const scale = store.scaleOut;
        if (!scale) throw new UserError(`queue clear: the store ${store.location} is not PostgreSQL`);
        const open = await scale.openScans(opts.audit);
        const scans = opts.scan ? open.filter((id) => id === opts.scan) : open;
        if (opts.scan && scans.length === 0) {
          throw new UserError(`queue clear: audit ${opts.audit} has no scan ${opts.scan} in progress`);
        }
        if (scans.length === 0) {
          ctx.print(
            wrapLines(
              [`audit ${sanitizeInline(opts.audit)}: no scan in progress, nothing to clear`],
              ctx.width,
            ).join('\n'),
          );
          return;
        }
        const lines: string[] = [];
        const kept: string[] = [];
        for (const id of scans) {
          const r = await abandonScanOn(scale, cfg, id, 'cleared by an operator (queue clear)').catch(
            (e: Error) => {
              throw new UserError(`queue clear: scan ${id}: ${e.message}`);
            },
          );
          if (r.outcome === 'committing') kept.push(id);
          lines.push(...clearedLines(opts.audit, id, r, ctx.width));
        }
        ctx.print(lines.join('\n'));
        if (kept.length > 0) {
          throw new UserError(`queue clear: ${plural(kept.length, 'scan')} not cleared`);
        }
      } finally {
        await ctx.close();
      }
    });
}

/** Lines of at most `width` columns: a line too long goes on below, indented. */
function wrapLines(lines: readonly string[], width: number): string[] {
  return lines.flatMap((l) => wrapHanging(l, width, 4));
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * `queue status` for people, in `width` columns: the workers, the jobs, then each scan's units per
 * account (an abandoned scan first says why, once). What the store and Redis hold (names, ids,
 * reasons quoting a cloud's error) is put on one line each, control sequences removed.
 */
export function statusLines(
  counts: Record<string, number | undefined>,
  workers: readonly string[],
  units: readonly ScaleStatusRow[],
  width: number,
): string[] {
  const names = workers.map(sanitizeInline);
  const lines = [
    `workers alive: ${names.length}${names.length ? ` (${names.join(', ')})` : ''}`,
    `jobs: ${counts.waiting ?? 0} waiting, ${counts.active ?? 0} running, ${counts.delayed ?? 0} delayed, ${counts.failed ?? 0} failed`,
  ];
  if (!units.some((u) => !u.finished && u.abandoned_reason === null)) lines.push('no scan in progress');
  let scan = '';
  for (const u of units) {
    const name = `${sanitizeInline(u.audit_key)} scan ${sanitizeInline(u.scan_id)}`;
    if (u.abandoned_reason !== null && u.scan_id !== scan) {
      lines.push(`${name} abandoned: ${sanitizeInline(u.abandoned_reason)}`);
    }
    scan = u.scan_id;
    const state = u.finished ? ' (finished)' : u.abandoned_reason !== null ? ' (abandoned)' : '';
    lines.push(
      `${name}${state} account ${sanitizeInline(u.account)}: ${u.waiting} waiting, ${u.running} running, ${u.done} done, ${u.failed} failed${u.retried ? `, ${u.retried} retried` : ''}${u.abandoned ? `, ${u.abandoned} abandoned` : ''}`,
    );
  }
  return wrapLines(lines, width);
}

/**
 * What `queue clear` did to one scan of `audit`, in `width` columns. A scan whose commit has
 * begun is kept: the command that resumes it (should its committer have died) stands on a line
 * of its own.
 */
export function clearedLines(audit: string, scanId: string, r: AbandonResult, width: number): string[] {
  const scan = `scan ${sanitizeInline(scanId)}`;
  if (r.outcome === 'abandoned')
    return wrapLines([`${scan}: abandoned, ${plural(r.removed, 'queued job')} removed`], width);
  if (r.outcome !== 'committing') return wrapLines([`${scan}: ended meanwhile, nothing to clear`], width);
  return wrapLines(
    [
      `${scan}: not cleared: its commit has begun; if its committer died, resume it with`,
      `  cloudward scan --audit ${sanitizeInline(audit)} --distributed --resume ${sanitizeInline(scanId)}`,
    ],
    width,
  );
}
