import type { ResultStatus } from '../core/record.js';
import type { ResultRow } from '../core/scan-store.js';
import type { Framework } from './framework.js';

export type RequirementStatus = 'pass' | 'fail' | 'error' | 'manual' | 'not_applicable' | 'not_evaluated';

export interface RequirementResult {
  id: string;
  section: string;
  title: string;
  status: RequirementStatus;
  checks: string[];
  counts: Record<ResultStatus, number>;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  requirements: RequirementResult[];
  totals: Record<RequirementStatus, number>;
  /** share of automatable requirements that were actually evaluated (pass or fail), in % */
  coverage: number;
}

const empty = (): Record<ResultStatus, number> => ({
  pass: 0,
  fail: 0,
  error: 0,
  manual: 0,
  not_applicable: 0,
});

/**
 * A requirement fails when any of its checks failed, errors when none failed but one could
 * not be evaluated, passes when its checks passed, and is not applicable when no resource
 * of theirs exists. Requirements whose checks were not selected are "not evaluated".
 */
export function summariseFramework(
  fw: Framework,
  rows: ResultRow[],
  selected: Set<string>,
): FrameworkSummary {
  const byCheck = new Map<string, Record<ResultStatus, number>>();
  for (const r of rows) {
    const c = byCheck.get(r.check_id) ?? empty();
    c[r.status] += 1;
    byCheck.set(r.check_id, c);
  }
  const requirements = fw.requirements.map((req): RequirementResult => {
    const checks = req.checks ?? [];
    const counts = empty();
    for (const c of checks) {
      const got = byCheck.get(c);
      if (got) for (const k of Object.keys(counts) as ResultStatus[]) counts[k] += got[k];
    }
    let status: RequirementStatus;
    if (req.manual) status = 'manual';
    else if (!checks.some((c) => selected.has(c))) status = 'not_evaluated';
    else if (counts.fail > 0) status = 'fail';
    else if (counts.error > 0) status = 'error';
    else if (counts.pass > 0) status = 'pass';
    else status = 'not_applicable';
    return { id: req.id, section: req.section, title: req.title, status, checks, counts };
  });
  const totals: Record<RequirementStatus, number> = {
    pass: 0,
    fail: 0,
    error: 0,
    manual: 0,
    not_applicable: 0,
    not_evaluated: 0,
  };
  for (const r of requirements) totals[r.status] += 1;
  const automatable = requirements.length - totals.manual;
  const coverage = automatable === 0 ? 0 : Math.round(((totals.pass + totals.fail) / automatable) * 100);
  return { id: fw.id, name: fw.name, requirements, totals, coverage };
}
