import { stringify } from 'csv-stringify/sync';
import type { OrgRollup } from '../core/org-posture.js';
import type { FindingRecord } from '../core/record.js';
import { terminalJson } from '../core/terminal-text.js';
import type { ScanSummary } from '../store/store.js';
import { byImportance, isLive, summariseVerdicts, verdictOf } from './verdicts.js';

/** Formats of `scan --format`: the terminal table and every report format (src/output/render.ts). */
export const FORMATS = [
  'table',
  'json',
  'jsonl',
  'csv',
  'html',
  'sarif',
  'junit',
  'ocsf',
  'asff',
  'compliance-html',
  'compliance-csv',
] as const;
export type Format = (typeof FORMATS)[number];

/** A finding record as the JSON exports write it: `com.live` says whether the failure still exists. */
function exported(f: FindingRecord): FindingRecord {
  return { ...f, com: { ...f.com, live: isLive(f) } };
}

/** Live failures, then results that could not be evaluated, then resolved findings. */
function inOrder(findings: FindingRecord[]) {
  const sorted = [...findings].sort(byImportance);
  return {
    findings: sorted.filter((f) => verdictOf(f) === 'fail').map(exported),
    could_not_evaluate: sorted.filter((f) => verdictOf(f) === 'could_not_evaluate').map(exported),
    resolved: sorted.filter((f) => verdictOf(f) === 'resolved').map(exported),
  };
}

/**
 * `{"scan", "summary", "findings", "could_not_evaluate", "resolved"}`: `findings` holds only
 * live failures; results whose data could not be read and findings this scan resolved have
 * their own lists, so neither can be counted as a failure (docs/reports.md).
 */
export function renderJson(
  scan: ScanSummary | null,
  findings: FindingRecord[],
  extra: { by_organisation?: OrgRollup | null } = {},
): string {
  const lists = inOrder(findings);
  const rollup = extra.by_organisation ? { by_organisation: extra.by_organisation } : {};
  return `${terminalJson({ scan, summary: summariseVerdicts(scan, findings), ...rollup, ...lists }, 2)}\n`;
}

/** One finding record per line (live failures, could not evaluate, resolved), each with `com.live`. */
export function renderJsonl(findings: FindingRecord[]): string {
  const lists = inOrder(findings);
  return [...lists.findings, ...lists.could_not_evaluate, ...lists.resolved]
    .map((f) => `${terminalJson(f)}\n`)
    .join('');
}

export const CSV_COLUMNS = [
  'finding_id',
  'state',
  'severity',
  'status',
  'check_id',
  'record_type',
  'cloud_type',
  'account',
  'region',
  'reference',
  'name',
  'description',
  'recommendation',
  'compliance',
  'first_seen',
  'last_seen',
  'result',
] as const;

/** The CSV's result column: what a row stands for, whatever its state and status. */
const RESULT_TEXT = {
  fail: 'failed',
  could_not_evaluate: 'could not evaluate',
  resolved: 'resolved',
} as const;

export function renderCsv(findings: FindingRecord[]): string {
  const rows = findings.map((f) => [
    f.com.finding_id,
    f.com.state,
    f.com.severity,
    f.com.status,
    f.ext.check_id,
    f.com.record_type,
    f.com.cloud_type,
    f.com.account,
    f.com.region,
    f.com.reference,
    f.com.name,
    f.com.description,
    f.com.recommendation,
    f.com.compliance.join(' '),
    f.com.first_seen,
    f.com.last_seen,
    RESULT_TEXT[verdictOf(f)],
  ]);
  // Cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
  const safe = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
  return stringify([[...CSV_COLUMNS], ...safe]);
}
