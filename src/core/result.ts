import type { ResultStatus } from './record.js';

export interface CheckResult {
  status: ResultStatus;
  message: string;
  evidence?: unknown;
  /** For scope checks: the resource the result is about (defaults to the scope itself). */
  resource?: { reference: string; name?: string; record_type?: string };
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
