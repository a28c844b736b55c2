import { stringify } from 'csv-stringify/sync';
import type { FindingRecord } from '../core/record.js';
import type { ScanSummary } from '../store/store.js';

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

/** `{"scan": {...}, "findings": [records]}` */
export function renderJson(scan: ScanSummary | null, findings: FindingRecord[]): string {
  return `${JSON.stringify({ scan, findings }, null, 2)}\n`;
}

/** One finding record per line. */
export function renderJsonl(findings: FindingRecord[]): string {
  return findings.map((f) => `${JSON.stringify(f)}\n`).join('');
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
] as const;

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
  ]);
  // Cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
  const safe = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
  return stringify([[...CSV_COLUMNS], ...safe]);
}
