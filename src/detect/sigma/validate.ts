/** A report of what loads and compiles in a rule directory, per logsource product. */
import { loadRuleDir } from './loader.js';
import { sourceFor, sourceKey } from './logsource.js';
import type { CompiledRule, RuleLoadError } from './types.js';

export interface ProductCounts {
  /** Rule documents read (compiled + failed). */
  loaded: number;
  compiled: number;
  failed: number;
}

export interface ValidationReport {
  dir: string;
  loaded: number;
  compiled: number;
  failed: number;
  /** By logsource product ('correlation' for correlation rules, 'unknown' when unreadable). */
  byProduct: Record<string, ProductCounts>;
  /** Compiled rules per Cloudward source they will run on ('none' when no source reads them). */
  bySource: Record<string, number>;
  failures: RuleLoadError[];
  rules: CompiledRule[];
}

function bump(map: Record<string, ProductCounts>, product: string, key: 'compiled' | 'failed'): void {
  const c = map[product] ?? { loaded: 0, compiled: 0, failed: 0 };
  map[product] = c;
  c.loaded++;
  c[key]++;
}

export async function validateRules(dir: string): Promise<ValidationReport> {
  const { rules, errors } = await loadRuleDir(dir);
  const byProduct: Record<string, ProductCounts> = {};
  const bySource: Record<string, number> = {};
  for (const rule of rules) {
    if (rule.kind === 'detection' && rule.derived) continue;
    const logsource = rule.logsource;
    bump(byProduct, logsource ? (logsource.product ?? 'unknown').toLowerCase() : 'correlation', 'compiled');
    if (logsource) {
      const source = sourceFor(logsource);
      const key = source ? sourceKey(source) : 'none';
      bySource[key] = (bySource[key] ?? 0) + 1;
    }
  }
  for (const e of errors) bump(byProduct, e.product ?? 'unknown', 'failed');
  const counted = rules.filter((r) => r.kind !== 'detection' || !r.derived).length;
  return {
    dir,
    loaded: counted + errors.length,
    compiled: counted,
    failed: errors.length,
    byProduct,
    bySource,
    failures: errors,
    rules,
  };
}
