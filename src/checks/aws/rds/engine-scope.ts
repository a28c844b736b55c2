import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, notApplicable } from '../../../core/result.js';
import { engineOf } from './engines.js';

/**
 * The RDS API lists DocumentDB and Neptune clusters and snapshots with the RDS ones: a check of
 * one of those services evaluates only the records of its engine.
 */
export function onlyEngine(r: ResourceRecord, engine: string, evaluate: () => CheckResult): CheckResult {
  const actual = engineOf(r);
  return actual === engine ? evaluate() : notApplicable(`engine ${actual || 'unknown'}, not ${engine}`);
}
