import type { Command } from 'commander';
import { createColors } from 'picocolors';
import { ALL_CHECKS, checkById } from '../checks/index.js';
import { findingType } from '../core/check.js';
import { sanitizeMultiline, terminalJson } from '../core/terminal-text.js';
import { complianceIndex, loadFrameworks } from '../frameworks/framework.js';
import { renderColumns, wrapHanging, wrapText } from '../output/text-layout.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { printData } from './terminal.js';

/** Colours on: whether to paint is decided by the caller (a terminal, no NO_COLOR, no --no-color). */
const pc = createColors(true);

/** marks a line that is a command or IaC, printed as written */
const CODE = '\u0000code:';
const code = (text: string) => `${CODE}${text}`;

export function registerChecksCommand(program: Command): void {
  const checks = program.command('checks').description('The checks Cloudward runs');
  checks
    .command('list')
    .description('List every check')
    .option('--cloud <cloud>', 'only checks whose id starts with this cloud (aws, azure, gcp, common)')
    .option('--json', 'as JSON')
    .action((opts: { cloud?: string; json?: boolean }, cmd: Command) => {
      const list = ALL_CHECKS.filter((c) => !opts.cloud || c.id.startsWith(`${opts.cloud}.`));
      if (opts.json) {
        const meta = list.map(({ evaluate: _e, params: _p, ...m }) => m);
        printData(`${terminalJson(meta, 2)}\n`);
        return;
      }
      const ctx = contextOf(cmd);
      const table = renderColumns({
        columns: [
          { header: 'CHECK', cell: (c: (typeof list)[number]) => c.id },
          { header: 'SEVERITY', cell: (c) => c.severity, shrink: false },
          { header: 'REQUIREMENT', cell: (c) => c.title, weight: 2 },
        ],
        rows: list,
        width: ctx.width,
      });
      ctx.print(`${table.join('\n')}\n${list.length} check(s)\n`);
    });
  checks
    .command('show')
    .description('Everything about one check: what, why, how to fix, where it maps')
    .argument('<id>', 'check id')
    .action((id: string, _o: object, cmd: Command) => {
      const c = checkById(id);
      if (!c) throw new UserError(`unknown check "${id}" (see \`cloudward checks list\`)`);
      const ctx = contextOf(cmd);
      const bold = ctx.color() ? pc.bold : String;
      const compliance = complianceIndex(loadFrameworks()).get(c.id) ?? [];
      // a label's value wraps under the value, not under the label
      const labelled = (line: string) => wrapHanging(line, ctx.width, 12).map(code);
      const defaults = c.params ? JSON.stringify(c.params.parse({})) : 'none';
      const lines = [
        bold(c.title),
        ...labelled(`id          ${c.id}`),
        ...labelled(`severity    ${c.severity}`),
        ...labelled(
          `applies to  ${c.kind === 'resource' ? c.resource : `each ${c.scope}`} (reads ${c.uses.join(', ')})`,
        ),
        ...labelled(`finding     ${findingType(c)}`),
        ...labelled(`compliance  ${compliance.join(', ') || '-'}`),
        ...labelled(`parameters  ${defaults}`),
        ...labelled(`triggers    ${c.triggers.join(', ') || '-'}`),
        '',
        bold('What'),
        c.description,
        '',
        bold('Risk'),
        c.risk,
        '',
        bold('Fix'),
        c.remediation.text,
        ...(c.remediation.cli ? ['', code(c.remediation.cli)] : []),
        ...(c.remediation.iac ? ['', code(c.remediation.iac)] : []),
        // a cross-cloud check: each cloud's own fix, under its name
        ...Object.entries(c.remediation.clouds ?? {}).flatMap(([cloud, fix]) => [
          '',
          `${cloud}: ${fix.text}`,
          ...(fix.cli ? [code(fix.cli)] : []),
          ...(fix.iac ? [code(fix.iac)] : []),
        ]),
        '',
        bold('References'),
        ...c.references.map((r) => code(`  ${r}`)),
      ];
      // prose and the labelled lines wrap to the terminal; commands, IaC and links stay whole, to paste
      const text = lines.flatMap((l) =>
        l.startsWith(CODE) ? [l.slice(CODE.length)] : wrapText(l, ctx.width),
      );
      ctx.print(`${sanitizeMultiline(text.join('\n'))}\n`);
    });
}
