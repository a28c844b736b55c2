import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The allowed dependencies between the folders of src/ (docs/architecture.md, "Layering").
 * A folder may import itself and the folders listed for it, nothing else. Type-only and
 * dynamic imports count: a type import still ties the two folders' shapes together.
 */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  config: ['core'],
  checks: ['core'],
  detect: ['core'],
  frameworks: ['core'],
  providers: ['core', 'config'],
  store: ['core'],
  query: ['core'],
  queue: ['core', 'config', 'providers'],
  notify: ['core', 'config', 'store'],
  output: ['core', 'config', 'checks', 'frameworks', 'store'],
  audit: [
    'core',
    'config',
    'checks',
    'detect',
    'frameworks',
    'providers',
    'store',
    'notify',
    'output',
    'queue',
  ],
  server: ['core', 'config', 'checks', 'frameworks', 'store', 'output', 'audit'],
  respond: ['core', 'config', 'providers', 'store'],
  watch: [
    'core',
    'config',
    'checks',
    'detect',
    'frameworks',
    'providers',
    'store',
    'notify',
    'output',
    'queue',
    'audit',
    'respond',
  ],
  cli: [
    'core',
    'config',
    'checks',
    'detect',
    'frameworks',
    'providers',
    'store',
    'notify',
    'output',
    'audit',
    'server',
    'watch',
    'query',
    'respond',
    'queue',
  ],
};

/**
 * Imports that break the rule and are being removed in parallel work of issue 10. Each entry
 * names the importing file and the imported file (paths under src/, .ts). Delete an entry
 * as soon as its import is gone: an entry that matches nothing fails the test.
 */
export const KNOWN_EXCEPTIONS: readonly { from: string; to: string; why: string }[] = [];

export interface Violation {
  /** importing file, relative to the source root */
  from: string;
  /** imported file, relative to the source root */
  to: string;
  line: number;
  message: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(m|c)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const posix = (p: string) => p.split(sep).join('/');

/** `./x.js` in source names `./x.ts`; the rule speaks of source files. */
const sourceName = (p: string) => p.replace(/\.(m|c)?js$/, (ext) => ext.replace('js', 'ts'));

/**
 * Every relative import, export-from, `import()` and `require()` of every source file under
 * `root`, checked against `layers`. Package imports are not this rule's business.
 */
export function checkLayering(
  root: string,
  layers: Readonly<Record<string, readonly string[]>> = LAYERS,
  exceptions: readonly { from: string; to: string }[] = [],
): { violations: Violation[]; unusedExceptions: { from: string; to: string }[] } {
  const violations: Violation[] = [];
  const used = new Set<number>();
  for (const file of sourceFiles(root)) {
    const from = posix(relative(root, file));
    const fromFolder = from.split('/')[0] as string;
    const text = readFileSync(file, 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const imp of importedFiles) {
      if (!imp.fileName.startsWith('.')) continue;
      const target = posix(relative(root, resolve(dirname(file), imp.fileName)));
      const to = sourceName(target);
      const line = text.slice(0, imp.pos).split('\n').length;
      const toFolder = to.split('/')[0] as string;
      let message: string | null = null;
      if (to.startsWith('..') || !to.includes('/'))
        message = `imports ${imp.fileName}, outside the src/ folders`;
      else if (!(fromFolder in layers)) message = `src/${fromFolder}/ has no place in the layering rule`;
      else if (toFolder !== fromFolder && !layers[fromFolder]?.includes(toFolder))
        message = `src/${fromFolder}/ may not import src/${toFolder}/ (allowed: ${layers[fromFolder]?.join(', ') || 'nothing'})`;
      if (!message) continue;
      const ex = exceptions.findIndex((e) => e.from === from && e.to === to);
      if (ex >= 0) {
        used.add(ex);
        continue;
      }
      violations.push({ from, to, line, message });
    }
  }
  return { violations, unusedExceptions: exceptions.filter((_, i) => !used.has(i)) };
}
