import type { Remediation } from '../core/check.js';
import type { FindingRecord } from '../core/record.js';
import type { Severity } from '../core/severity.js';
import type { FrameworkSummary } from '../frameworks/compliance.js';
import type { Framework } from '../frameworks/framework.js';
import type { ResultRow, ScanSummary } from '../store/store.js';

/** What a report needs to know about a check (a subset of a check's metadata). */
export interface CheckInfo {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  risk?: string;
  remediation: Remediation;
  references: string[];
}

/** A framework with its evaluation for one scan. */
export interface ComplianceReport {
  framework: Pick<Framework, 'id' | 'name' | 'version' | 'sections' | 'requirements'>;
  summary: FrameworkSummary;
}

export interface ToolInfo {
  name: string;
  version: string;
  informationUri?: string;
}

/** Everything the export formats read: one scan, its results, findings and compliance. */
export interface ReportInput {
  scan: ScanSummary | null;
  /** findings of the scan (new, open, regressed, muted, and those it resolved), and detections */
  findings: FindingRecord[];
  /** every check result of the scan (pass, fail, error, manual, not applicable) */
  results: ResultRow[];
  compliance: ComplianceReport[];
  /** check metadata by check id; checks missing here are described from their records */
  checks: ReadonlyMap<string, CheckInfo>;
  tool: ToolInfo;
  /** ISO timestamp the report is generated at */
  generatedAt: string;
}

export const DEFAULT_TOOL: ToolInfo = { name: 'Cloudward', version: '0.0.0' };

/** A detection hit (from a Sigma rule) rather than a check result. */
export function isDetection(f: FindingRecord): boolean {
  return f.com.origin_type === 'detection';
}

function extString(f: FindingRecord, key: string): string | undefined {
  const v: unknown = (f.ext as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The rule or check that produced a finding: rule_id / rule_title for detections, check_id / check_title otherwise. */
export function findingRule(f: FindingRecord): { id: string; title: string } {
  if (isDetection(f)) {
    const id = extString(f, 'rule_id') ?? extString(f, 'check_id') ?? f.com.origin_key;
    return { id, title: extString(f, 'rule_title') ?? extString(f, 'check_title') ?? id };
  }
  return { id: f.ext.check_id, title: f.ext.check_title || f.ext.check_id };
}

/** A string field of a record's com bucket that another module (detections) may add. */
export function comString(f: FindingRecord, key: string): string | undefined {
  const v: unknown = (f.com as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Milliseconds since the epoch for an ISO timestamp, or undefined when it does not parse. */
export function epochMs(iso: string | undefined | null): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** The ARN partition of a reference (`aws`, `aws-cn`, `aws-us-gov`), or undefined when it is not an ARN. */
export function arnPartition(reference: string): string | undefined {
  const m = /^arn:(aws[a-z-]*):/.exec(reference);
  return m?.[1];
}

/** Index finding records by finding id (the first record of an id wins). */
export function findingsById(findings: FindingRecord[]): Map<string, FindingRecord> {
  const m = new Map<string, FindingRecord>();
  for (const f of findings) if (!m.has(f.com.finding_id)) m.set(f.com.finding_id, f);
  return m;
}

/** Compliance references of a finding resolved to "<framework> <requirement>: <title>" where known. */
export function requirementTitles(compliance: ComplianceReport[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of compliance) {
    for (const r of c.framework.requirements) m.set(`${c.framework.id}:${r.id}`, r.title);
  }
  return m;
}

/** How much of the estate a report judged: checked is passed + failed; the rest was not judged. */
export interface Coverage {
  checked: number;
  passed: number;
  failed: number;
  could_not_evaluate: number;
  manual: number;
  not_applicable: number;
}

/** Coverage from the report's results, or from its scan's counts when it has no results. */
export function coverageOf(input: Pick<ReportInput, 'results' | 'scan'>): Coverage {
  const n = { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 };
  if (input.results.length > 0) for (const r of input.results) n[r.status] += 1;
  else if (input.scan) Object.assign(n, input.scan.counts.results);
  return {
    checked: n.pass + n.fail,
    passed: n.pass,
    failed: n.fail,
    could_not_evaluate: n.error,
    manual: n.manual,
    not_applicable: n.not_applicable,
  };
}
