import type { ResourceRecord } from '../../../core/record.js';
import { type CheckResult, error, fail, pass } from '../../../core/result.js';
import { extList } from '../facts.js';

interface Level {
  method: string;
  level: string | null;
}

/** Every method of the stage logs at one of `levels` (ERROR or INFO by default). */
export function executionLogging(stage: ResourceRecord, levels: readonly string[]): CheckResult {
  const methods = extList<Level>(stage, 'logging_levels');
  if (methods === null) return error('the stage method settings could not be read');
  const off = methods.filter((m) => !levels.includes(m.level ?? 'OFF'));
  return off.length === 0
    ? pass(`execution logging at ${[...new Set(methods.map((m) => m.level))].join(', ')}`)
    : fail(
        `${stage.com.name}: execution logging is ${off.map((m) => `${m.level ?? 'OFF'} for ${m.method}`).join(', ')}`,
      );
}
