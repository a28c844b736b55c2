import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { extList, whyUnknown } from '../facts.js';

/**
 * The shared verdict of the ECS task definition checks that name offending containers: the
 * list is null when the definition could not be read (error), empty when all is well (pass).
 */
export function containerVerdict(
  def: ResourceRecord,
  fact: string,
  problem: string,
  ok: string,
): CheckResult {
  const found = extList<string>(def, fact);
  if (found === null) return error(`the task definition could not be read${whyUnknown(def, 'definition')}`);
  if (found.length === 0) return pass(ok);
  return fail(`${def.com.name}: ${problem}: ${found.join(', ')}`, { evidence: { containers: found } });
}
