import type { Command } from 'commander';
import { createColors } from 'picocolors';
import { byPrimaryCheck } from '../core/exposure.js';
import { diffInventories, type FieldChange } from '../core/resource-diff.js';
import { severityRank } from '../core/severity.js';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';
import { wrapHanging } from '../output/text-layout.js';
import type { ResultRow, Store } from '../store/store.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { printData } from './terminal.js';

/** Colours on: whether to paint is decided by the caller (a terminal, no NO_COLOR, no --no-color). */
const pc = createColors(true);

const show = (v: unknown) => (v === undefined ? '∅' : sanitizeInline(terminalJson(v)));

export function formatChanges(changes: FieldChange[], indent = '    '): string[] {
  return changes.map((c) => `${indent}${sanitizeInline(c.path)}: ${show(c.before)} -> ${show(c.after)}`);
}

/** FAIL or COULD NOT EVALUATE: a result row's verdict, in words. */
const verdict = (r: ResultRow) => (r.status === 'error' ? 'COULD NOT EVALUATE' : 'FAIL');

/** The audit of the latest complete full scan in the store: what `diff` compares by default. */
async function latestAudit(store: Store): Promise<string> {
  const [latest] = await store.listScans({ limit: 1, full_only: true });
  if (!latest) throw new UserError('the store has no complete scan yet: run `cloudward scan` first');
  return latest.audit_key;
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description(
      'What changed between two scans: resources added, removed and changed, findings opened and closed',
    )
    .argument('[from]', 'the earlier scan id (default: the scan before <to>)')
    .argument('[to]', 'the later scan id (default: the latest scan of the audit)')
    .option('--audit <name>', 'the audit whose scans to compare (default: the audit of the latest scan)')
    .option('--json', 'as JSON')
    .addHelpText(
      'after',
      `
Fields that change on every scan by construction (when the data was collected, and day counts
derived from it, such as the age of a password or an access key) are not shown as changes.`,
    )
    .action(
      async (
        from: string | undefined,
        to: string | undefined,
        opts: { audit?: string; json?: boolean },
        cmd,
      ) => {
        const ctx = contextOf(cmd);
        try {
          const store = await ctx.store();
          const pick = async (id: string) => {
            const s = await store.getScan(id);
            if (s?.status !== 'complete') throw new UserError(`no complete scan with id ${id}`);
            return s;
          };
          // an explicit scan decides the audit; otherwise --audit, else the latest scan's audit
          const given = to ? await pick(to) : from ? await pick(from) : undefined;
          const audit = opts.audit ?? given?.audit_key ?? (await latestAudit(store));
          const scans = await store.listScans({ audit_key: audit, limit: 1000, full_only: true });
          const b = to ? await pick(to) : scans[0];
          const a = from ? await pick(from) : scans.find((s) => b && s.started_at < b.started_at);
          if (!a || !b)
            throw new UserError(`audit "${audit}" needs two complete scans to compare (has ${scans.length})`);
          const inv = diffInventories(await store.resources(a.id), await store.resources(b.id));
          const fa = failing(await store.results(a.id));
          const fb = failing(await store.results(b.id));
          const opened = [...fb.values()].filter((r) => !fa.has(r.finding_id));
          const closed = [...fa.values()].filter((r) => !fb.has(r.finding_id));
          if (opts.json) {
            printData(
              `${terminalJson({ audit, from: a, to: b, resources: inv, findings: { opened, closed } }, 2)}\n`,
            );
            return;
          }
          const c = ctx.color();
          const green = c ? pc.green : String;
          const red = c ? pc.red : String;
          const name = (r: { com: { cloud_type: string; name: string }; ext: { record_type: string } }) =>
            `${r.com.cloud_type} ${sanitizeInline(r.ext.record_type)} ${sanitizeInline(r.com.name)}`;
          /** lines with their colour, painted after wrapping so no colour spans a line break */
          const out: [string, (s: string) => string][] = [
            [`scan ${a.id} -> ${b.id} (audit ${sanitizeInline(audit)})`, String],
            ['', String],
            [
              `resources: ${inv.added.length} added, ${inv.removed.length} removed, ${inv.changed.length} changed, ${inv.unchanged} unchanged`,
              String,
            ],
          ];
          for (const r of inv.added) out.push([`  + ${name(r)}`, green]);
          for (const r of inv.removed) out.push([`  - ${name(r)}`, red]);
          for (const ch of inv.changed) {
            out.push([`  ~ ${name(ch.after)}`, String]);
            for (const l of formatChanges(ch.changes)) out.push([l, String]);
          }
          out.push(['', String], [`findings: ${opened.length} opened, ${closed.length} closed`, String]);
          const row = (r: ResultRow) =>
            `${verdict(r)} [${r.severity}] ${r.check_id} ${r.cloud}:${sanitizeInline(r.resource_name)}`;
          for (const r of opened) out.push([`  + ${row(r)}: ${sanitizeInline(r.message)}`, red]);
          for (const r of closed) out.push([`  - ${row(r)}`, green]);
          const width = ctx.width;
          const wrapped = out.flatMap(([text, paint]) => wrapHanging(text, width, 4).map(paint));
          ctx.print(`${wrapped.join('\n')}\n`);
        } finally {
          await ctx.close();
        }
      },
    );
}

/**
 * The failing findings of a scan, one row each. Several checks' results can be one finding (one
 * exposure): it is shown as the scan's own findings are, by its primary check's row with the
 * highest severity among the rows of the same verdict, never by whichever row came last.
 */
export function failing(rows: ResultRow[]): Map<string, ResultRow> {
  const rowsOf = new Map<string, ResultRow[]>();
  for (const r of rows) {
    if (r.status !== 'fail' && r.status !== 'error') continue;
    const list = rowsOf.get(r.finding_id);
    if (list) list.push(r);
    else rowsOf.set(r.finding_id, [r]);
  }
  const out = new Map<string, ResultRow>();
  for (const [id, list] of rowsOf) {
    const [primary] = [...list].sort(byPrimaryCheck);
    if (!primary) continue;
    const severity = list
      .filter((r) => r.status === primary.status)
      .map((r) => r.severity)
      .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
    out.set(id, { ...primary, severity });
  }
  return out;
}
