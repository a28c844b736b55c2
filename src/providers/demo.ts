import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundled demo estate: snapshot files in the package's demo/ directory. The package root
 * is found by walking up from this module to the directory holding package.json, so it
 * resolves the same from src/ (vitest, tsx) and from dist/ (the built CLI, npm installs).
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the cloudward package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function demoDir(): string {
  return join(packageRoot(), 'demo');
}

/** Path of a bundled demo snapshot ("day1", "day2", "day3"). */
export function demoSnapshotPath(name = 'day1'): string {
  if (!/^[a-z0-9_-]+$/i.test(name)) throw new Error(`invalid demo snapshot name "${name}"`);
  return join(demoDir(), `${name}.json`);
}

/** Names of the bundled demo snapshots, in order. */
export function listDemoSnapshots(): string[] {
  const dir = demoDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
