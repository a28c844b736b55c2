import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProblemLog } from './source.js';

/**
 * Finds the log files under a path the way the clouds deliver them and orders them in time:
 * CloudTrail and VPC flow log names carry their delivery time (`..._20240501T1205Z_...`), so
 * files are sorted by that timestamp across accounts and regions, then by path (which is also
 * time order for Azure `y=/m=/d=/h=` and Cloud Logging `YYYY/MM/DD/HH:00:00_...` trees).
 */

/** CloudTrail digest files are signatures, not events. */
const SKIPPED_DIRS = new Set(['CloudTrail-Digest', 'node_modules', '.git']);

const NAME_TIMESTAMP = /_(\d{8}T\d{4,6}Z)_/;

export function fileTimeKey(path: string): string {
  const m = NAME_TIMESTAMP.exec(path.slice(path.lastIndexOf('/') + 1));
  return m?.[1] ?? '';
}

/** Sorts paths (or S3 keys) by delivery timestamp in the file name, then by the full path. */
export function sortByDelivery<T>(items: T[], pathOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: fileTimeKey(pathOf(item)), path: pathOf(item) }));
  keyed.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return keyed.map((k) => k.item);
}

export interface WalkOptions {
  /** file name suffixes to read (lower case), e.g. ['.json', '.json.gz'] */
  suffixes: readonly string[];
  /** whole file names read too, whatever the suffixes say, matched against the lower-case name */
  names?: RegExp;
}

function wanted(name: string, opts: WalkOptions): boolean {
  const lower = name.toLowerCase();
  return opts.suffixes.some((s) => lower.endsWith(s)) || (opts.names?.test(lower) ?? false);
}

/**
 * All log files at `root` (a file is returned as is, whatever its name), in delivery order.
 * Unreadable directories are reported and skipped.
 */
export async function listLogFiles(root: string, opts: WalkOptions, log: ProblemLog): Promise<string[]> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(root);
  } catch (err) {
    log.report(root, {}, `cannot read: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
  if (!st.isDirectory()) return [root];
  const found: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      log.report(dir, {}, `cannot list directory: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) stack.push(p);
      } else if ((e.isFile() || e.isSymbolicLink()) && wanted(e.name, opts)) {
        found.push(p);
      }
    }
  }
  return sortByDelivery(found, (p) => p);
}

/** The bytes of a file, or of stdin for '-'. */
export function openBytes(path: string): AsyncIterable<Uint8Array> {
  if (path === '-') return process.stdin;
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}
