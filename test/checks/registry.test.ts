/**
 * The check registry is the folder: every module under src/checks/<cloud>/ that default-exports a
 * check is registered, without a registry line, and nothing else is.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, checkById } from '../../src/checks/index.js';

const ROOT = join(import.meta.dirname, '..', '..', 'src', 'checks');

describe('the check registry', () => {
  it('registers the default export of every check module, once, cross-cloud checks first', async () => {
    const modules = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.includes('/') && f.endsWith('.ts'),
    );
    const exported: string[] = [];
    for (const file of modules) {
      const mod = (await import(join(ROOT, file))) as { default?: unknown };
      if (mod.default === undefined) continue;
      // a default export under src/checks is a check or a family of checks: anything else would be skipped silently
      const checks = (Array.isArray(mod.default) ? mod.default : [mod.default]) as {
        id?: unknown;
        kind?: unknown;
      }[];
      for (const c of checks) {
        expect(['resource', 'scope'], file).toContain(c.kind);
        exported.push(String(c.id));
      }
    }
    expect(exported.length).toBeGreaterThan(70);
    expect(ALL_CHECKS.map((c) => c.id).sort()).toEqual([...exported].sort());
    expect(new Set(ALL_CHECKS.map((c) => c.id)).size).toBe(ALL_CHECKS.length);
    const firstAws = ALL_CHECKS.findIndex((c) => !c.id.startsWith('common.'));
    expect(ALL_CHECKS.slice(firstAws).every((c) => !c.id.startsWith('common.'))).toBe(true);
    expect(checkById('aws.ecr.repository_scan_on_push')?.kind).toBe('resource');
  });
});
