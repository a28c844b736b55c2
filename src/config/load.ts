import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  Document,
  isAlias,
  isScalar,
  isSeq,
  isMap as isYamlMap,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
import { formatPath, type Issue, issueLines, issuePath } from '../core/issues.js';
import { BUILTIN_DEFAULTS, type Config, configSchema, type ProviderConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * What the names in a config are checked against. The config layer sits below checks,
 * frameworks and providers, so the caller hands it their catalogue (src/audit/catalogue.ts).
 */
export interface ConfigCatalogue {
  checkIds: ReadonlySet<string>;
  /**
   * throws naming the problem when a known check's `params` are invalid; with `issues` (zod's, about
   * the params) and `problems` (a line for each issue) on the error, each issue is reported on its own
   */
  checkParams(checkId: string, params: unknown): void;
  /** the framework ids; throws when the framework files cannot be read */
  frameworkIds(): ReadonlySet<string>;
  /** throws naming the problem when a provider's options are invalid for its type */
  providerOptions(provider: ProviderConfig, path: string): void;
  /** the remediation action ids a respond: rule may name (unchecked when absent) */
  actionIds?: ReadonlySet<string>;
}

export interface LoadOptions {
  catalogue: ConfigCatalogue;
  /** explicit --config files, applied last, in order */
  files?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** overridable for tests; default /etc/cloudward.yaml */
  systemFile?: string;
  /** default $XDG_CONFIG_HOME/cloudward/config.yaml or ~/.config/cloudward/config.yaml */
  userFile?: string;
}

export interface LoadedConfig {
  config: Config;
  /** the files that were read, in layering order */
  sources: string[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isMap = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Maps merge key by key; lists and scalars replace. */
export function mergeLayers(base: Json, over: Json): Json {
  if (isMap(base) && isMap(over)) {
    const out: Record<string, Json> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in out ? mergeLayers(out[k] as Json, v) : v;
    return out;
  }
  return over;
}

const ENV_REF = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** A problem and the path of the value it is about, for the file and line that set it. */
interface Located {
  path: PropertyKey[];
  text: string;
}

function interpolateAt(value: Json, env: NodeJS.ProcessEnv, path: PropertyKey[], problems: Located[]): Json {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (whole, v: string | undefined, def: string | undefined) => {
      if (whole === '$$') return '$';
      const got = env[v as string];
      if (got !== undefined) return got;
      if (def !== undefined) return def;
      problems.push({ path, text: `${formatPath(path)}: environment variable ${v} is not set` });
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateAt(v, env, [...path, i], problems));
  if (isMap(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateAt(v, env, [...path, k], problems);
    return out;
  }
  return value;
}

/** `${VAR}` and `${VAR:-default}` in string values; `$$` is a literal `$`. */
export function interpolate(value: Json, env: NodeJS.ProcessEnv, path: string, problems: string[]): Json {
  const found: Located[] = [];
  const out = interpolateAt(value, env, [], found);
  for (const p of found) {
    const inner = formatPath(p.path);
    const where = path && inner ? `${path}${inner.startsWith('[') ? '' : '.'}${inner}` : path || inner;
    problems.push(`${where}${p.text.slice(inner.length)}`);
  }
  return out;
}

/** One layer: its data, and its YAML nodes with their places in the file. */
interface Layer {
  data: Json;
  doc: Document;
  /** absent for the built-in defaults, which have no file */
  file?: string;
  lines?: LineCounter;
}

function readLayer(file: string): Layer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read config file: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`;
    });
    throw new ConfigError(problems.join('\n'), problems);
  }
  const data = doc.toJS() as Json;
  if (data === null || data === undefined) return { data: {}, doc, file, lines };
  if (!isMap(data)) throw new ConfigError(`${file}: the top level must be a map of sections`);
  return { data, doc, file, lines };
}

/** A layer's node at some path: `at` is what to point at (the key of a map entry, else the node). */
interface Placed {
  layer: Layer;
  node: unknown;
  at?: Node;
}

function deref(layer: Layer, node: unknown): unknown {
  return isAlias(node) ? node.resolve(layer.doc) : node;
}

function child(p: Placed, key: PropertyKey): Placed | undefined {
  const node = deref(p.layer, p.node);
  if (isYamlMap(node)) {
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(key))
        return { layer: p.layer, node: pair.value, at: (pair.key as Node | null) ?? undefined };
    }
  } else if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    if (item !== undefined) return { layer: p.layer, node: item, at: item as Node };
  }
  return undefined;
}

const isMapNode = (p: Placed) => isYamlMap(deref(p.layer, p.node));

/**
 * The nodes that make up the merged value at the deepest prefix of `path` any layer has, as
 * mergeLayers builds it: maps of several layers merge, a list or scalar replaces what came before.
 */
function placesOf(
  layers: readonly Layer[],
  path: readonly PropertyKey[],
): { depth: number; places: Placed[] } {
  let places: Placed[] = layers.map((layer) => ({ layer, node: layer.doc.contents }));
  let depth = 0;
  for (const key of path) {
    let next: Placed[] = [];
    for (const p of places) {
      const c = child(p, key);
      if (!c) continue;
      if (isMapNode(c) && next.every(isMapNode)) next.push(c);
      else next = [c];
    }
    if (next.length === 0) break;
    places = next;
    depth++;
  }
  return { depth, places };
}

/**
 * ` (at FILE:LINE:COL)` for the last layer that set the value at `path`, or, when no file has
 * that path, the deepest map above it that one did; nothing for the built-in defaults.
 */
function origin(layers: readonly Layer[], path: readonly PropertyKey[]): string {
  const { depth, places } = placesOf(layers, path);
  const last = places[places.length - 1];
  if (depth === 0 || !last?.layer.file || !last.layer.lines) return '';
  const node = last.at ?? (last.node as Node | null);
  const offset = node?.range?.[0];
  if (offset === undefined) return '';
  const { line, col } = last.layer.lines.linePos(offset);
  return ` (at ${last.layer.file}:${line}:${col})`;
}

/**
 * A dotted path written in a message (`providers.shop.endpoints.compute`) as keys, after a
 * known prefix: each step is matched against the keys the layers have (the longest wins), so
 * keys with dots in them are followed.
 */
function pathInText(layers: readonly Layer[], prefix: PropertyKey[], text: string): PropertyKey[] {
  const start = formatPath(prefix);
  let at = text.indexOf(start);
  while (at >= 0 && !/^($|[.[:\s;])/.test(text.slice(at + start.length))) at = text.indexOf(start, at + 1);
  if (at < 0) return prefix;
  let rest = text.slice(at + start.length).split(/: |[\s;]/)[0] ?? '';
  const path = [...prefix];
  while (rest) {
    const index = /^\[(\d+)\]/.exec(rest);
    if (index) {
      path.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    if (!rest.startsWith('.')) break;
    rest = rest.slice(1);
    const keys = new Set<string>();
    for (const p of placesOf(layers, path).places) {
      const node = deref(p.layer, p.node);
      if (isYamlMap(node))
        for (const pair of node.items) keys.add(String(isScalar(pair.key) ? pair.key.value : pair.key));
    }
    const key = [...keys]
      .filter((k) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`))
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) break;
    path.push(key);
    rest = rest.slice(key.length);
  }
  return path;
}

