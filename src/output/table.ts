import Table from 'cli-table3';
import pc from 'picocolors';
import type { FindingRecord, FindingState } from '../core/record.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { FrameworkSummary } from '../frameworks/compliance.js';
import type { ScanSummary } from '../store/store.js';

type Paint = (s: string) => string;

function painter(color: boolean) {
  const id: Paint = (s) => s;
  const sev: Record<Severity, Paint> = color
    ? { critical: (s) => pc.bold(pc.magenta(s)), high: pc.red, medium: pc.yellow, low: pc.blue, info: pc.dim }
    : { critical: id, high: id, medium: id, low: id, info: id };
  const state: Record<FindingState, Paint> = color
    ? { new: pc.green, open: id, regressed: (s) => pc.bold(pc.red(s)), resolved: pc.dim, muted: pc.dim }
    : { new: id, open: id, regressed: id, resolved: id, muted: id };
  return { sev, state, bold: color ? pc.bold : id, dim: color ? pc.dim : id };
}

export interface TableInput {
  scan: ScanSummary;
  findings: FindingRecord[];
  compliance: FrameworkSummary[];
  color: boolean;
  /** terminal width, for wrapping long messages */
  width?: number;
}

/** The terminal report: findings grouped by severity, then lifecycle and compliance summaries. */
export function renderTable({ scan, findings, compliance, color, width = 120 }: TableInput): string {
  const p = painter(color);
  const out: string[] = [];
  const live = findings.filter((f) => f.com.state !== 'resolved');
  const msgWidth = Math.max(30, Math.min(80, width - 70));
  for (const sev of SEVERITIES) {
    const group = live.filter((f) => f.com.severity === sev);
    if (group.length === 0) continue;
    out.push('', p.sev[sev](p.bold(`${sev.toUpperCase()} (${group.length})`)));
    const t = new Table({
      head: ['state', 'check', 'resource', 'finding'],
      style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
      colWidths: [11, 34, 28, msgWidth],
      wordWrap: true,
      wrapOnWordBoundary: false,
    });
    for (const f of group.sort((a, b) => a.ext.check_id.localeCompare(b.ext.check_id))) {
      t.push([
        p.state[f.com.state](f.com.state),
        f.ext.check_id,
        `${f.com.cloud_type}:${f.com.name}`,
        `${f.com.status === 'error' ? '[error] ' : ''}${f.com.description}`,
      ]);
    }
    out.push(t.toString());
  }
  const resolved = findings.filter((f) => f.com.state === 'resolved');
  if (resolved.length) {
    out.push('', p.bold(`RESOLVED since the last scan (${resolved.length})`));
    for (const f of resolved)
      out.push(`  ${p.dim('✓')} ${f.ext.check_id}  ${f.com.cloud_type}:${f.com.name}`);
  }

  out.push('', p.bold('Summary'));
  const r = scan.counts.results;
  out.push(
    `  scan ${scan.id} (audit ${scan.audit_key}${scan.label ? `, ${scan.label}` : ''}): ${scan.counts.resources} resources, ` +
      `${r.pass + r.fail + r.error + r.not_applicable} results: ${r.pass} pass, ${r.fail} fail, ${r.error} error, ${r.not_applicable} n/a`,
  );
  const states = (['new', 'open', 'regressed', 'muted', 'resolved'] as const)
    .map((s) => `${scan.counts.findings[s] ?? 0} ${s}`)
    .join(', ');
  out.push(`  findings: ${states}`);
  const bySev = SEVERITIES.map((s) => `${live.filter((f) => f.com.severity === s).length} ${s}`).join(', ');
  out.push(`  by severity: ${bySev}`);
  if (scan.errors.length) {
    out.push(`  collection errors: ${scan.errors.length}`);
    for (const e of scan.errors.slice(0, 10))
      out.push(`    ${e.cloud}:${e.account}:${e.region} ${e.source}: ${e.message}`);
    if (scan.errors.length > 10) out.push(`    ... ${scan.errors.length - 10} more`);
  }
  if (compliance.length) {
    out.push('', p.bold('Compliance'));
    for (const fw of compliance) {
      const t = fw.totals;
      out.push(
        `  ${fw.id}: ${t.pass} pass, ${t.fail} fail, ${t.error} error, ${t.not_applicable} n/a, ` +
          `${t.manual} manual, ${t.not_evaluated} not evaluated (coverage ${fw.coverage}%)`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
