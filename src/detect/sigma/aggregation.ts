/**
 * Sigma 1 aggregations (`selection | count() by field > 5` with `timeframe`) are deprecated in favour of
 * correlation rules. A rule that uses one is loaded as what it means: a hidden detection for the search
 * part and an event_count (count()) or value_count (count(field)) correlation over it.
 */
import { compileDetection, type DetectionInput } from './compile.js';
import { parseTimespan } from './correlation.js';
import {
  type CompiledCorrelation,
  type CompiledDetection,
  type CountCondition,
  SigmaRuleError,
} from './types.js';

export interface Aggregation {
  search: string;
  field?: string;
  groupBy: string[];
  condition: CountCondition;
}

const OPS: Record<string, keyof CountCondition> = {
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
  '=': 'eq',
  '==': 'eq',
};
const COUNT =
  /^count\(\s*([^\s(),]*)\s*\)\s*(?:by\s+([^\s,<>=]+(?:\s*,\s*[^\s,<>=]+)*)\s*)?(>=|<=|==|>|<|=)\s*(\d+)$/i;

/** Split `search | aggregation`; undefined when the condition has no top-level pipe. */
export function parseAggregation(condition: string): Aggregation | undefined {
  let depth = 0;
  let pipe = -1;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      pipe = i;
      break;
    }
  }
  if (pipe < 0) return undefined;
  const search = condition.slice(0, pipe).trim();
  const expr = condition.slice(pipe + 1).trim();
  if (/^near\b/i.test(expr))
    throw new SigmaRuleError(
      'the Sigma 1 "near" aggregation is not supported; use a temporal correlation rule',
    );
  const m = COUNT.exec(expr);
  if (!m)
    throw new SigmaRuleError(`unsupported aggregation "${expr}" (expected count() [by field] <op> number)`);
  if (search === '') throw new SigmaRuleError('aggregation without a search before "|"');
  const groupBy = m[2] ? m[2].split(',').map((s) => s.trim()) : [];
  return { search, field: m[1] || undefined, groupBy, condition: { [OPS[m[3]!]!]: Number(m[4]) } };
}

/** The hidden detection and the correlation a Sigma 1 aggregation rule stands for. */
export function compileAggregation(
  input: DetectionInput,
  agg: Aggregation,
): [CompiledDetection, CompiledCorrelation] {
  const { detection, meta } = input;
  if (detection.timeframe === undefined) {
    throw new SigmaRuleError('a count() aggregation needs detection.timeframe (or write a correlation rule)');
  }
  let timespanMs: number;
  try {
    timespanMs = parseTimespan(detection.timeframe);
  } catch (e) {
    throw new SigmaRuleError(`timeframe: ${(e as Error).message}`);
  }
  const searchId = `${meta.id ?? meta.name ?? `${meta.file}#${meta.document}`}/search`;
  const search: CompiledDetection = {
    ...compileDetection({
      ...input,
      meta: { ...meta, id: searchId, name: undefined, title: `${meta.title} (search)` },
      detection: { ...detection, condition: agg.search },
    }),
    derived: true,
  };
  const correlation: CompiledCorrelation = {
    kind: 'correlation',
    meta,
    type: agg.field ? 'value_count' : 'event_count',
    ruleRefs: [searchId],
    ruleKeys: [],
    groupBy: agg.groupBy,
    aliases: {},
    timespanMs,
    condition: agg.condition,
    valueFields: agg.field ? [agg.field] : [],
    generate: false,
    standalone: true,
    logsource: input.logsource,
  };
  return [search, correlation];
}
