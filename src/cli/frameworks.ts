import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';
import type { RequirementStatus } from '../frameworks/compliance.js';
import { summariseFramework } from '../frameworks/compliance.js';
import { renderCoverage } from '../frameworks/coverage.js';
import { loadFrameworks, validateFramework } from '../frameworks/framework.js';
import { renderColumns, wrapHanging } from '../output/text-layout.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { checkOutputPath } from './output-path.js';
import { printData, printText } from './terminal.js';

const STATUS_LABEL: Record<RequirementStatus, string> = {
  pass: 'pass',
  fail: 'FAIL',
  error: 'could not evaluate',
  manual: 'manual',
  not_applicable: 'n/a',
  not_evaluated: 'not evaluated',
};

export function registerFrameworksCommand(program: Command): void {
  const fw = program.command('frameworks').description('Benchmarks and the checks that implement them');
  fw.command('list')
    .description('List frameworks with their coverage')
    .action((_o: object, cmd: Command) => {
      const ctx = contextOf(cmd);
      const frameworks = loadFrameworks();
      const table = renderColumns({
        columns: [
          { header: 'FRAMEWORK', cell: (f: (typeof frameworks)[number]) => f.id, shrink: false },
          { header: 'REQUIREMENTS', cell: (f) => String(f.requirements.length), shrink: false },
          {
            header: 'MANUAL',
            cell: (f) => String(f.requirements.filter((r) => r.manual).length),
            shrink: false,
          },
          { header: 'NAME', cell: (f) => f.name, weight: 2 },
        ],
        rows: frameworks,
        width: ctx.width,
      });
      ctx.print(`${table.join('\n')}\n`);
    });
  fw.command('show')
    .description('Requirements of a framework, with their status in the latest scan of an audit')
    .argument('<id>', 'framework id')
    .option('--audit <name>', 'the audit whose latest scan to show (default: the audit of the latest scan)')
    .option('--json', 'as JSON')
    .action(async (id: string, opts: { audit?: string; json?: boolean }, cmd: Command) => {
      const f = loadFrameworks().find((x) => x.id === id);
      if (!f) throw new UserError(`unknown framework "${id}" (see \`cloudward frameworks list\`)`);
      const ctx = contextOf(cmd);
      try {
        const store = await ctx.store();
        const audit = opts.audit ?? (await store.listScans({ limit: 1, full_only: true }))[0]?.audit_key;
        // the audit's current state: its latest full scan with the re-checks after it applied
        const state = audit ? await store.currentState(audit) : null;
        const scan = state?.summary ?? null;
        const rows = state ? await store.currentResults(state) : [];
        const selected = new Set(rows.map((r) => r.check_id));
        const sum = summariseFramework(f, rows, selected);
        if (opts.json) {
          printData(`${terminalJson({ scan: scan?.id ?? null, audit: audit ?? null, ...sum }, 2)}\n`);
          return;
        }
        const width = ctx.width;
        const out = [
          `${sanitizeInline(f.name)} (${f.id})${scan ? `, scan ${scan.id} of audit ${sanitizeInline(scan.audit_key)}` : ', no scan yet'}`,
        ];
        for (const s of f.sections) {
          out.push('', `${sanitizeInline(s.id)} ${sanitizeInline(s.title)}`);
          const rows = sum.requirements.filter((x) => x.section === s.id);
          const table = renderColumns({
            columns: [
              { header: '', cell: (r: (typeof rows)[number]) => sanitizeInline(r.id), shrink: false },
              { header: '', cell: (r) => STATUS_LABEL[r.status], max: 10, shrink: false },
              { header: '', cell: (r) => sanitizeInline(r.title) },
            ],
            rows,
            width: width - 2,
          });
          // the first line is the (empty) header
          out.push(...table.slice(1).map((l) => `  ${l}`));
        }
        const t = sum.totals;
        out.push(
          '',
          `${t.pass} pass, ${t.fail} fail, ${t.error} could not evaluate, ${t.manual} manual, ${t.not_applicable} n/a, ${t.not_evaluated} not evaluated; coverage ${sum.coverage}%`,
        );
        // the header, section titles and totals wrap to the terminal like the tables
        ctx.print(
          `${out.flatMap((l) => (l.startsWith('  ') ? [l] : wrapHanging(l, width, 2))).join('\n')}\n`,
        );
      } finally {
        await ctx.close();
      }
    });
  fw.command('validate')
    .description('Check every framework file: schema, known checks, every requirement mapped or manual')
    .action(() => {
      const known = new Set(ALL_CHECKS.map((c) => c.id));
      const problems = loadFrameworks().flatMap((f) => validateFramework(f, known));
      if (problems.length) throw new UserError(problems.join('\n'));
      printText('frameworks are valid\n', false);
    });
  fw.command('coverage')
    .description('Render the coverage table (docs/coverage.md) from the framework files')
    .option('--output <file>', 'write to a file')
    .option('--check <file>', 'exit 1 when the file differs from what would be generated')
    .action((opts: { output?: string; check?: string }) => {
      if (opts.output) checkOutputPath(opts.output);
      const text = renderCoverage(loadFrameworks(), ALL_CHECKS);
      if (opts.check) {
        let cur = '';
        try {
          cur = readFileSync(opts.check, 'utf8');
        } catch {
          /* a missing file is stale */
        }
        if (cur !== text) {
          throw new UserError(
            `${opts.check} is stale: run \`cloudward frameworks coverage --output ${opts.check}\``,
            1,
          );
        }
        printText(`${opts.check} is up to date\n`, false);
      } else if (opts.output) {
        writeFileSync(opts.output, text);
      } else {
        printData(text);
      }
    });
}
