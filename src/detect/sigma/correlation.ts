/** Reads the `correlation` section of a Sigma correlation rule (Sigma correlation specification 2.0). */
import { parseDuration } from '../../core/duration.js';
import {
  type CompiledCorrelation,
  type CorrelationType,
  type CountCondition,
  type RuleMeta,
  SigmaRuleError,
} from './types.js';

const TYPES: readonly CorrelationType[] = ['event_count', 'value_count', 'temporal', 'temporal_ordered'];

/** `30s`, `5m`, `1h`, `7d` in milliseconds. */
export function parseTimespan(text: unknown): number {
  if (typeof text !== 'string') throw new SigmaRuleError('"timespan" must be a string such as 5m');
  const ms = parseDuration(text, ['s', 'm', 'h', 'd']);
  if (!ms) throw new SigmaRuleError(`timespan "${text}" is not a positive number followed by s, m, h or d`);
  return ms;
}

function strings(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string' && v !== '')) {
    throw new SigmaRuleError(`"${what}" must be a string or a list of strings`);
  }
  return list as string[];
}

const OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;

function readCondition(raw: unknown, type: CorrelationType): { condition: CountCondition; fields: string[] } {
  if (raw === undefined || raw === null) {
    if (type === 'event_count' || type === 'value_count')
      throw new SigmaRuleError(`${type} needs a "condition"`);
    return { condition: {}, fields: [] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SigmaRuleError('correlation "condition" must be a map such as {gte: 10}');
  }
  const condition: CountCondition = {};
  let fields: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'field') {
      fields = strings(value, 'condition.field');
      continue;
    }
    if (!(OPERATORS as readonly string[]).includes(key)) {
      throw new SigmaRuleError(
        `unknown correlation condition operator "${key}" (expected gt, gte, lt, lte, eq or field)`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new SigmaRuleError(`correlation condition "${key}" must be a number`);
    }
    condition[key as (typeof OPERATORS)[number]] = value;
  }
  if (Object.keys(condition).length === 0 && (type === 'event_count' || type === 'value_count')) {
    throw new SigmaRuleError('correlation condition has no operator (gt, gte, lt, lte or eq)');
  }
  if (type === 'value_count' && fields.length === 0)
    throw new SigmaRuleError('value_count needs condition.field');
  if (type !== 'value_count' && fields.length > 0) {
    throw new SigmaRuleError(`condition.field is only valid for value_count, not ${type}`);
  }
  return { condition, fields };
}

function readAliases(raw: unknown): Record<string, Record<string, string>> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SigmaRuleError('"aliases" must be a map');
  const out: Record<string, Record<string, string>> = {};
  for (const [alias, mapping] of Object.entries(raw)) {
    if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) {
      throw new SigmaRuleError(`alias "${alias}" must map rule names to field names`);
    }
    const fields: Record<string, string> = {};
    for (const [rule, field] of Object.entries(mapping)) {
      if (typeof field !== 'string')
        throw new SigmaRuleError(`alias "${alias}" for rule "${rule}" must be a field name`);
      fields[rule] = field;
    }
    out[alias] = fields;
  }
  return out;
}

/** Validate a correlation section. References stay unresolved (ruleKeys empty) until the loader links them. */
export function compileCorrelation(
  meta: RuleMeta,
  section: Record<string, unknown>,
  topLevelGenerate?: boolean,
): CompiledCorrelation {
  const type = section.type;
  if (typeof type !== 'string' || !(TYPES as readonly string[]).includes(type)) {
    throw new SigmaRuleError(
      `unknown correlation type ${JSON.stringify(type)} (expected ${TYPES.join(', ')})`,
    );
  }
  const ctype = type as CorrelationType;
  const ruleRefs = strings(section.rules, 'correlation.rules');
  if (ruleRefs.length === 0) throw new SigmaRuleError('correlation.rules is missing or empty');
  if ((ctype === 'temporal' || ctype === 'temporal_ordered') && ruleRefs.length < 2) {
    throw new SigmaRuleError(`${ctype} needs at least two rules`);
  }
  const { condition, fields } = readCondition(section.condition, ctype);
  const generate = section.generate ?? topLevelGenerate ?? false;
  if (typeof generate !== 'boolean') throw new SigmaRuleError('"generate" must be true or false');
  return {
    kind: 'correlation',
    meta,
    type: ctype,
    ruleRefs,
    ruleKeys: [],
    groupBy: strings(section['group-by'], 'group-by'),
    aliases: readAliases(section.aliases),
    timespanMs: parseTimespan(section.timespan),
    condition,
    valueFields: fields,
    generate,
    standalone: true,
  };
}

/** True when the count satisfies every bound of the condition (an empty condition accepts any count). */
export function conditionHolds(c: CountCondition, count: number): boolean {
  if (c.gt !== undefined && !(count > c.gt)) return false;
  if (c.gte !== undefined && !(count >= c.gte)) return false;
  if (c.lt !== undefined && !(count < c.lt)) return false;
  if (c.lte !== undefined && !(count <= c.lte)) return false;
  if (c.eq !== undefined && count !== c.eq) return false;
  return true;
}

/** Conditions with an upper bound can only be decided once a window has closed. */
export function hasUpperBound(c: CountCondition): boolean {
  return c.lt !== undefined || c.lte !== undefined || c.eq !== undefined;
}
