/**
 * Compiles a Sigma detection (selections plus condition) once into a closure `(event) => boolean`,
 * and works out which literal values of a dispatch field every matching event must carry.
 */
import { type ConditionNode, expandPattern, parseCondition } from './condition.js';
import { compileFieldItem } from './field-item.js';
import { type FieldAliases, FieldResolvers } from './fields.js';
import { compileKeywords } from './keywords.js';
import { fieldAliasesFor } from './logsource.js';
import {
  type CompiledDetection,
  type DispatchKey,
  type EventMatcher,
  type Logsource,
  type RuleMeta,
  SigmaRuleError,
} from './types.js';

/**
 * Fields the rule index can dispatch on, most selective first. A rule is indexed on the first of these
 * that its condition requires to hold one of a set of literal values.
 */
export const DISPATCH_FIELDS = [
  'eventName',
  'operationName',
  'protoPayload.methodName',
  'methodName',
  'gcp.audit.method_name',
  'data.protoPayload.methodName',
  'OperationNameValue',
  'eventSource',
  'eventType',
  'protoPayload.serviceName',
  'serviceName',
  'userIdentity.type',
] as const;

/** field -> the literal values (lower-cased) one of which the field must hold. */
type Requirements = Map<string, Set<string>>;

interface Compiled {
  match: EventMatcher;
  req: Requirements;
}

const NONE: Requirements = new Map();

function and(items: EventMatcher[]): EventMatcher {
  if (items.length === 1) return items[0]!;
  if (items.length === 2) {
    const [a, b] = items as [EventMatcher, EventMatcher];
    return (e) => a(e) && b(e);
  }
  return (e) => {
    for (const m of items) if (!m(e)) return false;
    return true;
  };
}

function or(items: EventMatcher[]): EventMatcher {
  if (items.length === 1) return items[0]!;
  if (items.length === 2) {
    const [a, b] = items as [EventMatcher, EventMatcher];
    return (e) => a(e) || b(e);
  }
  return (e) => {
    for (const m of items) if (m(e)) return true;
    return false;
  };
}

/** Every branch must hold: a field required by several keeps only the values all of them allow. */
function andReq(reqs: Requirements[]): Requirements {
  const out: Requirements = new Map();
  for (const req of reqs) {
    for (const [field, values] of req) {
      const prev = out.get(field);
      out.set(field, prev ? new Set([...prev].filter((v) => values.has(v))) : values);
    }
  }
  return out;
}

