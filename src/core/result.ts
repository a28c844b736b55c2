import type { ResultStatus } from './record.js';
import type { Severity } from './severity.js';

/**
 * A finding a cloud's own detector raised (GuardDuty, Security Hub, Defender for Cloud...), as an
 * import check reports it: the finding is about the affected resource, with the detector's
 * severity, title and fix, and keeps the detector's id so that it has one life however often it
 * is imported (src/core/imported.ts).
 */
export interface ImportedFinding {
  /** the detector: `aws.guardduty`, `aws.securityhub`, `azure.defender`, `gcp.scc`... */
  source: string;
  /** the detector's own id of the finding (an ARN, an ASFF Id, a resource id) */
  id: string;
  /** the detector's type of finding (GuardDuty type, Security Hub control id, SCC category) */
  type: string;
  title: string;
  severity: Severity;
  recommendation?: string;
  /** the resource the finding is about, with the reference Cloudward's records use for it */
  resource: { reference: string; name: string; record_type?: string };
  /**
   * The Cloudward checks, or compliance requirements (`aws-fsbp:S3.8`), whose failure on the same
   * resource is the same problem: such a finding is shown once, with both sources.
   */
  same_as?: string[];
}

export interface CheckResult {
  status: ResultStatus;
  message: string;
  evidence?: unknown;
  /** For scope checks: the resource the result is about (defaults to the scope itself). */
  resource?: { reference: string; name?: string; record_type?: string };
  /** a fail imported from a cloud's detector: the finding is about its resource, with its severity */
  imported?: ImportedFinding;
}

export const pass = (message = 'compliant', evidence?: unknown): CheckResult => ({
  status: 'pass',
  message,
  ...(evidence === undefined ? {} : { evidence }),
});
export const fail = (message: string, opts: { evidence?: unknown } = {}): CheckResult => ({
  status: 'fail',
  message,
  ...(opts.evidence === undefined ? {} : { evidence: opts.evidence }),
});
/** The data needed to decide could not be read: never a pass. */
export const error = (message: string, evidence?: unknown): CheckResult => ({
  status: 'error',
  message,
  ...(evidence === undefined ? {} : { evidence }),
});
export const notApplicable = (message: string): CheckResult => ({ status: 'not_applicable', message });
export const manual = (message: string): CheckResult => ({ status: 'manual', message });

/** A finding a cloud's detector raised, as an import check's result. */
export const importedFail = (finding: ImportedFinding, message: string, evidence?: unknown): CheckResult => ({
  status: 'fail',
  message,
  imported: finding,
  ...(evidence === undefined ? {} : { evidence }),
});
