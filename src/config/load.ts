import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { issueLines } from '../core/issues.js';
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
  /** throws naming the problem when a known check's `params` are invalid */
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

/** `${VAR}` and `${VAR:-default}` in string values; `$$` is a literal `$`. */
export function interpolate(value: Json, env: NodeJS.ProcessEnv, path: string, problems: string[]): Json {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (whole, v: string | undefined, def: string | undefined) => {
      if (whole === '$$') return '$';
      const got = env[v as string];
      if (got !== undefined) return got;
      if (def !== undefined) return def;
      problems.push(`${path}: environment variable ${v} is not set`);
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${path}[${i}]`, problems));
  if (isMap(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = interpolate(v, env, path ? `${path}.${k}` : k, problems);
    return out;
  }
  return value;
}

function readLayer(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read config file: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: ${e.message.split('\n')[0]}`;
    });
    throw new ConfigError(problems.join('\n'), problems);
  }
  const data = doc.toJS() as Json;
  if (data === null || data === undefined) return {};
  if (!isMap(data)) throw new ConfigError(`${file}: the top level must be a map of sections`);
  return data;
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

/** Load, layer, interpolate and validate. Throws ConfigError listing every problem with its path. */
export function loadConfig(opts: LoadOptions): LoadedConfig {
  const env = opts.env ?? process.env;
  const sources = defaultLayerFiles(opts);
  let merged: Json = BUILTIN_DEFAULTS as unknown as Json;
  for (const f of sources) merged = mergeLayers(merged, readLayer(f));
  const problems: string[] = [];
  const interpolated = interpolate(merged, env, '', problems);
  if (problems.length) throw new ConfigError(problems.join('\n'), problems);
  const parsed = configSchema.safeParse(interpolated);
  if (!parsed.success) {
    const list = issueLines(parsed.error.issues, interpolated);
    throw new ConfigError(list.join('\n'), list);
  }
  const config = parsed.data;
  const refs = crossCheck(config, opts.catalogue);
  if (refs.length) throw new ConfigError(refs.join('\n'), refs);
  return { config, sources };
}

/** References between sections: every name an audit uses must exist. */
function crossCheck(config: Config, catalogue: ConfigCatalogue): string[] {
  const problems: string[] = [];
  const checkIds = catalogue.checkIds;
  let frameworkIds: ReadonlySet<string>;
  try {
    frameworkIds = catalogue.frameworkIds();
  } catch (e) {
    return [`frameworks: ${(e as Error).message}`];
  }
  const need = (set: Record<string, unknown>, what: string, value: string, path: string) => {
    if (!(value in set)) problems.push(`${path}: unknown ${what} "${value}"`);
  };
  if (!(config.defaults.store in config.stores)) {
    problems.push(`defaults.store: unknown store "${config.defaults.store}"`);
  }
  for (const [an, a] of Object.entries(config.audits)) {
    for (const [i, p] of a.providers.entries())
      need(config.providers, 'provider', p, `audits.${an}.providers[${i}]`);
    for (const [i, n] of a.notify.entries())
      need(config.notifiers, 'notifier', n, `audits.${an}.notify[${i}]`);
    if (a.store) need(config.stores, 'store', a.store, `audits.${an}.store`);
    for (const key of ['checks', 'exclude_checks'] as const) {
      a[key]?.forEach((c, i) => {
        if (!c.includes('*') && !checkIds.has(c))
          problems.push(`audits.${an}.${key}[${i}]: unknown check "${c}"`);
      });
    }
    a.frameworks?.forEach((f, i) => {
      if (!frameworkIds.has(f)) problems.push(`audits.${an}.frameworks[${i}]: unknown framework "${f}"`);
    });
  }
  for (const [pn, p] of Object.entries(config.providers)) {
    try {
      catalogue.providerOptions(p, `providers.${pn}`);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  for (const [ln, l] of Object.entries(config.logs)) {
    for (const [i, n] of (l.notify ?? []).entries())
      need(config.notifiers, 'notifier', n, `logs.${ln}.notify[${i}]`);
  }
  const respond = config.respond;
  if (respond?.provider) need(config.providers, 'provider', respond.provider, 'respond.provider');
  for (const [i, r] of (respond?.rules ?? []).entries()) {
    if (catalogue.actionIds && !catalogue.actionIds.has(r.action))
      problems.push(
        `respond.rules[${i}].action: unknown action "${r.action}" (known: ${[...catalogue.actionIds].join(', ')})`,
      );
    r.when.checks?.forEach((c, j) => {
      if (!c.includes('*') && !checkIds.has(c))
        problems.push(`respond.rules[${i}].when.checks[${j}]: unknown check "${c}"`);
    });
    for (const [j, n] of r.notify.entries())
      need(config.notifiers, 'notifier', n, `respond.rules[${i}].notify[${j}]`);
  }
  if (config.watch?.distributed) problems.push(...distributedWatchProblems(config));
  for (const [id, c] of Object.entries(config.checks)) {
    if (!checkIds.has(id)) {
      problems.push(`checks.${id}: unknown check "${id}"`);
      continue;
    }
    try {
      catalogue.checkParams(id, c.params);
    } catch (e) {
      problems.push((e as Error).message);
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
