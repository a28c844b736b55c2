import type { Command } from 'commander';
import pc from 'picocolors';
import { diffInventories, type FieldChange } from '../core/resource-diff.js';
import type { ResultRow } from '../store/store.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';

const show = (v: unknown) => (v === undefined ? '∅' : JSON.stringify(v));

export function formatChanges(changes: FieldChange[], indent = '    '): string[] {
  return changes.map((c) => `${indent}${c.path}: ${show(c.before)} -> ${show(c.after)}`);
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description(
      'What changed between two scans: resources added, removed and changed, findings opened and closed',
    )
    .argument('[from]', 'the earlier scan id (default: the scan before <to>)')
    .argument('[to]', 'the later scan id (default: the latest scan of the audit)')
    .option('--audit <name>', 'the audit whose scans to compare', 'demo')
    .option('--json', 'as JSON')
    .action(
      async (
        from: string | undefined,
        to: string | undefined,
        opts: { audit: string; json?: boolean },
        cmd,
      ) => {
        const ctx = contextOf(cmd);
        try {
          const store = await ctx.store();
          const scans = await store.listScans({ audit_key: opts.audit, limit: 1000, full_only: true });
          const pick = async (id: string) => {
            const s = await store.getScan(id);
            if (s?.status !== 'complete') throw new UserError(`no complete scan with id ${id}`);
            return s;
          };
          const b = to ? await pick(to) : scans[0];
          const a = from ? await pick(from) : scans.find((s) => b && s.started_at < b.started_at);
          if (!a || !b)
            throw new UserError(
              `audit "${opts.audit}" needs two complete scans to compare (has ${scans.length})`,
            );
          const inv = diffInventories(await store.resources(a.id), await store.resources(b.id));
          const fa = failing(await store.results(a.id));
          const fb = failing(await store.results(b.id));
          const opened = [...fb.values()].filter((r) => !fa.has(r.finding_id));
          const closed = [...fa.values()].filter((r) => !fb.has(r.finding_id));
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify({ from: a, to: b, resources: inv, findings: { opened, closed } }, null, 2)}\n`,
            );
            return;
          }
          const c = ctx.color();
          const green = c ? pc.green : String;
          const red = c ? pc.red : String;
          const out = [`scan ${a.id} -> ${b.id} (audit ${opts.audit})`, ''];
          out.push(
            `resources: ${inv.added.length} added, ${inv.removed.length} removed, ${inv.changed.length} changed, ${inv.unchanged} unchanged`,
          );
          for (const r of inv.added)
            out.push(green(`  + ${r.com.cloud_type} ${r.ext.record_type} ${r.com.name}`));
          for (const r of inv.removed)
            out.push(red(`  - ${r.com.cloud_type} ${r.ext.record_type} ${r.com.name}`));
          for (const ch of inv.changed) {
            out.push(`  ~ ${ch.after.com.cloud_type} ${ch.after.ext.record_type} ${ch.after.com.name}`);
            out.push(...formatChanges(ch.changes));
          }
          out.push('', `findings: ${opened.length} opened, ${closed.length} closed`);
          for (const r of opened)
            out.push(red(`  + [${r.severity}] ${r.check_id} ${r.cloud}:${r.resource_name}: ${r.message}`));
          for (const r of closed)
            out.push(green(`  - [${r.severity}] ${r.check_id} ${r.cloud}:${r.resource_name}`));
          process.stdout.write(`${out.join('\n')}\n`);
        } finally {
          await ctx.close();
        }
      },
    );
}

function failing(rows: ResultRow[]): Map<string, ResultRow> {
  return new Map(
    rows.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => [r.finding_id, r]),
  );
}
