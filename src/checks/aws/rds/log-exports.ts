import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, notApplicable, pass } from '../../../core/result.js';
import { extList } from '../facts.js';
import { engineOf } from './engines.js';

/**
 * Does an instance or cluster of `engines` export every log type of `required` to CloudWatch
 * Logs? Other engines are not applicable.
 */
export function exportsLogs(
  r: ResourceRecord,
  engines: readonly string[],
  required: readonly string[],
): CheckResult {
  const engine = engineOf(r);
  if (!engines.includes(engine)) return notApplicable(`engine ${engine || 'unknown'}`);
  const exported = extList<string>(r, 'log_exports');
  if (exported === null) return error('the log exports are unreadable');
  const missing = required.filter((t) => !exported.includes(t));
  if (missing.length === 0) return pass(`exports ${required.join(', ')} logs`);
  return fail(`${r.com.name} does not export its ${missing.join(', ')} log${missing.length > 1 ? 's' : ''}`, {
    evidence: { exported, missing },
  });
}
