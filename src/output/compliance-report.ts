import { stringify } from 'csv-stringify/sync';
import type { ResultStatus } from '../core/record.js';
import type { RequirementResult, RequirementStatus } from '../frameworks/compliance.js';
import type { ResultRow } from '../store/store.js';
import { contentSecurityPolicy, escapeHtml } from './html-escape.js';
import {
  type ComplianceReport,
  type Coverage,
  type ReportInput,
  coverageOf as resultCoverage,
} from './report-data.js';

export const REQUIREMENT_STATUSES: readonly RequirementStatus[] = [
  'pass',
  'fail',
  'error',
  'manual',
  'not_applicable',
  'not_evaluated',
];
const RESULT_STATUSES: readonly ResultStatus[] = ['pass', 'fail', 'error', 'not_applicable'];

/** Failing resources listed per requirement in the HTML report; the CSV and other exports have all. */
export const MAX_RESOURCES_PER_REQUIREMENT = 500;

export interface SectionSummary {
  id: string;
  title: string;
  requirements: RequirementResult[];
  totals: Record<RequirementStatus, number>;
  coverage: number;
}

function zeroTotals(): Record<RequirementStatus, number> {
  return { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0, not_evaluated: 0 };
}

/** The same coverage rule as the framework summary: pass or fail out of the automatable requirements. */
export function coverageOf(totals: Record<RequirementStatus, number>): number {
  const all = REQUIREMENT_STATUSES.reduce((n, s) => n + totals[s], 0);
  const automatable = all - totals.manual;
  return automatable === 0 ? 0 : Math.round(((totals.pass + totals.fail) / automatable) * 100);
}

/** Requirements grouped by section in the framework's order; requirements of an unknown section come last. */
export function sectionsOf(c: ComplianceReport): SectionSummary[] {
  const known = new Set(c.framework.sections.map((s) => s.id));
  const groups = [...c.framework.sections];
  if (c.summary.requirements.some((r) => !known.has(r.section)))
    groups.push({ id: '', title: 'Other requirements' });
  return groups
    .map((s) => {
      const requirements = c.summary.requirements.filter((r) =>
        s.id === '' ? !known.has(r.section) : r.section === s.id,
      );
      const totals = zeroTotals();
      for (const r of requirements) totals[r.status] += 1;
      return { id: s.id, title: s.title, requirements, totals, coverage: coverageOf(totals) };
    })
    .filter((s) => s.requirements.length > 0);
}

export const COMPLIANCE_CSV_COLUMNS = [
  'framework',
  'framework_version',
  'level',
  'section',
  'section_title',
  'requirement',
  'title',
  'status',
  'requirements_pass',
  'requirements_fail',
  'requirements_error',
  'requirements_manual',
  'requirements_not_applicable',
  'requirements_not_evaluated',
  'coverage_percent',
  'results_pass',
  'results_fail',
  'results_error',
  'results_not_applicable',
  'checks',
] as const;

function resultSums(reqs: RequirementResult[]): Record<ResultStatus, number> {
  const out: Record<ResultStatus, number> = { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 };
  for (const r of reqs) for (const s of RESULT_STATUSES) out[s] += r.counts[s];
  return out;
}

const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/**
 * One row per requirement (level "requirement"), per section ("section") and per framework
 * ("framework"). The requirements_* columns count requirements by status: a requirement row
 * counts itself once, under its own status. results_* count check results.
 */
export function renderComplianceCsv(input: Pick<ReportInput, 'compliance'>): string {
  const rows: string[][] = [];
  for (const c of input.compliance) {
    const fw = c.framework;
    const line = (
      level: string,
      section: { id: string; title: string },
      req: { id: string; title: string; status: string; checks: string[] },
      totals: Record<RequirementStatus, number>,
      coverage: string,
      results: Record<ResultStatus, number>,
    ) =>
      rows.push(
        [
          fw.id,
          fw.version,
          level,
          section.id,
          section.title,
          req.id,
          req.title,
          req.status,
          ...REQUIREMENT_STATUSES.map((s) => String(totals[s])),
          coverage,
          ...RESULT_STATUSES.map((s) => String(results[s])),
          req.checks.join(' '),
        ].map(safeCell),
      );
    const empty = { id: '', title: '', status: '', checks: [] };
    for (const sec of sectionsOf(c)) {
      for (const r of sec.requirements) {
        const own = zeroTotals();
        own[r.status] = 1;
        const cov = r.status === 'manual' ? '' : r.status === 'pass' || r.status === 'fail' ? '100' : '0';
        line('requirement', sec, r, own, cov, r.counts);
      }
      line('section', sec, empty, sec.totals, String(sec.coverage), resultSums(sec.requirements));
    }
    line(
      'framework',
      { id: '', title: '' },
      { ...empty, title: fw.name },
      c.summary.totals,
      String(c.summary.coverage),
      resultSums(c.summary.requirements),
    );
  }
  return stringify([[...COMPLIANCE_CSV_COLUMNS], ...rows]);
}

const STYLE = `
body { margin: 0; padding: 20px 28px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 6px; } h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #5b6475; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
th, td { border: 1px solid #dde1e8; padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef0f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.s { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.s-pass { background: #e3f5e1; color: #17621f; } .s-fail { background: #fde2e1; color: #9b1c1c; }
.s-error { background: #fff1d6; color: #7a4b00; } .s-manual { background: #e8ecfa; color: #27408b; }
.s-not_applicable, .s-not_evaluated { background: #f3f3f3; color: #666; }
details { margin: 4px 0; } summary { cursor: pointer; color: #2156d9; }
ul.res { margin: 4px 0; padding-left: 18px; } ul.res li { margin: 1px 0; }
.totals td, .totals th { text-align: center; }
@media print { details { display: block; } body { padding: 0; } }
`;

