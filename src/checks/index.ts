import { readdirSync } from 'node:fs';
import type { AnyCheck } from '../core/check.js';

/**
 * Every check Cloudward ships: the default export of each module under this folder
 * (`<cloud>/<service>/<check>.ts`, cross-cloud ones in `common/`), found by walking it, so a new
 * check is one new file and no registry line (a module may also default-export an array of
 * checks built from one table). Modules without a check as their default export
 * (shared helpers beside the checks) are skipped. Order: cross-cloud checks first, then by id.
 */
const MODULE = /\.(js|ts)$/;
const NOT_A_MODULE = /\.d\.ts$|\.test\.ts$|\.map$/;

function isCheck(value: unknown): value is AnyCheck {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { id?: unknown; kind?: unknown };
  return typeof v.id === 'string' && (v.kind === 'resource' || v.kind === 'scope');
}

async function discoverChecks(): Promise<AnyCheck[]> {
  const root = new URL('./', import.meta.url);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.includes('/') && MODULE.test(f) && !NOT_A_MODULE.test(f))
    .sort();
  const found = new Map<string, { check: AnyCheck; file: string }>();
  for (const file of files) {
    const mod = (await import(new URL(file, root).href)) as { default?: unknown };
    // one check, or a family of checks built from one table (for example database flags)
    const exported = Array.isArray(mod.default) ? mod.default : [mod.default];
    for (const check of exported) {
      if (!isCheck(check)) continue;
      const same = found.get(check.id);
      if (same) throw new Error(`check id ${check.id} is defined twice: ${same.file} and ${file}`);
      found.set(check.id, { check, file });
    }
  }
  const common = (c: AnyCheck) => (c.id.startsWith('common.') ? 0 : 1);
  return [...found.values()]
    .map((f) => f.check)
    .sort((a, b) => common(a) - common(b) || a.id.localeCompare(b.id));
}

export const ALL_CHECKS: AnyCheck[] = await discoverChecks();

export function checkById(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}
