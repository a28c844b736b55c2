import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { summariseFramework } from '../frameworks/compliance.js';
import { renderCoverage } from '../frameworks/coverage.js';
import { loadFrameworks, validateFramework } from '../frameworks/framework.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';

export function registerFrameworksCommand(program: Command): void {
  const fw = program.command('frameworks').description('Benchmarks and the checks that implement them');
  fw.command('list')
    .description('List frameworks with their coverage')
    .action(() => {
      for (const f of loadFrameworks()) {
        const manual = f.requirements.filter((r) => r.manual).length;
        process.stdout.write(
          `${f.id.padEnd(28)} ${f.requirements.length} requirements, ${manual} manual  ${f.name}\n`,
        );
      }
    });
  fw.command('show')
    .description('Requirements of a framework, with their status in the latest scan of an audit')
    .argument('<id>', 'framework id')
    .option('--audit <name>', 'the audit whose latest scan to show', 'demo')
    .option('--json', 'as JSON')
    .action(async (id: string, opts: { audit: string; json?: boolean }, cmd: Command) => {
      const f = loadFrameworks().find((x) => x.id === id);
      if (!f) throw new UserError(`unknown framework "${id}" (see \`cloudward frameworks list\`)`);
      const ctx = contextOf(cmd);
      try {
        const store = await ctx.store();
        const scan = await store.lastScan(opts.audit);
        const rows = scan ? await store.results(scan.id) : [];
        const selected = new Set(rows.map((r) => r.check_id));
        const sum = summariseFramework(f, rows, selected);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ scan: scan?.id ?? null, ...sum }, null, 2)}\n`);
          return;
        }
        const out = [`${f.name} (${f.id})${scan ? `, scan ${scan.id}` : ', no scan yet'}`];
        for (const s of f.sections) {
          out.push('', `${s.id} ${s.title}`);
          for (const r of sum.requirements.filter((x) => x.section === s.id)) {
            out.push(`  ${r.id.padEnd(8)} ${r.status.padEnd(14)} ${r.title}`);
          }
        }
        const t = sum.totals;
        out.push(
          '',
          `${t.pass} pass, ${t.fail} fail, ${t.error} error, ${t.manual} manual, ${t.not_applicable} n/a, ${t.not_evaluated} not evaluated; coverage ${sum.coverage}%`,
        );
        process.stdout.write(`${out.join('\n')}\n`);
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
      process.stdout.write('frameworks are valid\n');
    });
  fw.command('coverage')
    .description('Render the coverage table (docs/coverage.md) from the framework files')
    .option('--output <file>', 'write to a file')
    .option('--check <file>', 'exit 1 when the file differs from what would be generated')
    .action((opts: { output?: string; check?: string }) => {
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
        process.stdout.write(`${opts.check} is up to date\n`);
      } else if (opts.output) {
        writeFileSync(opts.output, text);
      } else {
        process.stdout.write(text);
      }
    });
}
