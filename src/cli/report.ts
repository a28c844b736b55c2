import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { ALL_CHECKS } from '../checks/index.js';
import { version } from '../core/version.js';
import { loadFrameworks } from '../frameworks/framework.js';
import { loadStoredScan, resolveScan, ScanNotFoundError } from '../output/load-scan.js';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../output/render.js';
import { buildReportInput, checkCatalogue } from '../output/report-input.js';
import { verdictOf } from '../output/verdicts.js';
import { asffResourceType } from '../providers/aws/resources/index.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { checkOutputPath } from './output-path.js';
import { printData } from './terminal.js';

interface ReportOptions {
  scan?: string;
  audit?: string;
  format: ReportFormat;
  framework?: string[];
  output?: string;
}

const list = (values: string[] | undefined) =>
  values
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Write a stored scan as a report: HTML, compliance, SARIF, JUnit, OCSF, ASFF, JSON or CSV')
    .option('--scan <id>', 'the scan to report (default: the latest complete scan)')
    .option('--audit <name>', "the audit whose latest scan to report (or that --scan's scan must belong to)")
    .addOption(new Option('--format <format>', 'report format').choices([...REPORT_FORMATS]).default('html'))
    .option(
      '--framework <id...>',
      'frameworks for the compliance view and reports (default: those the scan touched)',
    )
    .option('--output <file>', 'write the report to this file (default: stdout)')
    .addHelpText(
      'after',
      `
Examples:
  cloudward report --output report.html                       the last scan as a self-contained HTML report
  cloudward report --audit nightly --format sarif --output cloudward.sarif
  cloudward report --format compliance-html --framework cis-aws-7.0 --output cis.html
  cloudward report --scan 20250101T020000000Z --format ocsf --output findings.ocsf.json`,
    )
    .action(async (opts: ReportOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        if (opts.output) checkOutputPath(opts.output);
        const { config } = ctx.config;
        // An audit of the config reads its own store; demo and snapshot audits use the default one.
        const store = await ctx.store(opts.audit ? config.audits[opts.audit]?.store : undefined);
        const frameworks = loadFrameworks();
        const wanted = list(opts.framework);
        if (wanted) {
          const known = new Set(frameworks.map((f) => f.id));
          const unknown = wanted.filter((id) => !known.has(id));
          if (unknown.length)
            throw new UserError(
              `--framework: unknown framework ${unknown.map((u) => `"${u}"`).join(', ')} (have: ${[...known].join(', ')})`,
            );
        }
        const scan = await resolveScan(store, {
          ...(opts.scan ? { scanId: opts.scan } : {}),
          ...(opts.audit ? { auditKey: opts.audit } : {}),
        }).catch((e: unknown) => {
          throw e instanceof ScanNotFoundError ? new UserError(e.message) : e;
        });
        const stored = await loadStoredScan(store, scan);
        for (const w of stored.warnings) ctx.logger.warn(w);
        const input = buildReportInput({
          scan: stored.scan,
          findings: stored.findings,
          results: stored.results,
          frameworks,
          ...(wanted ? { frameworkIds: wanted } : {}),
          checks: checkCatalogue(ALL_CHECKS),
          tool: { name: 'Cloudward', version: version() },
        });
        const { text, warnings } = renderReport(opts.format, input, { asffResourceType });
        for (const w of warnings) ctx.logger.warn(w);
        if (opts.output) {
          writeFileSync(opts.output, text);
          // failures, results that could not be evaluated and resolutions counted apart, as the report keeps them
          const counts = { fail: 0, could_not_evaluate: 0, resolved: 0 };
          for (const f of stored.findings) counts[verdictOf(f)] += 1;
          const muted = stored.findings.filter(
            (f) => f.com.state === 'muted' && verdictOf(f) === 'fail',
          ).length;
          ctx.logger.info(
            `${opts.format} report of scan ${scan.id} (${counts.fail} failing${muted ? ` (${muted} muted)` : ''}, ${counts.could_not_evaluate} could not evaluate, ${counts.resolved} resolved) written to ${opts.output}`,
          );
        } else {
          printData(text);
        }
      } finally {
        await ctx.close();
      }
    });
}
