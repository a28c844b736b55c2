import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a query reads a tree of logs as: its files, in path order. */
const LOG_FILE = /\.(?:json|jsonl|ndjson)(?:\.gz)?$/i;

/**
 * The CloudTrail files under `root` (a file or a directory walked recursively): `.json`,
 * `.jsonl`, `.ndjson` and the same with `.gz`, skipping `CloudTrail-Digest` directories (digests hold no events). Throws when
 * the path does not exist or holds no such file, so a typo is not an empty answer.
 */
export async function cloudTrailFiles(root: string): Promise<string[]> {
  const abs = path.resolve(root);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(abs);
  } catch {
    throw new Error(`${root}: no such file or directory`);
  }
  if (info.isFile()) return [abs];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'CloudTrail-Digest') await walk(p);
      } else if (e.isFile() && LOG_FILE.test(e.name)) found.push(p);
    }
  };
  await walk(abs);
  if (found.length === 0)
    throw new Error(`${root}: no .json, .jsonl or .ndjson files (plain or .gz) in this directory tree`);
  return found.sort();
}
