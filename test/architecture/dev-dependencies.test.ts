import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * An install without devDependencies (npm install --omit=dev) must run: src/ may use a
 * devDependency for its types only, which the compiler erases.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** Imports of `devOnly` packages in `text` that survive compilation, as "line: specifier". */
function runtimeImportsOf(text: string, devOnly: ReadonlySet<string>): string[] {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    let spec: string | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      spec = node.moduleSpecifier.text;
      const clause = node.importClause;
      const named = clause?.namedBindings;
      typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!named && ts.isNamedImports(named) && named.elements.every((e) => e.isTypeOnly)));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      spec = node.moduleSpecifier.text;
      typeOnly = node.isTypeOnly;
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      spec = node.arguments[0].text;
    }
    if (spec && !typeOnly && devOnly.has(packageOf(spec))) {
      out.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${spec}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('devDependencies at run time', () => {
  const devOnly = new Set(Object.keys(pkg.devDependencies).filter((d) => !(d in pkg.dependencies)));

  it('src/ imports devDependencies for their types only', () => {
    const found = files(join(ROOT, 'src')).flatMap((f) =>
      runtimeImportsOf(readFileSync(f, 'utf8'), devOnly).map((hit) => `${f.slice(ROOT.length + 1)}:${hit}`),
    );
    expect(found).toEqual([]);
  });

  it('@smithy/types is a devDependency (its imports are types)', () => {
    expect(pkg.devDependencies['@smithy/types']).toBeDefined();
    expect(pkg.dependencies['@smithy/types']).toBeUndefined();
  });

  it('finds a value import, a mixed import and a dynamic import; passes type-only ones', () => {
    const dev = new Set(['@smithy/types']);
    const text = [
      "import type { A } from '@smithy/types';",
      "import { type B, type C } from '@smithy/types';",
      "export type { D } from '@smithy/types';",
      "import { E } from '@smithy/types';",
      "import { type F, G } from '@smithy/types';",
      "const h = await import('@smithy/types');",
      "import { z } from 'zod';",
    ].join('\n');
    expect(runtimeImportsOf(text, dev)).toEqual(['4: @smithy/types', '5: @smithy/types', '6: @smithy/types']);
  });
});