/** One branch must hold: only fields every branch requires survive, with the union of their values. */
function orReq(reqs: Requirements[]): Requirements {
  const [first, ...rest] = reqs;
  if (!first) return NONE;
  const out: Requirements = new Map();
  for (const [field, values] of first) {
    if (rest.every((r) => r.has(field))) {
      const union = new Set(values);
      for (const r of rest) for (const v of r.get(field)!) union.add(v);
      out.set(field, union);
    }
  }
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

function splitKey(key: string): { field: string; modifiers: string[] } {
  const [field = '', ...modifiers] = key.split('|');
  return { field: field.trim(), modifiers: modifiers.map((m) => m.trim()) };
}

function compileMap(map: Record<string, unknown>, resolvers: FieldResolvers): Compiled {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaRuleError('empty map');
  const matchers: EventMatcher[] = [];
  const reqs: Requirements[] = [];
  for (const [key, value] of entries) {
    const { field, modifiers } = splitKey(key);
    try {
      if (field === '') {
        matchers.push(compileKeywords(modifiers, value));
        continue;
      }
      const item = compileFieldItem(field, modifiers, value, resolvers);
      matchers.push(item.match);
      if (item.required) reqs.push(new Map([[item.required.field, item.required.values]]));
    } catch (e) {
      if (e instanceof SigmaRuleError) throw new SigmaRuleError(`field "${key}": ${e.message}`);
      throw e;
    }
  }
  return { match: and(matchers), req: andReq(reqs) };
}

function compileSelection(name: string, def: unknown, resolvers: FieldResolvers): Compiled {
  try {
    if (isPlainObject(def)) return compileMap(def, resolvers);
    if (Array.isArray(def)) {
      if (def.length === 0) throw new SigmaRuleError('empty list');
      if (def.every(isPlainObject)) {
        const parts = def.map((m) => compileMap(m, resolvers));
        return { match: or(parts.map((p) => p.match)), req: orReq(parts.map((p) => p.req)) };
      }
      if (def.every((v) => typeof v === 'string' || typeof v === 'number')) {
        return { match: compileKeywords([], def), req: NONE };
      }
      throw new SigmaRuleError('a list must hold only maps or only keywords');
    }
    if (typeof def === 'string' || typeof def === 'number')
      return { match: compileKeywords([], [def]), req: NONE };
    throw new SigmaRuleError(
      `expected a map, a list or a keyword, got ${def === null ? 'null' : typeof def}`,
    );
  } catch (e) {
    if (e instanceof SigmaRuleError) throw new SigmaRuleError(`selection "${name}": ${e.message}`);
    throw e;
  }
}

function compileNode(node: ConditionNode, selections: Map<string, Compiled>, names: string[]): Compiled {
  switch (node.type) {
    case 'ref': {
      const sel = selections.get(node.name);
      if (!sel) throw new SigmaRuleError(`condition references undefined selection "${node.name}"`);
      return sel;
    }
    case 'not': {
      const inner = compileNode(node.item, selections, names);
      return { match: (e) => !inner.match(e), req: NONE };
    }
    case 'and':
    case 'or': {
      const parts = node.items.map((n) => compileNode(n, selections, names));
      const matchers = parts.map((p) => p.match);
      const reqs = parts.map((p) => p.req);
      return node.type === 'and'
        ? { match: and(matchers), req: andReq(reqs) }
        : { match: or(matchers), req: orReq(reqs) };
    }
    case 'of': {
      const matched = expandPattern(node.pattern, node.them, names);
      if (matched.length === 0) {
        throw new SigmaRuleError(
          `"${node.them ? 'them' : node.pattern}" in the condition matches no selection`,
        );
      }
      const parts = matched.map((n) => selections.get(n)!);
      const matchers = parts.map((p) => p.match);
      const reqs = parts.map((p) => p.req);
      return node.quantifier === 'all'
        ? { match: and(matchers), req: andReq(reqs) }
        : { match: or(matchers), req: orReq(reqs) };
    }
  }
}

const resolverCache = new Map<FieldAliases | undefined, FieldResolvers>();

function resolversFor(logsource: Logsource): FieldResolvers {
  const aliases = fieldAliasesFor(logsource);
  let r = resolverCache.get(aliases);
  if (!r) {
    r = new FieldResolvers(aliases);
    resolverCache.set(aliases, r);
  }
  return r;
}

export interface DetectionInput {
  meta: RuleMeta;
  logsource: Logsource;
  detection: Record<string, unknown>;
  standalone?: boolean;
}

/** Compile a detection. Throws SigmaRuleError for anything unsupported or malformed. */
export function compileDetection(input: DetectionInput): CompiledDetection {
  const { detection } = input;
  const resolvers = resolversFor(input.logsource);
  const rawCondition = detection.condition;
  const conditions =
    typeof rawCondition === 'string'
      ? [rawCondition]
      : Array.isArray(rawCondition) &&
          rawCondition.length > 0 &&
          rawCondition.every((c) => typeof c === 'string')
        ? (rawCondition as string[])
        : undefined;
  if (!conditions)
    throw new SigmaRuleError('detection.condition is missing or not a string (or list of strings)');

  const names = Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe');
  if (names.length === 0) throw new SigmaRuleError('detection has no selections');
  const selections = new Map<string, Compiled>();
  for (const name of names) selections.set(name, compileSelection(name, detection[name], resolvers));

  const parts = conditions.map((c) => compileNode(parseCondition(c), selections, names));
  const whole: Compiled =
    parts.length === 1
      ? parts[0]!
      : { match: or(parts.map((p) => p.match)), req: orReq(parts.map((p) => p.req)) };

  let dispatch: DispatchKey | undefined;
  for (const field of DISPATCH_FIELDS) {
    const values = whole.req.get(field);
    if (values) {
      dispatch = { field, values, resolve: resolvers.get(field) };
      break;
    }
  }
  return {
    kind: 'detection',
    meta: input.meta,
    logsource: input.logsource,
    standalone: input.standalone ?? true,
    match: whole.match,
    dispatch,
    resolveField: (event, field) => resolvers.get(field)(event),
  };
}
