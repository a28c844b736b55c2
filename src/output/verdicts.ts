/**
 * What a finding says, stated so it cannot be misread: a live failure (FAIL), a check that
 * could not be evaluated because its data could not be read (COULD NOT EVALUATE: not a
 * finding about the resource, never counted as failing), or a failure this scan resolved.
 */
import type { FindingRecord, FindingState } from '../core/record.js';
import { atLeast, SEVERITIES, type Severity } from '../core/severity.js';
import type { ScanSummary } from '../store/store.js';

export type Verdict = 'fail' | 'could_not_evaluate' | 'resolved';

export const VERDICT_LABEL: Record<Verdict, string> = {
  fail: 'FAIL',
  could_not_evaluate: 'COULD NOT EVALUATE',
  resolved: 'RESOLVED',
};

/** The failure (or the error) still exists in the latest scan: every state but resolved. */
export const isLive = (f: FindingRecord): boolean => f.com.state !== 'resolved';

export function verdictOf(f: FindingRecord): Verdict {
  if (!isLive(f)) return 'resolved';
  return f.com.status === 'error' ? 'could_not_evaluate' : 'fail';
}

/** "FAIL new", "COULD NOT EVALUATE open", "RESOLVED": the verdict and the finding's state. */
export function verdictWithState(f: FindingRecord): string {
  const v = verdictOf(f);
  return v === 'resolved' ? VERDICT_LABEL.resolved : `${VERDICT_LABEL[v]} ${f.com.state}`;
}

/** What `--fail-on` gates on: live, unmuted failures at or above the threshold. Errors never count. */
export function gatingFailures(findings: FindingRecord[], threshold: Severity): FindingRecord[] {
  return findings.filter(
    (f) => verdictOf(f) === 'fail' && f.com.state !== 'muted' && atLeast(f.com.severity, threshold),
  );
}

/** What `--fail-on-error` gates on: live results that could not be evaluated, unmuted. */
export function gatingErrors(findings: FindingRecord[]): FindingRecord[] {
  return findings.filter((f) => verdictOf(f) === 'could_not_evaluate' && f.com.state !== 'muted');
}

export interface VerdictSummary {
  /** check results of the scan (one per check and resource); null without a scan */
  results: {
    pass: number;
    fail: number;
    could_not_evaluate: number;
    not_applicable: number;
    manual: number;
  } | null;
  /** live failures, muted ones apart */
  failing: {
    total: number;
    by_severity: Record<Severity, number>;
    by_state: Record<'new' | 'open' | 'regressed', number>;
    muted: number;
  };
  /** live results whose data could not be read: not findings, never counted as failing */
  could_not_evaluate: number;
  /** failures (or errors) of earlier scans that this scan resolved */
  resolved: number;
  /** collectors that failed in a region (each may leave several checks unevaluated); null without a scan */
  collection_errors: number | null;
}

export function summariseVerdicts(scan: ScanSummary | null, findings: FindingRecord[]): VerdictSummary {
  const by_severity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const by_state = { new: 0, open: 0, regressed: 0 };
  let muted = 0;
  let couldNot = 0;
  let resolved = 0;
  for (const f of findings) {
    const v = verdictOf(f);
    if (v === 'resolved') resolved += 1;
    else if (v === 'could_not_evaluate') couldNot += 1;
    else if (f.com.state === 'muted') muted += 1;
    else {
      by_severity[f.com.severity] += 1;
      by_state[f.com.state as Exclude<FindingState, 'muted' | 'resolved'>] += 1;
    }
  }
  const r = scan?.counts.results;
  return {
    results: r
      ? {
          pass: r.pass,
          fail: r.fail,
          could_not_evaluate: r.error,
          not_applicable: r.not_applicable,
          manual: r.manual,
        }
      : null,
    failing: {
      total: by_state.new + by_state.open + by_state.regressed,
      by_severity,
      by_state,
      muted,
    },
    could_not_evaluate: couldNot,
    resolved,
    collection_errors: scan ? scan.errors.length : null,
  };
}

const STATE_ORDER: Record<FindingState, number> = { regressed: 0, new: 1, open: 2, muted: 3, resolved: 4 };

/** Most severe first; among equals regressed, then new, then open; then by check and resource. */
export function byImportance(a: FindingRecord, b: FindingRecord): number {
  return (
    SEVERITIES.indexOf(a.com.severity) - SEVERITIES.indexOf(b.com.severity) ||
    STATE_ORDER[a.com.state] - STATE_ORDER[b.com.state] ||
    a.ext.check_id.localeCompare(b.ext.check_id) ||
    a.com.name.localeCompare(b.com.name) ||
    a.com.region.localeCompare(b.com.region)
  );
}
