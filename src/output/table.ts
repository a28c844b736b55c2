/**
 * The terminal report of a scan: a short summary first (counts by severity and state, the top
 * findings, what could not be evaluated, compliance), the full lists on request (--details).
 * Everything fits the terminal's width; text from the clouds is sanitised before layout.
 */
import { createColors } from 'picocolors';
import type { FindingRecord } from '../core/record.js';
import { describeRegions, groupErrors, regionless } from '../core/scan-errors.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { sanitizeInline } from '../core/terminal-text.js';
import type { FrameworkSummary } from '../frameworks/compliance.js';
import type { ScanSummary } from '../store/store.js';
import { orgRollupOf } from './org-report.js';
import { type Column, renderColumns, wrapText } from './text-layout.js';
import {
  byImportance,
  isLive,
  summariseVerdicts,
  type Verdict,
  verdictOf,
  verdictWithState,
} from './verdicts.js';

/** Colours on: whether to paint is decided by the caller (a terminal, no NO_COLOR, no --no-color). */
const pc = createColors(true);

type Paint = (s: string) => string;

export interface Painter {
  sev: Record<Severity, Paint>;
  verdict: Record<Verdict, Paint>;
  bold: Paint;
  dim: Paint;
}

export function painter(color: boolean): Painter {
  const id: Paint = (s) => s;
  if (!color)
    return {
      sev: { critical: id, high: id, medium: id, low: id, info: id },
      verdict: { fail: id, could_not_evaluate: id, resolved: id },
      bold: id,
      dim: id,
    };
  return {
    sev: {
      critical: (s) => pc.bold(pc.magenta(s)),
      high: pc.red,
      medium: pc.yellow,
      low: pc.blue,
      info: pc.dim,
    },
    verdict: { fail: (s) => pc.bold(pc.red(s)), could_not_evaluate: pc.yellow, resolved: pc.green },
    bold: pc.bold,
    dim: pc.dim,
  };
}

/** `aws:bastion (eu-west-1)`: the region is shown unless the name already says it. */
export function resourceLabel(f: FindingRecord): string {
  const name = sanitizeInline(f.com.name);
  const region = sanitizeInline(f.com.region);
  const where = region && region !== 'global' && !name.includes(region) ? ` (${region})` : '';
  return `${f.com.cloud_type}:${name}${where}`;
}

export interface FindingTableOptions {
  width: number;
  color: boolean;
  /** an AUDIT column (findings from several audits) */
  audit?: boolean;
  /** the check id under each finding (or in its own column on a wide terminal) */
  check?: boolean;
}

/**
 * Findings as a borderless table: a short id for `findings show`, the verdict and state
 * (FAIL new, COULD NOT EVALUATE open, RESOLVED), severity, resource and what is wrong.
 */
export function findingTable(findings: FindingRecord[], o: FindingTableOptions): string[] {
  const p = painter(o.color);
  const wide = o.width >= 120;
  const columns: Column<FindingRecord>[] = [
    { header: 'ID', cell: (f) => f.com.finding_id.slice(0, 8), shrink: false },
    ...(o.audit
      ? [{ header: 'AUDIT', cell: (f: FindingRecord) => sanitizeInline(f.com.audit_key ?? '-'), max: 16 }]
      : []),
    {
      header: 'RESULT',
      cell: verdictWithState,
      paint: (line, f) => p.verdict[verdictOf(f)](line),
      // "COULD NOT EVALUATE open" on one line when the terminal is wide, else in three
      max: wide ? 23 : 10,
      shrink: false,
    },
    {
      header: 'SEVERITY',
      cell: (f) => f.com.severity,
      paint: (line, f) => p.sev[f.com.severity](line),
      shrink: false,
    },
    { header: 'RESOURCE', cell: resourceLabel, max: 48 },
    ...(o.check && wide ? [{ header: 'CHECK', cell: (f: FindingRecord) => f.ext.check_id }] : []),
    {
      header: 'FINDING',
      weight: 1.5,
      cell: (f) =>
        o.check && !wide
          ? `${sanitizeInline(f.com.description)}\n${f.ext.check_id}`
          : sanitizeInline(f.com.description),
      paint: (line, _f, para) => (para > 0 ? p.dim(line) : line),
    },
  ];
  return renderColumns({ columns, rows: findings, width: o.width, header: p.bold });
}

