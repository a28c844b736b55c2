import type { Command } from 'commander';
import { createColors } from 'picocolors';
import { diffResource } from '../core/resource-diff.js';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';
import { wrapHanging } from '../output/text-layout.js';
import { VERDICT_LABEL, verdictOf } from '../output/verdicts.js';
import { contextOf } from './context.js';
import { formatChanges } from './diff.js';
import { UserError } from './errors.js';
import { printData } from './terminal.js';

/** Colours on: whether to paint is decided by the caller (a terminal, no NO_COLOR, no --no-color). */
const pc = createColors(true);

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description("A resource's configuration across scans, with what changed each time, and its findings")
    .argument('<resource>', 'the resource reference (ARN, resource id, self link) or its name')
    .option('--json', 'as JSON')
    .addHelpText(
      'after',
      `
Fields that change on every scan by construction (when the data was collected, and day counts
derived from it) are not shown as changes.`,
    )
    .action(async (resource: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const store = await ctx.store();
        const versions = await store.resourceHistory(resource);
        if (versions.length === 0)
          throw new UserError(`no stored resource has the reference or name "${resource}"`);
        const ref = versions[versions.length - 1]?.record.com.reference ?? resource;
        const findings = (
          await store.findings({
            search: ref,
            states: ['new', 'open', 'regressed', 'muted', 'resolved'],
            limit: 1000,
          })
        ).filter((f) => f.com.reference === ref);
        if (opts.json) {
          printData(`${terminalJson({ versions, findings }, 2)}\n`);
          return;
        }
        const bold = ctx.color() ? pc.bold : String;
        const out = [''];
        versions.forEach((v, i) => {
          const prev = versions[i - 1];
          const head = `scan ${v.scan_id} (${v.scan_started_at})`;
          if (!prev) out.push(`${head}: first seen`);
          else {
            const changes = diffResource(prev.record, v.record);
            out.push(`${head}: ${changes.length ? `${changes.length} change(s)` : 'unchanged'}`);
            out.push(...formatChanges(changes));
          }
        });
        out.push('', `findings (${findings.length}):`);
        for (const f of findings) {
          const verdict = VERDICT_LABEL[verdictOf(f)];
          out.push(
            `  ${verdict} ${f.com.state} [${f.com.severity}] ${f.ext.check_id}: ${sanitizeInline(f.com.description)}`,
          );
        }
        const width = ctx.width;
        const title = wrapHanging(sanitizeInline(ref), width, 0).map(bold);
        ctx.print(`${[...title, ...out.flatMap((l) => wrapHanging(l, width, 4))].join('\n')}\n`);
      } finally {
        await ctx.close();
      }
    });
}
