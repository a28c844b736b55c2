/**
 * Build step: compiles the HTML report's page script (web/report/report-client.ts, type-checked
 * with the web sources) into dist/report/client.js, one classic script the report inlines.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(ROOT, 'web', 'report', 'report-client.ts');
const OUTPUT = join(ROOT, 'dist', 'report', 'client.js');

export function compileReportClient() {
  const { outputText, diagnostics } = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    fileName: SOURCE,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, removeComments: true },
  });
  if (diagnostics?.length) {
    throw new Error(ts.formatDiagnostics(diagnostics, ts.createCompilerHost({})));
  }
  // only type imports: the module marker is all that is left of them
  const body = outputText.replace(/^export \{\};\s*$/m, '').trim();
  if (/^\s*(import|export)\b/m.test(body))
    throw new Error(`${SOURCE}: the page script may import types only`);
  // inlined in a <script> element: these would end it or change how it is parsed
  if (/<\/script|<!--/i.test(body))
    throw new Error(`${SOURCE}: the compiled script contains </script or <!--`);
  return `(function () {\n'use strict';\n${body}\n})();\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, compileReportClient());
  console.log(`${OUTPUT}: compiled`);
}