/** The path a catalogue's error is about: its first issue under `prefix`, else the path its message names. */
function errorPath(layers: readonly Layer[], prefix: PropertyKey[], e: unknown): PropertyKey[] {
  const issues = (e as { issues?: unknown }).issues;
  if (Array.isArray(issues) && issues.length > 0) return [...prefix, ...issuePath(issues[0] as Issue)];
  return pathInText(layers, prefix, String((e as Error)?.message ?? e));
}

function fail(layers: readonly Layer[], found: readonly Located[]): never {
  const list = found.map((p) => `${p.text}${origin(layers, p.path)}`);
  throw new ConfigError(list.join('\n'), list);
}

export function defaultLayerFiles(opts: LoadOptions): string[] {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const userDir = env.XDG_CONFIG_HOME
    ? join(env.XDG_CONFIG_HOME, 'cloudward')
    : join(homedir(), '.config', 'cloudward');
  const implicit = [
    opts.systemFile ?? '/etc/cloudward.yaml',
    opts.userFile ?? join(userDir, 'config.yaml'),
    join(cwd, 'cloudward.yaml'),
  ].filter((f) => existsSync(f));
  return [...implicit, ...(opts.files ?? []).map((f) => resolve(cwd, f))];
}

/**
 * Load, layer, interpolate and validate. Throws ConfigError listing every problem with its path
 * and, when a file set the value, ` (at FILE:LINE:COL)` of the last one that did.
 */
export function loadConfig(opts: LoadOptions): LoadedConfig {
  const env = opts.env ?? process.env;
  const sources = defaultLayerFiles(opts);
  const builtin = BUILTIN_DEFAULTS as unknown as Json;
  const layers: Layer[] = [{ data: builtin, doc: new Document(builtin) }, ...sources.map(readLayer)];
  let merged: Json = {};
  for (const l of layers) merged = mergeLayers(merged, l.data);
  const problems: Located[] = [];
  const interpolated = interpolateAt(merged, env, [], problems);
  if (problems.length) fail(layers, problems);
  const parsed = configSchema.safeParse(interpolated);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const text = issueLines(issues, interpolated);
    fail(
      layers,
      issues.map((issue, i) => ({ path: issuePath(issue), text: text[i] as string })),
    );
  }
  const config = parsed.data;
  const refs = crossCheck(config, opts.catalogue, layers);
  if (refs.length) fail(layers, refs);
  return { config, sources };
}

