/**
 * `cloudward rules validate DIR`, `cloudward rules list [DIR]`: what a Sigma rule directory holds;
 * `cloudward rules coverage`: the pack's technique coverage, written into docs/detection.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { packagePath } from '../core/package-root.js';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';
import {
  coverageProblems,
  coverageRows,
  detectionRuleInfos,
  loadCatalogues,
  updateDetectionDoc,
} from '../detect/coverage.js';
import { loadRuleDir } from '../detect/sigma/loader.js';
import { sourceFor, sourceKey } from '../detect/sigma/logsource.js';
import type { CompiledRule, RuleLoadError } from '../detect/sigma/types.js';
import { type ValidationReport, validateRules } from '../detect/sigma/validate.js';
import { renderColumns, wrapHanging } from '../output/text-layout.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { printData, printText } from './terminal.js';

function shortPath(file: string, dir: string): string {
  const rel = relative(dir, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

function failureLine(e: RuleLoadError, dir: string): string {
  const who = e.title ?? e.id ?? (e.document !== undefined ? `document ${e.document + 1}` : '(file)');
  return sanitizeInline(`${shortPath(e.file, dir)}: ${who}: ${e.reason}`);
}

export function renderValidation(report: ValidationReport): string {
  const lines = report.failures.map((e) => failureLine(e, report.dir));
  if (lines.length > 0) lines.push('');
  for (const [product, c] of Object.entries(report.byProduct).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `${product.padEnd(12)} ${String(c.compiled).padStart(5)} compiled ${String(c.failed).padStart(5)} failed`,
    );
  }
  const sources = Object.entries(report.bySource)
    .filter(([k]) => k !== 'none')
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  if (sources) lines.push(`runs on: ${sources}`);
  lines.push(`${report.loaded} rules: ${report.compiled} compiled, ${report.failed} failed`);
  return `${lines.join('\n')}\n`;
}

export function validationJson(report: ValidationReport): object {
  return {
    dir: report.dir,
    loaded: report.loaded,
    compiled: report.compiled,
    failed: report.failed,
    byProduct: report.byProduct,
    bySource: report.bySource,
    failures: report.failures,
  };
}

function describeRule(rule: CompiledRule): { source: string; kind: string } {
  const kind = rule.kind === 'correlation' ? rule.type : 'rule';
  if (!rule.logsource) return { source: 'correlation', kind };
  const source = sourceFor(rule.logsource);
  const ls = [rule.logsource.product, rule.logsource.service ?? rule.logsource.category]
    .filter(Boolean)
    .join('/');
  return {
    source: source ? sourceKey(source) : `${ls || 'any'} (no reader)`,
    kind: rule.standalone ? kind : 'step',
  };
}

export function registerRulesCommand(program: Command): void {
  const rules = program
    .command('rules')
    .description('Sigma detection rules: validate a directory, list rules');

  rules
    .command('validate')
    .description('Load every Sigma rule under DIR and report which compile; exit 1 when one does not')
    .argument('<dir>', 'rule directory (searched recursively for .yml and .yaml) or a rule file')
    .option('--json', 'the report as JSON')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const report = await validateRules(dir);
      if (opts.json) printData(`${terminalJson(validationJson(report), 2)}\n`);
      else printText(renderValidation(report), false);
      if (report.failed > 0) process.exitCode = 1;
    });

  rules
    .command('list')
    .description('List the rules of DIR (default: the bundled rule pack) with their level and log source')
    .argument('[dir]', 'rule directory or file')
    .option('--json', 'as JSON')
    .action(async (dirArg: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const dir = dirArg ?? packagePath('rules');
      const { rules: loaded, errors } = await loadRuleDir(dir);
      if (
        loaded.length === 0 &&
        errors.length > 0 &&
        errors.every((e) => e.reason.startsWith('cannot read'))
      ) {
        throw new UserError(`cannot read rules from ${dir}: ${errors[0]?.reason}`);
      }
      const rows = loaded
        .filter((rule) => rule.kind !== 'detection' || !rule.derived)
        .map((rule) => ({
          id: rule.meta.id ?? rule.meta.name ?? '',
          title: rule.meta.title,
          level: rule.meta.level ?? '',
          status: rule.meta.status ?? '',
          file: shortPath(rule.meta.file, dir),
          ...describeRule(rule),
        }));
      rows.sort((a, b) => a.source.localeCompare(b.source) || a.title.localeCompare(b.title));
      if (opts.json) {
        printData(`${terminalJson({ rules: rows, errors }, 2)}\n`);
        return;
      }
      const ctx = contextOf(cmd);
      // the rule's id under its title: a UUID beside it would take a third of 80 columns
      const table = renderColumns({
        columns: [
          {
            header: 'LOG SOURCE',
            // services joined by + may wrap between them
            cell: (r: (typeof rows)[number]) => sanitizeInline(r.source).replace(/\+/g, ' + '),
          },
          { header: 'LEVEL', cell: (r) => sanitizeInline(r.level), shrink: false },
          { header: 'KIND', cell: (r) => sanitizeInline(r.kind), shrink: false },
          {
            header: 'RULE',
            cell: (r) => `${sanitizeInline(r.title)}${r.id ? `\n[${sanitizeInline(r.id)}]` : ''}`,
            weight: 2,
          },
        ],
        rows,
        width: ctx.width,
      });
      const total = `${rows.length} rules${errors.length ? `, ${errors.length} failed to load (see \`cloudward rules validate\`)` : ''}`;
      ctx.print(`${[...table, ...wrapHanging(total, ctx.width, 2)].join('\n')}\n`);
    });

  rules
    .command('coverage')
    .description(
      'Which techniques of Stratus Red Team and ATT&CK (IaaS, Identity Provider) the bundled pack covers; with --output, rewrite the generated tables of docs/detection.md',
    )
    .option('--catalogue <file>', 'the technique catalogue', packagePath('docs', 'detection-coverage.yaml'))
    .option('--output <file>', 'a Markdown file whose generated sections (rules, coverage) are rewritten')
    .option('--check', 'exit 1 when the output file is stale or the coverage has problems, without writing')
    .action(async (opts: { catalogue: string; output?: string; check?: boolean }) => {
      if (!existsSync(opts.catalogue)) {
        throw new UserError(
          `no technique catalogue at ${opts.catalogue} (it ships with the source tree, not the package)`,
        );
      }
      const catalogues = loadCatalogues(opts.catalogue);
      const dir = packagePath('rules');
      const { rules: loaded, errors } = await loadRuleDir(dir);
      if (errors.length > 0)
        throw new UserError(
          `${errors.length} rules of ${dir} do not load; run \`cloudward rules validate ${dir}\``,
        );
      const infos = detectionRuleInfos(loaded, dir);
      const problems = coverageProblems(catalogues, infos);
      const rows = coverageRows(catalogues, infos);
      const lines = catalogues.map((c) => {
        const mine = rows.filter((r) => r.catalogue === c.id);
        return `${c.name}: ${mine.filter((r) => r.rules.length > 0).length} of ${mine.length} techniques covered`;
      });
      lines.push(`${infos.length} rules`, ...problems.map((p) => `problem: ${p}`));
      if (opts.output) {
        const before = readFileSync(opts.output, 'utf8');
        const after = updateDetectionDoc(before, catalogues, infos);
        if (opts.check) {
          if (after !== before)
            lines.push(`${opts.output} is stale: run \`cloudward rules coverage --output ${opts.output}\``);
          if (after !== before || problems.length > 0) process.exitCode = 1;
        } else if (after !== before) {
          writeFileSync(opts.output, after);
          lines.push(`${opts.output} updated`);
        }
      } else if (opts.check && problems.length > 0) process.exitCode = 1;
      printText(`${lines.join('\n')}\n`, false);
    });
}
