import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { distributedScanAudit } from '../audit/distributed-scan.js';
import { type ResolvedAudit, resolveAudit } from '../audit/resolve.js';
import { scanAudit } from '../audit/runner.js';
import { ALL_CHECKS } from '../checks/index.js';
import type { ProviderConfig } from '../config/schema.js';
import type { ScanReport } from '../core/engine.js';
import type { Provider } from '../core/provider.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { version } from '../core/version.js';
import { summariseFramework } from '../frameworks/compliance.js';
import { type Framework, loadFrameworks } from '../frameworks/framework.js';
import { FORMATS, type Format } from '../output/formats.js';
import { renderReport } from '../output/render.js';
import { buildReportInput, checkCatalogue } from '../output/report-input.js';
import { renderTable } from '../output/table.js';
import { gatingErrors, gatingFailures } from '../output/verdicts.js';
import { asffResourceType } from '../providers/aws/resources/index.js';
import { listDemoSnapshots } from '../providers/demo.js';
import { createProvider } from '../providers/factory.js';
import { readSnapshot, SnapshotProvider, SnapshotRecorder, writeSnapshot } from '../providers/snapshot.js';
import { connectRedis } from '../queue/redis.js';
import { RedisSharedBudget } from '../queue/shared-budget.js';
import { type CliContext, contextOf } from './context.js';
import { EXIT, setExitCode, UserError } from './errors.js';
import { checkOutputPath } from './output-path.js';
import { ProgressBar, printData } from './terminal.js';
import { queueOf } from './worker.js';

interface ScanOptions {
  provider?: string;
  profile?: string;
  regions?: string;
  projects?: string;
  organization?: string;
  subscriptions?: string;
  credential?: string;
  demo?: string | boolean;
  snapshot?: string;
  saveSnapshot?: string;
  audit?: string;
  checks?: string;
  framework?: string[];
  format: Format;
  output?: string;
  failOn?: Severity;
  failOnError?: boolean;
  details?: boolean;
  progress?: boolean;
  notify?: boolean;
  distributed?: boolean;
  resume?: string;
}

const list = (s?: string) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('Audit an estate: collect resources, run the checks, track findings across scans')
    .argument(
      '[provider]',
      'a provider of the config, or "aws" / "azure" / "gcp" for the credentials of the environment',
    )
    .option('--profile <name>', 'with provider aws: the AWS profile to use')
    .option('--regions <list>', 'with provider aws: comma-separated regions (default: every enabled region)')
    .option(
      '--projects <ids>',
      'with a gcp provider: comma-separated project ids (default: every project the credential can see)',
    )
    .option('--organization <id>', 'with a gcp provider: every project of this organisation (its number)')
    .option(
      '--subscriptions <ids>',
      'with an azure provider: comma-separated subscription ids (default: every one the credential can list)',
    )
    .option(
      '--credential <kind>',
      'with provider azure: default, cli, environment, managed_identity or workload_identity (default: default)',
    )
    .option(
      '--demo [snapshot]',
      `audit the bundled demo estate (snapshots: ${listDemoSnapshots().join(', ')})`,
    )
    .option('--snapshot <file>', 'audit a saved snapshot file instead of a live cloud')
    .option('--save-snapshot <file>', 'also save the raw API answers collected, for offline audits')
    .option('--audit <name>', 'the audit of the config to run (default: defaults.audit)')
    .option('--checks <ids>', 'comma-separated check ids or globs (aws.iam.*)')
    .option('--framework <id...>', 'only the checks a framework maps')
    .addOption(new Option('--format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option(
      '--details',
      'table: after the summary, every failing finding, every result that could not be evaluated and what was resolved',
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when a live, unmuted failure is this severe or worse (results that could not be evaluated never count)',
      ).choices([...SEVERITIES]),
    )
    .option(
      '--fail-on-error',
      `exit ${EXIT.couldNotEvaluate} when a check could not be evaluated (its data could not be read)`,
    )
    .option('--no-progress', 'no progress bar')
    .option('--no-notify', "send no alerts for this scan (the audit's notifiers are not called)")
    .option(
      '--distributed',
      "split the audit's scan into units for the workers of the config's queue (`cloudward worker`), follow it, commit it here",
    )
    .option(
      '--resume <scan-id>',
      'with --distributed: pick up a scan whose starting process stopped (queue status lists it): queue again what is not written, follow, commit',
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 done (and nothing at --fail-on), 1 failures at or above --fail-on, 2 bad input,
3 internal error, ${EXIT.couldNotEvaluate} a check could not be evaluated (with --fail-on-error). When both gates trip, 1.

The table prints a summary (counts by severity and state, the top findings, what could not be
evaluated, compliance); --details adds every finding. It fits the terminal's width ($COLUMNS
or 80 when stdout is not a terminal).

