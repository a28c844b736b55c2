import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, notApplicable } from '../../../core/result.js';
import { engineOf, isRdsClusterEngine } from './engines.js';

/** DocumentDB and Neptune clusters are not applicable to the RDS cluster controls. */
export function unlessOtherEngine(cluster: ResourceRecord, evaluate: () => CheckResult): CheckResult {
  const engine = engineOf(cluster);
  return isRdsClusterEngine(engine) ? evaluate() : notApplicable(`a ${engine} cluster`);
}