/** References between sections: every name an audit uses must exist. */
function crossCheck(config: Config, catalogue: ConfigCatalogue, layers: readonly Layer[]): Located[] {
  const problems: Located[] = [];
  const add = (path: PropertyKey[], text: string) => problems.push({ path, text });
  const checkIds = catalogue.checkIds;
  let frameworkIds: ReadonlySet<string>;
  try {
    frameworkIds = catalogue.frameworkIds();
  } catch (e) {
    return [{ path: [], text: `frameworks: ${(e as Error).message}` }];
  }
  const need = (set: Record<string, unknown>, what: string, value: string, path: PropertyKey[]) => {
    if (!(value in set)) add(path, `${formatPath(path)}: unknown ${what} "${value}"`);
  };
  need(config.stores, 'store', config.defaults.store, ['defaults', 'store']);
  for (const [an, a] of Object.entries(config.audits)) {
    for (const [i, p] of a.providers.entries())
      need(config.providers, 'provider', p, ['audits', an, 'providers', i]);
    for (const [i, n] of a.notify.entries())
      need(config.notifiers, 'notifier', n, ['audits', an, 'notify', i]);
    if (a.store) need(config.stores, 'store', a.store, ['audits', an, 'store']);
    for (const key of ['checks', 'exclude_checks'] as const) {
      a[key]?.forEach((c, i) => {
        if (!c.includes('*') && !checkIds.has(c))
          add(['audits', an, key, i], `audits.${an}.${key}[${i}]: unknown check "${c}"`);
      });
    }
    a.frameworks?.forEach((f, i) => {
      if (!frameworkIds.has(f))
        add(['audits', an, 'frameworks', i], `audits.${an}.frameworks[${i}]: unknown framework "${f}"`);
    });
  }
  for (const [pn, p] of Object.entries(config.providers)) {
    try {
      catalogue.providerOptions(p, `providers.${pn}`);
    } catch (e) {
      add(errorPath(layers, ['providers', pn], e), (e as Error).message);
    }
  }
  for (const [ln, l] of Object.entries(config.logs)) {
    for (const [i, n] of (l.notify ?? []).entries())
      need(config.notifiers, 'notifier', n, ['logs', ln, 'notify', i]);
  }
  const respond = config.respond;
  if (respond?.provider) need(config.providers, 'provider', respond.provider, ['respond', 'provider']);
  for (const [i, r] of (respond?.rules ?? []).entries()) {
    if (catalogue.actionIds && !catalogue.actionIds.has(r.action))
      add(
        ['respond', 'rules', i, 'action'],
        `respond.rules[${i}].action: unknown action "${r.action}" (known: ${[...catalogue.actionIds].join(', ')})`,
      );
    r.when.checks?.forEach((c, j) => {
      if (!c.includes('*') && !checkIds.has(c))
        add(
          ['respond', 'rules', i, 'when', 'checks', j],
          `respond.rules[${i}].when.checks[${j}]: unknown check "${c}"`,
        );
    });
    for (const [j, n] of r.notify.entries())
      need(config.notifiers, 'notifier', n, ['respond', 'rules', i, 'notify', j]);
  }
  if (config.watch?.distributed)
    for (const text of distributedWatchProblems(config)) add(['watch', 'distributed'], text);
  for (const [id, c] of Object.entries(config.checks)) {
    if (!checkIds.has(id)) {
      add(['checks', id], `checks.${id}: unknown check "${id}"`);
      continue;
    }
    try {
      catalogue.checkParams(id, c.params);
    } catch (e) {
      const { issues, problems: each } = e as { issues?: unknown; problems?: unknown };
      if (Array.isArray(issues) && Array.isArray(each) && each.length === issues.length) {
        // one problem per parameter, each pointing at its own place in the file
        for (const [i, issue] of (issues as Issue[]).entries())
          add(['checks', id, 'params', ...issuePath(issue)], String(each[i]));
        continue;
      }
      const at = Array.isArray(issues)
        ? errorPath(layers, ['checks', id, 'params'], e)
        : ['checks', id, 'params'];
      add(at, (e as Error).message);
    }
  }
  return problems;
}

/** watch.distributed: the workers take the units from the queue and write them to PostgreSQL. */
function distributedWatchProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!config.queue) {
    problems.push(
      'watch.distributed: scheduled scans go to `cloudward worker` processes through a queue: add a queue: block (type: redis), or remove watch.distributed',
    );
  }
  for (const [an, a] of Object.entries(config.audits)) {
    if (!a.schedule) continue;
    const name = a.store ?? config.defaults.store;
    const type = config.stores[name]?.type;
    if (type && type !== 'postgres') {
      problems.push(
        `watch.distributed: audits.${an} is scheduled into the store ${name}, which is ${type}: workers write a distributed scan to a PostgreSQL store`,
      );
    }
  }
  return problems;
}
