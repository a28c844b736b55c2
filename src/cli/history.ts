import type { Command } from 'commander';
import { createColors } from 'picocolors';
import type { FindingRecord } from '../core/record.js';
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
        // a name can be shared (a user and its credential report row): one history per resource
        const byRef = new Map<string, typeof versions>();
        for (const v of versions) {
          const list = byRef.get(v.record.com.reference) ?? [];
          list.push(v);
          byRef.set(v.record.com.reference, list);
        }
        const all = await store.findings({
          search: resource,
          states: ['new', 'open', 'regressed', 'muted', 'resolved'],
          limit: 1000,
        });
        // the resource's findings, and those of its parts (a security group's rules: REF#inbound/...)
        const about = (ref: string) => (f: FindingRecord) =>
          f.com.reference === ref || f.com.reference.startsWith(`${ref}#`);
        const resources = await Promise.all(
          [...byRef].map(async ([ref, list]) => {
            const found = all.some(about(ref))
              ? all
              : await store.findings({
                  search: ref,
                  states: ['new', 'open', 'regressed', 'muted', 'resolved'],
                  limit: 1000,
                });
            return { reference: ref, versions: list, findings: found.filter(about(ref)) };
          }),
        );
        if (opts.json) {
          // one resource: the shape it always had; several: each with its own versions and findings
          const [only] = resources;
          const doc =
            resources.length === 1 && only
              ? { versions: only.versions, findings: only.findings }
              : { resources };
          printData(`${terminalJson(doc, 2)}\n`);
          return;
        }
        const bold = ctx.color() ? pc.bold : String;
        const width = ctx.width;
        const out: string[] = [];
        if (resources.length > 1)
          out.push(`${resources.length} resources are named "${sanitizeInline(resource)}":`, '');
        for (const r of resources) {
          out.push(...wrapHanging(sanitizeInline(r.reference), width, 0).map(bold), '');
          const lines: string[] = [];
          r.versions.forEach((v, i) => {
            const prev = r.versions[i - 1];
            const head = `scan ${v.scan_id} (${v.scan_started_at})`;
            if (!prev) lines.push(`${head}: first seen`);
            else {
              const changes = diffResource(prev.record, v.record);
              lines.push(`${head}: ${changes.length ? `${changes.length} change(s)` : 'unchanged'}`);
              lines.push(...formatChanges(changes));
            }
          });
          lines.push('', `findings (${r.findings.length}):`);
          for (const f of r.findings) {
            const verdict = VERDICT_LABEL[verdictOf(f)];
            lines.push(
              `  ${verdict} ${f.com.state} [${f.com.severity}] ${f.ext.check_id}: ${sanitizeInline(f.com.description)}`,
            );
          }
          out.push(...lines.flatMap((l) => wrapHanging(l, width, 4)), '');
        }
        ctx.print(`${out.join('\n').trimEnd()}\n`);
      } finally {
        await ctx.close();
      }
    });
}
