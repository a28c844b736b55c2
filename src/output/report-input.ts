import type { FindingRecord } from '../core/record.js';
import { summariseFramework } from '../frameworks/compliance.js';
import type { Framework } from '../frameworks/framework.js';
import type { ResultRow, ScanSummary } from '../store/store.js';
import {
  type CheckInfo,
  type ComplianceReport,
  DEFAULT_TOOL,
  type ReportInput,
  type ToolInfo,
} from './report-data.js';

/** Check metadata by id, from check definitions (any object with CheckInfo's fields). */
export function checkCatalogue(checks: readonly CheckInfo[]): Map<string, CheckInfo> {
  return new Map(
    checks.map((c) => [
      c.id,
      {
        id: c.id,
        title: c.title,
        severity: c.severity,
        description: c.description,
        ...(c.risk === undefined ? {} : { risk: c.risk }),
        remediation: c.remediation,
        references: c.references,
      },
    ]),
  );
}

export interface BuildReportOptions {
  scan: ScanSummary | null;
  findings: FindingRecord[];
  results: ResultRow[];
  frameworks: Framework[];
  /**
   * Frameworks to evaluate: these ids, or (when absent) every framework that maps at least one of
   * the selected checks.
   */
  frameworkIds?: string[];
  /** checks the scan ran; defaults to the checks that have a result */
  selected?: Set<string>;
  checks?: ReadonlyMap<string, CheckInfo>;
  tool?: ToolInfo;
  now?: Date;
}

/** The frameworks to report on, each with its summary for the scan's results. */
export function complianceReports(
  frameworks: Framework[],
  results: ResultRow[],
  selected: Set<string>,
  frameworkIds?: string[],
): ComplianceReport[] {
  return frameworks
    .filter((f) =>
      frameworkIds
        ? frameworkIds.includes(f.id)
        : f.requirements.some((r) => r.checks?.some((c) => selected.has(c))),
    )
    .map((framework) => ({ framework, summary: summariseFramework(framework, results, selected) }));
}

export function buildReportInput(o: BuildReportOptions): ReportInput {
  const selected = o.selected ?? new Set(o.results.map((r) => r.check_id));
  return {
    scan: o.scan,
    findings: o.findings,
    results: o.results,
    compliance: complianceReports(o.frameworks, o.results, selected, o.frameworkIds),
    checks: o.checks ?? new Map(),
    tool: o.tool ?? DEFAULT_TOOL,
    generatedAt: (o.now ?? new Date()).toISOString(),
  };
}