/** `label  text` lines, the text wrapped beside the label. */
export function labelled(rows: [string, string][], width: number, bold: Paint): string[] {
  const lw = Math.max(...rows.map(([l]) => l.length)) + 2;
  const out: string[] = [];
  for (const [label, text] of rows) {
    const lines = text.split('\n').flatMap((t) => wrapText(t, Math.max(20, width - lw)));
    lines.forEach((l, i) => {
      out.push(`${i === 0 ? bold(label.padEnd(lw)) : ' '.repeat(lw)}${l}`.trimEnd());
    });
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a result could not be evaluated, without the engine's prefix. */
function errorReason(f: FindingRecord): string {
  return sanitizeInline(
    f.com.description.replace(/^(could not be evaluated|data could not be collected): /, ''),
  );
}

interface ErrorGroup {
  cloud: string;
  account: string;
  regions: string[];
  /** the reasons as written (they differ only by the region they name) */
  reasons: Set<string>;
  /** the reason with every region written as <region> */
  general: string;
  checks: Set<string>;
  findings: FindingRecord[];
}

/**
 * Results that could not be evaluated, grouped by cloud, account and reason: the same denial
 * in 80 regions (an ARN in the message names the region) is one group.
 */
function groupCouldNot(
  findings: FindingRecord[],
  regions: Set<string>,
  accountOf: (cloud: string, account: string) => string,
): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const f of findings) {
    const reason = errorReason(f);
    let general = reason;
    for (const r of regions) general = regionless(general, r);
    const key = JSON.stringify([f.com.cloud_type, f.com.account, general]);
    const g = groups.get(key) ?? {
      cloud: f.com.cloud_type,
      account: accountOf(f.com.cloud_type, f.com.account),
      regions: [],
      reasons: new Set<string>(),
      general,
      checks: new Set<string>(),
      findings: [],
    };
    const region = sanitizeInline(f.com.region);
    if (!g.regions.includes(region)) g.regions.push(region);
    g.reasons.add(reason);
    g.checks.add(f.ext.check_id);
    g.findings.push(f);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.findings.length - a.findings.length);
}

function couldNotLines(g: ErrorGroup): string {
  const [first] = g.findings;
  const reason = g.reasons.size === 1 ? [...g.reasons][0] : g.general;
  if (g.findings.length === 1 && first) return `${first.ext.check_id} on ${resourceLabel(first)}: ${reason}`;
  const checks = [...g.checks];
  const shown = checks.slice(0, 3).join(', ') + (checks.length > 3 ? `, +${checks.length - 3} more` : '');
  const regional = g.regions.filter((r) => r !== 'global');
  const where = regional.length ? ` ${describeRegions(regional)}` : '';
  return (
    `${plural(g.findings.length, 'result')} of ${plural(checks.length, 'check')} in ${g.cloud} ${g.account}${where}: ` +
    `${reason}\n(${shown})`
  );
}

/** `Production (0d3e...)` where the scan knows the account's name (Azure subscriptions, AWS organisation accounts), else the id. */
function accountLabeller(scan: ScanSummary): (cloud: string, account: string) => string {
  const names = new Map((scan.accounts ?? []).map((a) => [`${a.cloud}|${a.account}`, a.name]));
  return (cloud, account) => {
    const name = names.get(`${cloud}|${account}`);
    return sanitizeInline(name && name !== account ? `${name} (${account})` : account);
  };
}

/** Every region the results and collection errors name (for grouping reasons that name one). */
function knownRegions(findings: FindingRecord[], scan: ScanSummary): Set<string> {
  const all = [...findings.map((f) => f.com.region), ...scan.errors.map((e) => e.region)];
  return new Set(all.filter((r) => r && r !== 'global'));
}

/** `cis-aws-7.0` is version 7.0 of family `cis-aws`; an id without a trailing version is its own family. */
function familyAndVersion(id: string): [string, number[]] {
  const m = /^(.*)-(\d+(?:\.\d+)*)$/.exec(id);
  return m?.[1] && m[2] ? [m[1], m[2].split('.').map(Number)] : [id, []];
}

