/**
 * Reads Sigma YAML (one or several documents per file) into rule documents: the metadata, plus either a
 * detection (logsource + detection) or a correlation section. Malformed documents become errors for that
 * document only.
 */
import { parseAllDocuments } from 'yaml';
import {
  type Logsource,
  type RuleLoadError,
  type RuleMeta,
  type SigmaLevel,
  SigmaRuleError,
} from './types.js';

export type RuleDocument =
  | { kind: 'detection'; meta: RuleMeta; logsource: Logsource; detection: Record<string, unknown> }
  | { kind: 'correlation'; meta: RuleMeta; correlation: Record<string, unknown>; generate?: boolean };

export interface ParsedFile {
  documents: RuleDocument[];
  errors: RuleLoadError[];
}

const LEVELS: readonly SigmaLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function optString(doc: Record<string, unknown>, key: string): string | undefined {
  const v = doc[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  throw new SigmaRuleError(`"${key}" must be a string`);
}

function stringList(doc: Record<string, unknown>, key: string): string[] {
  const v = doc[key];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new SigmaRuleError(`"${key}" must be a string or a list of strings`);
  });
}

function readMeta(doc: Record<string, unknown>, file: string, index: number): RuleMeta {
  const title = optString(doc, 'title');
  if (!title) throw new SigmaRuleError('"title" is missing');
  const level = optString(doc, 'level')?.toLowerCase();
  if (level !== undefined && !LEVELS.includes(level as SigmaLevel)) {
    throw new SigmaRuleError(`unknown level "${level}" (expected one of ${LEVELS.join(', ')})`);
  }
  return {
    file,
    document: index,
    title,
    id: optString(doc, 'id'),
    name: optString(doc, 'name'),
    status: optString(doc, 'status'),
    level: level as SigmaLevel | undefined,
    description: optString(doc, 'description'),
    author: optString(doc, 'author'),
    date: optString(doc, 'date'),
    modified: optString(doc, 'modified'),
    license: optString(doc, 'license'),
    references: stringList(doc, 'references'),
    tags: stringList(doc, 'tags'),
    falsepositives: stringList(doc, 'falsepositives'),
    fields: stringList(doc, 'fields'),
  };
}

function readLogsource(doc: Record<string, unknown>): Logsource {
  const ls = doc.logsource;
  if (!isRecord(ls)) throw new SigmaRuleError('"logsource" is missing or not a map');
  return {
    product: optString(ls, 'product'),
    service: optString(ls, 'service'),
    category: optString(ls, 'category'),
    definition: optString(ls, 'definition'),
  };
}

/** Sigma 1 collections: `action: global` is merged into every following document until `action: reset`. */
function mergeGlobal(global: Record<string, unknown>, doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...global };
  for (const [k, v] of Object.entries(doc)) {
    const g = out[k];
    out[k] = isRecord(g) && isRecord(v) ? mergeGlobal(g, v) : v;
  }
  return out;
}

function readDocument(doc: Record<string, unknown>, file: string, index: number): RuleDocument {
  const meta = readMeta(doc, file, index);
  if (doc.correlation !== undefined) {
    if (!isRecord(doc.correlation)) throw new SigmaRuleError('"correlation" must be a map');
    const generate = doc.generate;
    if (generate !== undefined && typeof generate !== 'boolean')
      throw new SigmaRuleError('"generate" must be true or false');
    return { kind: 'correlation', meta, correlation: doc.correlation, generate };
  }
  if (doc.filter !== undefined && doc.detection === undefined) {
    throw new SigmaRuleError('Sigma filter documents are not supported');
  }
  if (!isRecord(doc.detection)) throw new SigmaRuleError('"detection" is missing or not a map');
  return { kind: 'detection', meta, logsource: readLogsource(doc), detection: doc.detection };
}

function identify(doc: unknown): { title?: string; id?: string } {
  if (!isRecord(doc)) return {};
  const title = typeof doc.title === 'string' ? doc.title : undefined;
  const id = typeof doc.id === 'string' ? doc.id : undefined;
  return { title, id };
}

/** Parse the text of one rule file. Never throws: problems come back as errors per document. */
export function parseRuleText(text: string, file = ''): ParsedFile {
  const documents: RuleDocument[] = [];
  const errors: RuleLoadError[] = [];
  let yamlDocs: ReturnType<typeof parseAllDocuments>;
  try {
    yamlDocs = parseAllDocuments(text, { prettyErrors: true });
  } catch (e) {
    return { documents, errors: [{ file, reason: `YAML: ${(e as Error).message}` }] };
  }
  if (!Array.isArray(yamlDocs)) {
    // A stream with only directives or comments has no rules.
    return { documents, errors };
  }
  let global: Record<string, unknown> | undefined;
  yamlDocs.forEach((ydoc, index) => {
    if (ydoc.errors.length > 0) {
      const first = ydoc.errors[0]!;
      errors.push({ file, document: index, reason: `YAML: ${first.message.split('\n')[0]}` });
      return;
    }
    let value: unknown;
    try {
      value = ydoc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ file, document: index, reason: `YAML: ${(e as Error).message}` });
      return;
    }
    if (value === null || value === undefined) return; // empty document (e.g. a trailing ---)
    if (!isRecord(value)) {
      errors.push({ file, document: index, reason: 'a rule document must be a YAML map' });
      return;
    }
    const action = value.action;
    if (action === 'global') {
      global = { ...value };
      delete global.action;
      return;
    }
    if (action === 'reset') {
      global = undefined;
      return;
    }
    if (action !== undefined) {
      errors.push({
        file,
        document: index,
        ...identify(value),
        reason: `unsupported document action "${String(action)}"`,
      });
      return;
    }
    const merged = global ? mergeGlobal(global, value) : value;
    try {
      documents.push(readDocument(merged, file, index));
    } catch (e) {
      const reason = e instanceof SigmaRuleError ? e.message : `internal error: ${(e as Error).message}`;
      errors.push({ file, document: index, ...identify(merged), reason });
    }
  });
  return { documents, errors };
}
