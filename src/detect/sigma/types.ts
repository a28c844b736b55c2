/** Shared types of the Sigma engine: rule metadata, load errors and compiled rules. */

export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface Logsource {
  product?: string;
  service?: string;
  category?: string;
  definition?: string;
}

/** The descriptive part of a rule, shared by detection and correlation rules. */
export interface RuleMeta {
  /** File the rule was read from ('' for rules loaded from a string). */
  file: string;
  /** Zero-based index of the YAML document inside the file. */
  document: number;
  title: string;
  id?: string;
  name?: string;
  status?: string;
  level?: SigmaLevel;
  description?: string;
  author?: string;
  date?: string;
  modified?: string;
  license?: string;
  references: string[];
  tags: string[];
  falsepositives: string[];
  fields: string[];
}

/** A rule that could not be loaded or compiled. The loader reports these; it never throws. */
export interface RuleLoadError {
  file: string;
  document?: number;
  title?: string;
  id?: string;
  /** The rule's logsource product, or 'correlation', when the document got that far. */
  product?: string;
  reason: string;
}

/** Values that select events for the rule index: the event must hold one of `values` in `field`. */
export interface DispatchKey {
  field: string;
  /** Lower-cased literal values. */
  values: ReadonlySet<string>;
  /** Reads the field from an event exactly as the rule's matcher does. */
  resolve: (event: unknown) => unknown;
}

export type EventMatcher = (event: unknown) => boolean;

export interface CompiledDetection {
  kind: 'detection';
  meta: RuleMeta;
  logsource: Logsource;
  /** True when the rule raises hits of its own; false when only correlations (without `generate`) use it. */
  standalone: boolean;
  match: EventMatcher;
  /** Required literal values of one dispatch field, when every branch of the condition needs them. */
  dispatch?: DispatchKey;
  /** Resolve a field of an event the way this rule does (with its logsource's field aliases). */
  resolveField: (event: unknown, field: string) => unknown;
  /** Set on the search half of a Sigma 1 aggregation rule (see aggregation.ts). */
  derived?: boolean;
}

export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered';

export interface CountCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
}

export interface CompiledCorrelation {
  kind: 'correlation';
  meta: RuleMeta;
  type: CorrelationType;
  /** The referenced rules as written (id or name). */
  ruleRefs: string[];
  /** Resolved references: the keys (`ruleKey`) of the referenced rules, same order as ruleRefs. */
  ruleKeys: string[];
  groupBy: string[];
  /** alias name -> (rule name or id -> field name). */
  aliases: Record<string, Record<string, string>>;
  timespanMs: number;
  condition: CountCondition;
  /** value_count: the field(s) whose distinct values are counted. */
  valueFields: string[];
  /** The rule's `generate`: the rules it references also raise hits of their own. */
  generate: boolean;
  /** False when the correlation is only an intermediate step of another correlation. */
  standalone: boolean;
  /** The logsource of a correlation made from a Sigma 1 aggregation rule. */
  logsource?: Logsource;
}

export type CompiledRule = CompiledDetection | CompiledCorrelation;

/** The stable key a rule is referred to by: its id, else its name, else file#document. */
export function ruleKey(meta: RuleMeta): string {
  return meta.id ?? meta.name ?? `${meta.file}#${meta.document}`;
}

/** Thrown inside the engine for a rule that cannot be supported; the loader turns it into a RuleLoadError. */
export class SigmaRuleError extends Error {
  override name = 'SigmaRuleError';
}