function newer(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return false;
}

/**
 * The summary shows each framework family once, at its newest version (eight CIS AWS versions
 * would otherwise fill the screen); --details shows every version.
 */
function newestPerFamily(frameworks: FrameworkSummary[]): FrameworkSummary[] {
  const best = new Map<string, { fw: FrameworkSummary; version: number[] }>();
  for (const fw of frameworks) {
    const [family, version] = familyAndVersion(fw.id);
    const seen = best.get(family);
    if (!seen || newer(version, seen.version)) best.set(family, { fw, version });
  }
  const keep = new Set([...best.values()].map((b) => b.fw));
  return frameworks.filter((fw) => keep.has(fw));
}

/** Scans of more accounts than this list their accounts ranked by live findings. */
const TOP_ACCOUNTS = 5;

export interface TableInput {
  scan: ScanSummary;
  findings: FindingRecord[];
  compliance: FrameworkSummary[];
  color: boolean;
  /** the terminal's width in columns */
  width: number;
  /** every finding, every result that could not be evaluated and every resolved finding */
  details?: boolean;
  /** how many of the most severe findings the summary shows (default 10) */
  top?: number;
}

export function renderTable({
  scan,
  findings,
  compliance,
  color,
  width,
  details = false,
  top = 10,
}: TableInput): string {
  const p = painter(color);
  const v = summariseVerdicts(scan, findings);
  const failing = findings.filter((f) => verdictOf(f) === 'fail').sort(byImportance);
  const unmuted = failing.filter((f) => f.com.state !== 'muted');
  const couldNot = findings.filter((f) => verdictOf(f) === 'could_not_evaluate').sort(byImportance);
  const resolved = findings.filter((f) => !isLive(f)).sort(byImportance);
  const out: string[] = [];
  const section = (title: string) => out.push('', ...wrapText(title, width).map(p.bold));

  const label = scan.label ? `, ${sanitizeInline(scan.label)}` : '';
  out.push(
    ...wrapText(
      `Scan ${scan.id} (audit ${sanitizeInline(scan.audit_key)}${label}): ${plural(scan.counts.resources, 'resource')}`,
      width,
    ).map(p.bold),
    '',
  );
  const r = v.results ?? { pass: 0, fail: 0, could_not_evaluate: 0, not_applicable: 0, manual: 0 };
  const f = v.failing;
  const sevs = SEVERITIES.map((s) => `${f.by_severity[s]} ${s}`).join(', ');
  const checked = r.pass + r.fail;
  const rows: [string, string][] = [
    [
      'Coverage',
      `${r.pass + r.fail + r.could_not_evaluate + r.not_applicable + r.manual} results: ${checked} checked ` +
        `(${r.pass} pass, ${r.fail} fail), ${r.could_not_evaluate} could not evaluate, ` +
        `${r.not_applicable} not applicable, ${r.manual} manual`,
    ],
    [
      'Failing',
      `${plural(f.total, 'finding')}: ${sevs}\n` +
        `${f.by_state.new} new, ${f.by_state.open} open, ${f.by_state.regressed} regressed` +
        `${f.muted ? `; ${f.muted} more muted` : ''}; ${v.resolved} resolved by this scan`,
    ],
    [
      'Could not evaluate',
      `${plural(v.could_not_evaluate, 'result')}` +
        (v.collection_errors ? ` (${plural(v.collection_errors, 'collection error')})` : '') +
        (v.could_not_evaluate ? ': not findings, not counted as failing; why below' : ''),
    ],
  ];
  out.push(...labelled(rows, width, p.bold));

  if (!details && unmuted.length) {
    const shown = unmuted.slice(0, top);
    section(`TOP FINDINGS: ${shown.length} of ${f.total} failing, most severe first`);
    out.push(...findingTable(shown, { width, color }));
  }
  const accounts = scan.accounts?.length ?? 0;
  if (!details && accounts > TOP_ACCOUNTS) {
    const ranked = orgRollupOf({ scan, findings, results: [] })?.accounts.filter((a) => a.live > 0) ?? [];
    if (ranked.length > 0) {
      const label = accountLabeller(scan);
      section(`TOP ACCOUNTS: ${Math.min(TOP_ACCOUNTS, ranked.length)} of ${accounts}, most critical first`);
      ranked.slice(0, TOP_ACCOUNTS).forEach((a, i) => {
        // the ranking's own counts; the rest as one number, to keep each account to a line or two
        const other = SEVERITIES.filter((s) => s !== 'critical' && s !== 'high').reduce(
          (n, s) => n + a.findings[s],
          0,
        );
        const counts = `${a.findings.critical} critical, ${a.findings.high} high, ${other} other`;
        const unit = a.path.at(-1);
        const place = unit ? ` · ${sanitizeInline(unit.name ?? unit.id)}` : '';
        out.push(
          ...wrapText(`${i + 1}. ${label(a.cloud, a.account)}: ${counts}${place}`, width - 3).map(
            (l, j) => `${j === 0 ? '' : '   '}${l}`,
          ),
        );
      });
    }
  }
  if (details && failing.length) {
    section(`FAILING FINDINGS (${failing.length})`);
    out.push(...findingTable(failing, { width, color, check: true }));
  }

  if (couldNot.length) {
    section(`COULD NOT EVALUATE (${couldNot.length}): the data these checks need could not be read`);
    if (details) out.push(...findingTable(couldNot, { width, color, check: true }));
    else
      for (const g of groupCouldNot(couldNot, knownRegions(couldNot, scan), accountLabeller(scan))) {
        const [head = '', ...rest] = couldNotLines(g).split('\n');
        out.push(...wrapText(head, width - 2).map((l, i) => `${i === 0 ? '- ' : '  '}${l}`));
        for (const l of rest) out.push(...wrapText(l, width - 2).map((x) => `  ${p.dim(x)}`));
      }
  }
  const groups = groupErrors(scan.errors);
  if (details && groups.length) {
    section(`COLLECTION ERRORS (${scan.errors.length})`);
    for (const g of groups)
      out.push(
        ...wrapText(
          `${sanitizeInline(g.source)} in ${g.cloud} ${accountLabeller(scan)(g.cloud, g.account)} ${sanitizeInline(describeRegions(g.regions))}: ${sanitizeInline(g.reason)}`,
          width - 2,
        ).map((l, i) => `${i === 0 ? '- ' : '  '}${l}`),
      );
  }
  if (details && resolved.length) {
    section(`RESOLVED BY THIS SCAN (${resolved.length})`);
    out.push(...findingTable(resolved, { width, color, check: true }));
  }

  if (compliance.length) {
    const shown = details ? compliance : newestPerFamily(compliance);
    section('COMPLIANCE (requirements)');
    out.push(
      ...labelled(
        shown.map((fw) => {
          const t = fw.totals;
          // pass and fail always; the other counts only when there are some, so a line fits 80 columns
          const others = [
            [t.error, 'could not evaluate'],
            [t.manual, 'manual'],
            [t.not_applicable, 'n/a'],
            [t.not_evaluated, 'not evaluated'],
          ] as const;
          const counts = [
            `${t.pass} pass`,
            `${t.fail} fail`,
            ...others.filter(([n]) => n).map(([n, what]) => `${n} ${what}`),
          ];
          return [fw.id, `${counts.join(', ')}; coverage ${fw.coverage}%`];
        }),
        width,
        (s) => s,
      ),
    );
    const older = compliance.filter((fw) => !shown.includes(fw));
    if (older.length)
      out.push(
        ...wrapText(
          `${plural(older.length, 'earlier version')} (${older.map((fw) => fw.id).join(', ')}): add --details or --framework ID.`,
          width,
        ).map(p.dim),
      );
  }
  if (
    !details &&
    (unmuted.length > top || couldNot.length || resolved.length || failing.length > unmuted.length)
  ) {
    out.push(
      '',
      ...wrapText(
        'All findings, every result that could not be evaluated and what this scan resolved: ' +
          'add --details, or run `cloudward findings list`.',
        width,
      ).map(p.dim),
    );
  }
  return `${out.join('\n')}\n`;
}
