import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayering, KNOWN_EXCEPTIONS, LAYERS } from './layering.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

describe('layering of src/', () => {
  it('every import follows the rule in docs/architecture.md', () => {
    const { violations, unusedExceptions } = checkLayering(SRC, LAYERS, KNOWN_EXCEPTIONS);
    expect(violations.map((v) => `src/${v.from}:${v.line} -> src/${v.to}: ${v.message}`)).toEqual([]);
    // an exception whose import is gone must be deleted, so the rule never silently widens
    expect(unusedExceptions).toEqual([]);
  });

  it('every folder of src/ has a place in the rule', () => {
    const { violations } = checkLayering(SRC, LAYERS, KNOWN_EXCEPTIONS);
    expect(violations.filter((v) => v.message.includes('no place'))).toEqual([]);
  });
});

describe('the layering checker', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  const tree = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'cloudward-layering-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  };
  const allowed = {
    'core/record.ts': 'export type Rec = { id: string };\n',
    'store/store.ts': "import type { Rec } from '../core/record.js';\nexport const rows: Rec[] = [];\n",
  };

  it('passes a tree that follows the rule', () => {
    expect(checkLayering(tree(allowed)).violations).toEqual([]);
  });

  it.each([
    ['a value import', "import { rows } from '../store/store.js';\n"],
    ['a type-only import', "import type { Rows } from '../store/store.js';\n"],
    ['a re-export', "export { rows } from '../store/store.js';\n"],
    ['a dynamic import', "export const load = () => import('../store/store.js');\n"],
  ])('fails on %s from core into store, naming file, line and rule', (_, code) => {
    const { violations } = checkLayering(tree({ ...allowed, 'core/engine.ts': `// engine\n${code}` }));
    expect(violations).toEqual([
      {
        from: 'core/engine.ts',
        to: 'store/store.ts',
        line: 2,
        message: 'src/core/ may not import src/store/ (allowed: nothing)',
      },
    ]);
  });

  it('fails on a folder the rule does not place', () => {
    const { violations } = checkLayering(
      tree({ ...allowed, 'plugins/x.ts': "import type { Rec } from '../core/record.js';\n" }),
    );
    expect(violations.map((v) => v.message)).toEqual(['src/plugins/ has no place in the layering rule']);
  });

  it('lets a named exception through and reports an exception that no longer matches', () => {
    const root = tree({ ...allowed, 'core/engine.ts': "import { rows } from '../store/store.js';\n" });
    const ok = checkLayering(root, LAYERS, [{ from: 'core/engine.ts', to: 'store/store.ts' }]);
    expect(ok).toEqual({ violations: [], unusedExceptions: [] });
    const stale = checkLayering(root, LAYERS, [
      { from: 'core/engine.ts', to: 'store/store.ts' },
      { from: 'core/gone.ts', to: 'store/store.ts' },
    ]);
    expect(stale.unusedExceptions).toEqual([{ from: 'core/gone.ts', to: 'store/store.ts' }]);
  });

  it('leaves package imports alone', () => {
    expect(
      checkLayering(tree({ ...allowed, 'core/x.ts': "import { z } from 'zod';\nimport 'node:fs';\n" }))
        .violations,
    ).toEqual([]);
  });
});