/** "error" is a result whose data could not be read: never a failure, and called what it is. */
const label = (s: string) => (s === 'error' ? 'could not evaluate' : s.replace(/_/g, ' '));
const badge = (s: string) => `<span class="s s-${escapeHtml(s)}">${escapeHtml(label(s))}</span>`;

function totalsTable(t: Record<RequirementStatus, number>, coverage: number): string {
  return `<table class="totals"><tr>${REQUIREMENT_STATUSES.map((s) => `<th>${escapeHtml(label(s))}</th>`).join('')}<th>coverage</th></tr>
<tr>${REQUIREMENT_STATUSES.map((s) => `<td>${t[s]}</td>`).join('')}<td>${coverage}%</td></tr></table>`;
}

function resourceList(rows: ResultRow[], what: string): string {
  if (rows.length === 0) return '';
  const shown = rows.slice(0, MAX_RESOURCES_PER_REQUIREMENT);
  const items = shown
    .map(
      (r) =>
        `<li>${badge(r.status)} ${escapeHtml(r.cloud)} ${escapeHtml(r.account)} ${escapeHtml(r.region)} <strong>${escapeHtml(r.resource_name)}</strong>: ${escapeHtml(r.message)} <small>(${escapeHtml(r.check_id)})</small></li>`,
    )
    .join('\n');
  const more =
    rows.length > shown.length
      ? `<p>... and ${rows.length - shown.length} more: the CSV, JSON and OCSF exports list them all.</p>`
      : '';
  return `<details><summary>${rows.length} ${what}</summary><ul class="res">${items}</ul>${more}</details>`;
}

/** A requirement's failing resources, and apart from them the results that could not be evaluated. */
function failingList(req: RequirementResult, byCheck: Map<string, ResultRow[]>): string {
  const rows = req.checks.flatMap((c) => byCheck.get(c) ?? []);
  return (
    resourceList(
      rows.filter((r) => r.status === 'fail'),
      'failing resource(s)',
    ) +
    resourceList(
      rows.filter((r) => r.status === 'error'),
      'result(s) that could not be evaluated (data unreadable)',
    )
  );
}

function coverageLine(c: Coverage): string {
  return `Results: ${c.checked} checked (${c.passed} passed, ${c.failed} failed); ${c.could_not_evaluate} could not be evaluated (the data could not be read); ${c.manual} manual; ${c.not_applicable} not applicable.`;
}

/**
 * A printable compliance report: per framework and version, the totals and coverage, then each
 * section's requirements with their status, result counts and failing resources. Static HTML,
 * every value escaped, no script at all.
 */
export function renderComplianceHtml(input: ReportInput): string {
  const byCheck = new Map<string, ResultRow[]>();
  for (const r of input.results) {
    const list = byCheck.get(r.check_id) ?? [];
    list.push(r);
    byCheck.set(r.check_id, list);
  }
  const scan = input.scan;
  const title = `Compliance report${input.compliance.length === 1 && input.compliance[0] ? `: ${input.compliance[0].framework.name} ${input.compliance[0].framework.version}` : ''}`;
  const frameworks = input.compliance.map((c) => {
    const fw = c.framework;
    const sections = sectionsOf(c)
      .map(
        (
          sec,
        ) => `<h3>${escapeHtml(`${sec.id} ${sec.title}`.trim())} <small>(${sec.requirements.length} requirements, coverage ${sec.coverage}%)</small></h3>
<table><thead><tr><th>Id</th><th>Requirement</th><th>Status</th><th>Pass</th><th>Fail</th><th>Could not evaluate</th><th>N/A</th></tr></thead><tbody>
${sec.requirements
  .map(
    (r) =>
      `<tr><td>${escapeHtml(r.id)}</td><td>${escapeHtml(r.title)}${r.checks.length ? `<br><small>${r.checks.map(escapeHtml).join(', ')}</small>` : ''}${failingList(r, byCheck)}</td><td>${badge(r.status)}</td>${RESULT_STATUSES.map((s) => `<td class="num">${r.counts[s]}</td>`).join('')}</tr>`,
  )
  .join('\n')}
</tbody></table>`,
      )
      .join('\n');
    return `<section>
<h2>${escapeHtml(fw.name)} ${escapeHtml(fw.version)} <small>(${escapeHtml(fw.id)})</small></h2>
<p>Coverage: <strong>${c.summary.coverage}%</strong> of the requirements that can be checked automatically were evaluated (pass or fail). Manual requirements need a person; "not evaluated" means the scan did not run their checks; "could not evaluate" means the data could not be read: neither a pass nor a failure.</p>
${totalsTable(c.summary.totals, c.summary.coverage)}
${sections}
</section>`;
  });
  const csp = contentSecurityPolicy({ scripts: [], styles: [STYLE] });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${scan ? `Scan ${escapeHtml(scan.id)} of audit ${escapeHtml(scan.audit_key)}${scan.label ? ` (${escapeHtml(scan.label)})` : ''}, started ${escapeHtml(scan.started_at)}${scan.rechecks ? `, with ${scan.rechecks.count} re-check(s) of single resources applied (the latest started ${escapeHtml(scan.rechecks.last_started_at ?? '')})` : ''}, ${scan.counts.resources} resources. ` : ''}Generated ${escapeHtml(input.generatedAt)} by ${escapeHtml(input.tool.name)} ${escapeHtml(input.tool.version)}.</p>
<p class="meta" id="coverage">${coverageLine(resultCoverage(input))}</p>
${frameworks.length ? frameworks.join('\n') : '<p>No framework was evaluated in this scan.</p>'}
</body>
</html>
`;
}
