/**
 * A cache on disk of parsed rule files, so that loading the same rules again skips the YAML parse (two
 * thirds of loading). Entries are keyed by a SHA-256 of the file's text, so a changed file misses; the
 * whole cache is keyed by what produces its entries (the Cloudward version, the yaml package's version,
 * the parser's own code), so a new parser never reads an old parser's output.
 *
 * A cache is never trusted blindly: its body carries its own SHA-256 (a truncated or altered file is
 * ignored), every entry is checked for the shape a parse returns before use (a bad entry is parsed
 * again), and only parses that survive a JSON round trip unchanged are written. Failing to read or
 * write the cache never fails the load: the rules are parsed as if there were none.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../core/version.js';
import type { ParsedFile, RuleDocument } from './parse.js';
import type { RuleLoadError } from './types.js';

const FORMAT = 'cloudward-rule-parse-cache 1';

/** The directory the cache goes in: CLOUDWARD_CACHE_DIR, else $XDG_CACHE_HOME/cloudward or ~/.cache/cloudward. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLOUDWARD_CACHE_DIR) return env.CLOUDWARD_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'cloudward');
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let producerKey: string | undefined;

/** What the cached entries depend on besides the rule text: versions and the parser's code. */
function producer(): string {
  if (producerKey) return producerKey;
  const parser = fileURLToPath(
    new URL(`./parse${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
  );
  let yamlVersion = '?';
  try {
    yamlVersion = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
  } catch {
    // not readable: the parser's hash and our version still key the cache
  }
  producerKey = sha256([FORMAT, version(), yamlVersion, sha256(readFileSync(parser, 'utf8'))].join('\n'));
  return producerKey;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');

function validMeta(m: unknown): boolean {
  return (
    isRecord(m) &&
    typeof m.title === 'string' &&
    typeof m.document === 'number' &&
    ['references', 'tags', 'falsepositives', 'fields'].every((k) => isStringList(m[k]))
  );
}

function validDocument(d: unknown): d is RuleDocument {
  if (!isRecord(d) || !validMeta(d.meta)) return false;
  if (d.kind === 'correlation')
    return isRecord(d.correlation) && (d.generate === undefined || typeof d.generate === 'boolean');
  return d.kind === 'detection' && isRecord(d.detection) && isRecord(d.logsource);
}

function validParse(p: unknown): p is ParsedFile {
  return (
    isRecord(p) &&
    Array.isArray(p.documents) &&
    p.documents.every(validDocument) &&
    Array.isArray(p.errors) &&
    p.errors.every((e) => isRecord(e) && typeof e.reason === 'string')
  );
}

/**
 * Whether JSON gives this value back as is: plain objects, arrays, strings, finite numbers, booleans and
 * null (object properties left undefined vanish, which reads the same).
 */
function jsonFaithful(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every((x) => x !== undefined && jsonFaithful(x, depth + 1));
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === '__proto__') return false;
    if (x !== undefined && !jsonFaithful(x, depth + 1)) return false;
  }
  return true;
}

/** The file's parse with its path restored (the cache stores it without, so that copies share entries). */
function stamped(p: ParsedFile, file: string): ParsedFile {
  return {
    documents: p.documents.map((d) => ({ ...d, meta: { ...d.meta, file } })),
    errors: p.errors.map((e) => ({ ...e, file })),
  };
}

function unstamped(p: ParsedFile): ParsedFile {
  return {
    documents: p.documents.map((d) => ({ ...d, meta: { ...d.meta, file: '' } })),
    errors: p.errors.map((e): RuleLoadError => ({ ...e, file: '' })),
  };
}

export class RuleParseCache {
  private readonly entries = new Map<string, unknown>();
  private readonly used = new Map<string, ParsedFile>();
  private dirty = false;

  private constructor(private readonly path: string | undefined) {}

  /** Opens the cache for one rule set (its directories, in order); a missing or damaged cache is empty. */
  static async open(dir: string, ruleDirs: readonly string[]): Promise<RuleParseCache> {
    let path: string;
    try {
      path = join(dir, `rules-${sha256([producer(), ...ruleDirs].join('\0')).slice(0, 24)}.json`);
    } catch {
      return new RuleParseCache(undefined);
    }
    const cache = new RuleParseCache(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return cache;
    }
    const nl = text.indexOf('\n');
    const header = text.slice(0, nl);
    const body = text.slice(nl + 1);
    if (nl < 0 || header !== `${FORMAT} ${producer()} ${sha256(body)}`) {
      cache.dirty = true;
      return cache;
    }
    try {
      const parsed: unknown = JSON.parse(body);
      if (isRecord(parsed)) for (const [k, v] of Object.entries(parsed)) cache.entries.set(k, v);
    } catch {
      cache.dirty = true;
    }
    return cache;
  }

  /** The parse of `text` read from `file`: from the cache when it holds a sound one, else `parse`d. */
  parse(text: string, file: string, parse: (text: string, file: string) => ParsedFile): ParsedFile {
    const key = sha256(text);
    const known = this.used.get(key);
    if (known) return stamped(known, file);
    const entry = this.entries.get(key);
    if (entry !== undefined && validParse(entry)) {
      this.used.set(key, entry);
      return stamped(entry, file);
    }
    const fresh = parse(text, file);
    const stored = unstamped(fresh);
    this.dirty = true;
    if (jsonFaithful(stored)) this.used.set(key, stored);
    return fresh;
  }

  /** Writes the entries this load used (dropping the others), when anything changed. Never throws. */
  async save(): Promise<void> {
    if (!this.path || (!this.dirty && this.used.size === this.entries.size)) return;
    const body = JSON.stringify(Object.fromEntries(this.used));
    const tmp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(join(this.path, '..'), { recursive: true, mode: 0o700 });
      await writeFile(tmp, `${FORMAT} ${producer()} ${sha256(body)}\n${body}`, { mode: 0o600 });
      // atomic: a reader sees the old cache or the new one, never half of one
      await rename(tmp, this.path);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}