Examples:
  cloudward scan --demo                 audit the demo estate as it is on day 1
  cloudward scan --demo --details       ... with every finding after the summary
  cloudward scan --demo day2            the same estate a day later: new, open, resolved findings
  cloudward scan --snapshot estate.json --format json --output report.json
  cloudward scan aws --profile prod --regions eu-west-1,us-east-1
  cloudward scan gcp --projects shop-prod,shop-dev --framework cis-gcp-5.0 --fail-on high
  cloudward scan gcp --organization 123456789012
  cloudward scan azure --subscriptions 0d3e...,7a1f... --framework cis-azure-6.0 --fail-on high
  cloudward scan --audit nightly --fail-on high`,
    )
    .action(async (provider: string | undefined, opts: ScanOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        setExitCode(await scan(ctx, { ...opts, ...(provider ? { provider } : {}) }));
      } finally {
        await ctx.close();
      }
    });
}

async function scan(ctx: CliContext, opts: ScanOptions): Promise<number> {
  if (opts.demo !== undefined && opts.snapshot)
    throw new UserError('use either --demo or --snapshot, not both');
  // a path that cannot be written is refused before anything is collected or stored
  if (opts.output) checkOutputPath(opts.output, '--output');
  if (opts.saveSnapshot) checkOutputPath(opts.saveSnapshot, '--save-snapshot');
  const { config } = ctx.config;
  if (opts.distributed && (opts.demo !== undefined || opts.snapshot || opts.provider || opts.saveSnapshot)) {
    throw new UserError(
      '--distributed runs an audit of the config (--audit NAME): not with --demo, --snapshot, a provider argument or --save-snapshot',
    );
  }
  if (opts.resume !== undefined && !opts.distributed) {
    throw new UserError('--resume picks up a distributed scan: use it with --distributed --audit NAME');
  }
  const queue = opts.distributed ? queueOf(ctx, 'scan --distributed') : undefined;
  // a distributed scan's own reads (listing the organisation and its hierarchy to plan the
  // units) take from the budget the workers share, so they never add a burst of their own
  const budgetRedis = queue
    ? await connectRedis(queue).catch((e: Error) => {
        throw new UserError(`scan --distributed: ${e.message}`);
      })
    : undefined;
  const sharedBudget =
    queue && budgetRedis
      ? { sharedBudget: new RedisSharedBudget(budgetRedis, { prefix: queue.prefix }) }
      : {};
  const frameworks = loadFrameworks();
  const named: { name: string; config: ProviderConfig; provider: Provider }[] = [];
  let auditKey: string;
  let providers: Provider[];
  let label: string | null = null;
  let storeName: string | undefined;
  const audit = opts.audit ? config.audits[opts.audit] : undefined;
  if (opts.audit && !audit)
    throw new UserError(
      `--audit: unknown audit "${opts.audit}" (config has: ${Object.keys(config.audits).join(', ')})`,
    );

  if (opts.demo !== undefined) {
    const name = typeof opts.demo === 'string' ? opts.demo : 'day1';
    if (!listDemoSnapshots().includes(name)) {
      throw new UserError(
        `--demo: unknown demo snapshot "${name}" (have: ${listDemoSnapshots().join(', ')})`,
      );
    }
    auditKey = opts.audit ?? 'demo';
    label = `demo ${name}`;
    providers = [await createProvider('demo', { type: 'demo', snapshot: name }, ctx.logger)];
  } else if (opts.snapshot) {
    const snap = await readSnapshot(opts.snapshot).catch((e: Error) => {
      throw new UserError(e.message);
    });
    auditKey = opts.audit ?? 'snapshot';
    label = snap.label || basename(opts.snapshot);
    providers = [new SnapshotProvider(snap)];
  } else if (opts.provider) {
    const named = config.providers[opts.provider];
    const scoped = withCliScope(named ?? defaultProvider(opts), opts);
    if (!scoped) {
      throw new UserError(
        `unknown provider "${opts.provider}" (config has: ${Object.keys(config.providers).join(', ')}; or use aws, azure, gcp)`,
      );
    }
    const pc = withGcpScope(scoped, opts);
    auditKey = opts.audit ?? opts.provider;
    label = opts.provider;
    providers = [
      await createProvider(opts.provider, pc, ctx.logger).catch((e: Error) => {
        throw new UserError(e.message);
      }),
    ];
  } else {
    auditKey = opts.audit ?? config.defaults.audit;
    const a = config.audits[auditKey];
    if (!a) throw new UserError(`defaults.audit: unknown audit "${auditKey}"`);
    storeName = a.store;
    providers = [];
    for (const p of a.providers) {
      const pc = config.providers[p];
      if (!pc) throw new UserError(`audits.${auditKey}.providers: unknown provider "${p}"`);
      const provider = await createProvider(p, pc, ctx.logger, sharedBudget).catch((e: Error) => {
        throw new UserError(e.message);
      });
      providers.push(provider);
      named.push({ name: p, config: pc, provider });
    }
  }
  if (audit?.store) storeName = audit.store;

  let recorder: SnapshotRecorder | undefined;
  if (opts.saveSnapshot) {
    recorder = new SnapshotRecorder();
    providers = providers.map((p) => recorder?.record(p) ?? p);
  }

  let resolved: ResolvedAudit;
  const selection = {
    checks: list(opts.checks) ?? audit?.checks,
    exclude: audit?.exclude_checks,
    frameworkIds: opts.framework?.flatMap((f) => list(f) ?? []) ?? audit?.frameworks,
  };
  try {
    resolved = resolveAudit(auditKey, config, frameworks, selection);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const { checks } = resolved;
  if (checks.length === 0) throw new UserError('no check is selected: nothing to do');

  // created when missing, and checked for damage before the scan writes anything
  const store = await ctx.store(storeName, { create: true, verify: true });
  // the notifiers (and the SDK clients some use) load only when this audit sends alerts
  const alerts =
    opts.notify !== false && resolved.notify.length > 0
      ? await (await import('../notify/after-scan.js')).openScanAlerts({
          audit: auditKey,
          config,
          store,
          logger: ctx.logger,
        })
      : undefined;
  const bar = showProgress(ctx, opts) ? new ProgressBar('collecting') : undefined;
  ctx.progress = bar;
  let report: ScanReport;
  const common = {
    audit: resolved,
    label,
    store,
    logger: ctx.logger,
    mutes: config.mutes,
    alerts,
    ...(bar
      ? { onProgress: (done: number, total: number, what: string) => bar.update(done, total, what) }
      : {}),
  };
  try {
    report = queue
      ? await distributedScanAudit({
          ...common,
          queue,
          providers: named,
          selection,
          ...(opts.resume ? { resume: opts.resume } : {}),
        }).catch((e: Error) => {
          throw e.name === 'QueueError' || /not PostgreSQL|^--resume /.test(e.message)
            ? new UserError(e.message)
            : e;
        })
      : await scanAudit({ ...common, providers });
  } finally {
    bar?.stop();
    ctx.progress = undefined;
    await alerts?.close();
    budgetRedis?.disconnect();
  }
  if (recorder && opts.saveSnapshot) {
    await writeSnapshot(opts.saveSnapshot, recorder.toSnapshot(label ?? auditKey));
    ctx.logger.info(`snapshot saved to ${opts.saveSnapshot}`);
  }

  const selected = new Set(checks.map((c) => c.id));
  const fwIds = opts.framework?.flatMap((f) => list(f) ?? []) ?? audit?.frameworks;
  const compliance = frameworks
    .filter((f) =>
      fwIds ? fwIds.includes(f.id) : f.requirements.some((r) => r.checks?.some((c) => selected.has(c))),
    )
    .map((f) => summariseFramework(f, report.results, selected));
  const color = opts.output === undefined && ctx.color();
  const text =
    opts.format === 'table'
      ? renderTable({
          scan: report.scan,
          findings: report.findings,
          compliance,
          color,
          width: ctx.width,
          details: opts.details === true,
        })
      : renderFile(opts.format, report, frameworks, selected, fwIds, ctx);
  if (opts.output) {
    writeFileSync(opts.output, text);
    ctx.logger.info(`report written to ${opts.output}`);
  } else if (opts.format === 'table') {
    ctx.print(text);
  } else {
    printData(text);
  }
  return gate(ctx, opts, report);
}

/** --projects / --organization replace the projects a gcp provider reads (its other options stay). */
function withGcpScope(pc: ProviderConfig, opts: ScanOptions): ProviderConfig {
  if (opts.projects === undefined && opts.organization === undefined) return pc;
  if (pc.type !== 'gcp') throw new UserError('--projects and --organization apply to a gcp provider only');
  if (opts.projects !== undefined && opts.organization !== undefined)
    throw new UserError('give --projects or --organization, not both');
  const { projects: _p, organization: _o, folders: _f, ...rest } = pc as Record<string, unknown>;
  return {
    ...rest,
    type: 'gcp',
    ...(opts.projects !== undefined ? { projects: list(opts.projects) ?? [] } : {}),
    ...(opts.organization !== undefined ? { organization: opts.organization } : {}),
  };
}

/** `scan aws` / `scan azure` / `scan gcp` without a provider of that name in the config: the environment's credentials. */
function defaultProvider(opts: ScanOptions): ProviderConfig | undefined {
  if (opts.provider === 'aws') {
    return {
      type: 'aws',
      ...(opts.profile ? { profile: opts.profile } : {}),
      ...(opts.regions ? { regions: list(opts.regions) } : {}),
    };
  }
  if (opts.provider === 'azure') {
    return { type: 'azure', ...(opts.credential ? { credential: opts.credential } : {}) };
  }
  if (opts.provider === 'gcp') return { type: 'gcp' };
  return undefined;
}

/** The scope options of the command line, on top of the provider's: --subscriptions and --credential for Azure. */
function withCliScope(pc: ProviderConfig | undefined, opts: ScanOptions): ProviderConfig | undefined {
  if (!pc) return pc;
  const azureOnly = (flag: string) =>
    new UserError(`${flag} applies to an azure provider; "${opts.provider}" is ${pc.type}`);
  if (pc.type !== 'azure') {
    if (opts.subscriptions) throw azureOnly('--subscriptions');
    if (opts.credential) throw azureOnly('--credential');
    return pc;
  }
  const ids = list(opts.subscriptions);
  if (opts.subscriptions !== undefined && !ids?.length)
    throw new UserError('--subscriptions: give at least one subscription id');
  return {
    ...pc,
    ...(opts.credential ? { credential: opts.credential } : {}),
    // a list replaces the provider's selection, management group included
    ...(ids ? { subscriptions: ids, management_group: undefined } : {}),
  };
}

/** The exit code: --fail-on gates on failures, --fail-on-error on results that could not be evaluated. */
function gate(ctx: CliContext, opts: ScanOptions, report: ScanReport): number {
  const errors = gatingErrors(report.findings);
  if (errors.length > 0 && opts.format !== 'table') {
    ctx.logger.warn(
      `${errors.length} result(s) could not be evaluated: the data they need could not be read (not counted as failures)`,
    );
  }
  const failures = opts.failOn ? gatingFailures(report.findings, opts.failOn) : [];
  if (opts.failOn && failures.length > 0) {
    ctx.logger.warn(
      `${failures.length} failing finding(s) at or above ${opts.failOn}: exit ${EXIT.findings}`,
    );
    return EXIT.findings;
  }
  if (opts.failOnError && (errors.length > 0 || report.scan.errors.length > 0)) {
    ctx.logger.warn(
      `${errors.length} result(s) could not be evaluated, ${report.scan.errors.length} collection error(s): exit ${EXIT.couldNotEvaluate} (--fail-on-error)`,
    );
    return EXIT.couldNotEvaluate;
  }
  return EXIT.ok;
}

function renderFile(
  format: Exclude<Format, 'table'>,
  report: ScanReport,
  frameworks: Framework[],
  selected: Set<string>,
  fwIds: string[] | undefined,
  ctx: CliContext,
): string {
  const input = buildReportInput({
    scan: report.scan,
    findings: report.findings,
    results: report.results,
    frameworks,
    selected,
    ...(fwIds ? { frameworkIds: fwIds } : {}),
    checks: checkCatalogue(ALL_CHECKS),
    tool: { name: 'Cloudward', version: version() },
  });
  const { text, warnings } = renderReport(format, input, { asffResourceType });
  for (const w of warnings) ctx.logger.warn(w);
  return text;
}

function showProgress(ctx: CliContext, opts: ScanOptions): boolean {
  return !(
    opts.progress === false ||
    ctx.opts.quiet ||
    !process.stderr.isTTY ||
    ctx.opts.logFormat === 'json'
  );
}
