/** Public API of the Sigma engine. */
export { compileDetection, DISPATCH_FIELDS } from './compile.js';
export { parseCondition } from './condition.js';
export { compileCorrelation, parseTimespan } from './correlation.js';
export {
  type CorrelationHit,
  Correlator,
  type CorrelatorOptions,
  defaultEventId,
  defaultEventTime,
} from './correlator.js';
export {
  type LoadResult,
  loadRuleDir,
  loadRuleDirs,
  loadRuleSources,
  loadRuleText,
  type RuleSource,
} from './loader.js';
export {
  fieldAliasesFor,
  logsourceMatches,
  SOURCES,
  type SourceId,
  sourceFor,
  sourceKey,
  UNMAPPED_LOGSOURCES,
} from './logsource.js';
export { SUPPORTED_MODIFIERS } from './modifiers.js';
export { parseRuleText } from './parse.js';
export {
  type DetectionHit,
  Detector,
  type IndexStats,
  type Match,
  RuleSet,
  type RuleSetOptions,
} from './ruleset.js';
export type {
  CompiledCorrelation,
  CompiledDetection,
  CompiledRule,
  CorrelationType,
  Logsource,
  RuleLoadError,
  RuleMeta,
  SigmaLevel,
} from './types.js';
export { ruleKey } from './types.js';
export { type ProductCounts, type ValidationReport, validateRules } from './validate.js';
