import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { type Command, Option } from 'commander';
import type { FindingRecord } from '../core/record.js';
import type { ActionRecord, ActionStore } from '../core/remediation.js';
import { wrapHanging } from '../output/text-layout.js';
import { grantRemediation, type RemediationGrant } from '../providers/aws/write-clients.js';
import { ActionGuard } from '../respond/guard.js';
import { ALL_ACTIONS, actionById, actionsFor } from '../respond/registry.js';
import { type Prepared, RemediationError, Remediator } from '../respond/remediator.js';
import { sessionOpener } from '../respond/sessions.js';
import type { Store } from '../store/store.js';
import { type CliContext, contextOf } from './context.js';
import { EXIT, setExitCode, UserError } from './errors.js';
import { resolveFindingId } from './finding-id.js';
import { callLines, callText, textLines } from './remediate-text.js';
import { printData } from './terminal.js';

/*
 * `cloudward remediate`: dry run by default (the exact API calls, with their parameters, and
 * their undo); `--apply` acts, after a confirmation on a terminal or with --yes. Exit codes: 0
 * done (or dry run shown), 1 an action failed, 2 bad input or refused (allow-list, not enabled).
 */

interface RunOptions {
  check?: string;
  selection?: string;
  action?: string;
  audit?: string;
  apply?: boolean;
  yes?: boolean;
}

const LIVE = ['new', 'open', 'regressed'] as const;

function who(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function confirm(question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stdout.isTTY)
    throw new UserError('--apply changes the cloud: confirm with --yes when not on a terminal');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

interface Setup {
  store: Store;
  actions: ActionStore;
  remediator: Remediator;
}

const opened: ActionStore[] = [];

async function closeActions(): Promise<void> {
  for (const a of opened.splice(0)) await a.close();
}

async function setup(ctx: CliContext, grant?: RemediationGrant): Promise<Setup> {
  const { config } = ctx.config;
  const store = await ctx.store();
  const actions = await store.openActions();
  opened.push(actions);
  const respond = config.respond;
  const remediator = new Remediator({
    store: actions,
    open: sessionOpener(config, grant),
    guard: new ActionGuard(respond ? { allow: respond.allow, deny: respond.deny } : undefined),
    logger: ctx.logger,
  });
  await remediator.recover();
  return { store, actions, remediator };
}

/** The grant for --apply, or for undo / approve (which always write). */
function grantFor(ctx: CliContext): RemediationGrant {
  return grantRemediation({
    respondConfigured: ctx.config.config.respond !== undefined,
    applyRequested: true,
  });
}

/** The time a saved selection's query may run (the CLI's query default). */
const SELECTION_TIMEOUT_MS = 60_000;

/**
 * The live findings of a saved selection: a saved query (`cloudward query save NAME SQL`, the
 * dashboard's Query page) whose rows have a `finding_id` column. Ids of resolved or unknown
 * findings are reported and left out.
 */
async function selectionFindings(
  store: Store,
  name: string,
  note: (line: string) => void,
): Promise<FindingRecord[]> {
  const queries = await store.openQueries();
  try {
    const saved = await queries.savedQuery(name);
    if (!saved) throw new UserError(`--selection: no saved query named "${name}" (cloudward query list)`);
    const result = await queries.query(saved.sql, { timeoutMs: SELECTION_TIMEOUT_MS });
    if (!result.columns.some((c) => c.name === 'finding_id'))
      throw new UserError(
        `--selection ${name}: its query has no finding_id column (columns: ${result.columns.map((c) => c.name).join(', ') || 'none'}); select finding_id from the findings table`,
      );
    const ids = [
      ...new Set(result.rows.map((r) => r.finding_id).filter((v): v is string => typeof v === 'string')),
    ];
    const out: FindingRecord[] = [];
    for (const id of ids) {
      const f = await store.finding(id);
      if (!f) note(`finding ${id} of selection ${name} is not in the store: skipped`);
      else if (f.life.state === 'resolved') note(`finding ${id} of selection ${name} is resolved: skipped`);
      else out.push(f.life.record);
    }
    return out;
  } finally {
    await queries.close();
  }
}

async function findingsOf(
  store: Store,
  id: string | undefined,
  o: RunOptions,
  note: (line: string) => void,
): Promise<FindingRecord[]> {
  if ([id, o.check, o.selection].filter((x) => x !== undefined).length > 1)
    throw new UserError('give one of a finding id, --check or --selection');
  if (id) {
    const f = await store.finding(await resolveFindingId(store, id));
    if (!f) throw new UserError(`no finding ${id} in the store`);
    if (f.life.state === 'resolved') throw new UserError(`finding ${id} is resolved: nothing to remediate`);
    return [f.life.record];
  }
  if (o.selection) return selectionFindings(store, o.selection, note);
  if (o.check) {
    return store.findings({
      check_id: o.check,
      states: [...LIVE],
      ...(o.audit ? { audit_key: o.audit } : {}),
      limit: 10_000,
    });
  }
  throw new UserError(
    'give a finding id (cloudward findings list), --check CHECK_ID or --selection SAVED_QUERY',
  );
}

function describeRecord(r: ActionRecord, width: number): string {
  const lines = [
    ...textLines(`${r.id}  ${r.action}  ${r.state}${r.note ? `  (${r.note})` : ''}`, width),
    ...textLines(`  target: ${r.target.reference} (${r.target.account}/${r.target.region})`, width),
    ...textLines(
      `  trigger: ${r.trigger.kind} by ${r.trigger.by}${r.trigger.finding_id ? `, finding ${r.trigger.finding_id}` : ''}`,
      width,
    ),
  ];
  const made = (prefix: string, c: ActionRecord['calls'][number]) => {
    const [first = '', ...rest] = callText({ action: c.action, params: c.params }, '', width - prefix.length);
    lines.push(`${prefix}${first}`, ...rest.map((l) => `${' '.repeat(prefix.length)}${l}`));
    if (c.error) lines.push(...textLines(`    -> ${c.error}`, width, 3));
  };
  for (const c of r.calls) made('  called ', c);
  for (const c of r.undo_calls) made('  undo called ', c);
  if (r.plan && ['applied', 'interrupted', 'failed'].includes(r.state)) {
    lines.push(`  undo (cloudward remediate undo ${r.id}):`, ...callLines(r.plan.undo, '    ', width));
  }
  return lines.join('\n');
}

export function registerRemediateCommand(program: Command): void {
  const remediate = program
    .command('remediate')
    .description(
      'Fix findings through the cloud APIs: dry run by default, --apply to act (opt-in, recorded, undoable)',
    )
    .argument(
      '[finding]',
      'a finding id, or a unique prefix of at least 6 characters (cloudward findings list)',
    )
    .option('--check <id>', 'every live finding of this check, across the estate')
    .option(
      '--selection <name>',
      'the live findings of a saved query (cloudward query save) whose rows have a finding_id column',
    )
    .option('--audit <name>', 'with --check: only this audit')
    .option('--action <id>', 'the action to run when several fit (cloudward remediate actions)')
    .addOption(
      new Option(
        '--apply',
        'make the calls (default: print them); needs remediation allowed for the account (respond.allow)',
      ).conflicts('dryRun'),
    )
    .option('--dry-run', 'print the calls without making them (the default; says so in a script)')
    .option('-y, --yes', 'do not ask for confirmation (required with --apply when not on a terminal)')
    .addHelpText(
      'after',
      `
Exit codes: 0 done (or dry run shown), 1 an action failed, 2 bad input or refused.
Every applied action is recorded in the store with its undo: see remediate list, remediate undo.`,
    )
    .action(async (finding: string | undefined, opts: RunOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const grant = opts.apply ? grantFor(ctx) : undefined;
        if (opts.action && !actionById(opts.action))
          throw new UserError(`--action: unknown action "${opts.action}"`);
        const s = await setup(ctx, grant);
        const findings = await findingsOf(s.store, finding, opts, (line) =>
          ctx.print(`${textLines(line, ctx.width).join('\n')}\n`),
        );
        if (findings.length === 0) {
          ctx.print(`no live finding of ${opts.check ?? `selection ${opts.selection}`}\n`);
          return;
        }
        const work: { finding: FindingRecord; prepared: Prepared; action: string }[] = [];
        let refused = 0;
        for (const f of findings) {
          const fits = actionsFor(f).filter((a) => !opts.action || a.id === opts.action);
          const head = textLines(
            `finding ${f.com.finding_id}  ${f.ext.check_id}  ${f.com.reference}`,
            ctx.width,
          ).join('\n');
          const a = fits[0];
          if (!a) {
            ctx.print(
              `${head}\n  no action fixes this finding${opts.action ? ` with ${opts.action}` : ''}\n`,
            );
            refused += 1;
            continue;
          }
          if (fits.length > 1 && !opts.action)
            ctx.print(
              `${head}\n  several actions fit (${fits.map((x) => x.id).join(', ')}): using ${a.id}; choose with --action\n`,
            );
          const prepared = await s.remediator.prepare(f, a);
          work.push({ finding: f, prepared, action: a.id });
          if (prepared.kind === 'refused') {
            refused += 1;
            ctx.print(
              `${[head, ...textLines(`  ${a.id}: refused: ${prepared.reason}`, ctx.width)].join('\n')}\n`,
            );
          } else if (prepared.kind === 'noop') {
            ctx.print(
              `${[head, ...textLines(`  ${a.id}: nothing to do: ${prepared.reason}`, ctx.width)].join('\n')}\n`,
            );
          } else {
            ctx.print(
              [
                head,
                `  ${a.id}: ${opts.apply ? 'will call' : 'would call'}`,
                ...callLines(prepared.plan.calls, '    ', ctx.width),
                '  undo:',
                ...callLines(prepared.plan.undo, '    ', ctx.width),
                '',
              ].join('\n'),
            );
          }
        }
        const todo = work.filter((w) => w.prepared.kind === 'planned');
        if (!opts.apply) {
          if (todo.length > 0) ctx.print(`dry run: nothing was changed. Add --apply to make these calls.\n`);
          if (refused > 0) setExitCode(EXIT.input);
          return;
        }
        if (todo.length > 0 && !(await confirm(`Apply ${todo.length} action(s)?`, opts.yes))) {
          ctx.print('nothing was changed\n');
          return;
        }
        let failed = 0;
        for (const w of todo) {
          const p = w.prepared as Extract<Prepared, { kind: 'planned' }>;
          const def = actionById(w.action);
          if (!def) continue;
          const rec = await s.remediator.record(
            p,
            def,
            {
              kind: 'cli',
              by: who(),
              finding_id: w.finding.com.finding_id,
              check_id: w.finding.ext.check_id,
            },
            'apply',
          );
          const done = await s.remediator.apply(rec.id).catch((e: unknown) => {
            if (e instanceof RemediationError && e.record) return e.record;
            throw e;
          });
          if (done.state !== 'applied') failed += 1;
          ctx.print(
            `${done.id}: ${done.state}${done.note ? ` (${done.note})` : ''}${done.state === 'applied' ? `; undo with: cloudward remediate undo ${done.id}` : ''}\n`,
          );
        }
        if (failed > 0) setExitCode(EXIT.findings);
        else if (refused > 0) setExitCode(EXIT.input);
      } finally {
        await closeActions();
        await ctx.close();
      }
    });

  remediate
    .command('list')
    .description(
      'The recorded actions, newest first (actions left running by a stopped process are re-read first)',
    )
    .option('--state <states>', 'only these states, comma-separated')
    .option('--json', 'JSON records')
    .action(async (opts: { state?: string; json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const s = await setup(ctx);
        const states = opts.state?.split(',').map((x) => x.trim()) as ActionRecord['state'][] | undefined;
        const rows = await s.actions.list(states ? { states } : {});
        if (opts.json) printData(`${JSON.stringify(rows, null, 2)}\n`);
        else
          ctx.print(
            rows.length
              ? `${rows.map((r) => describeRecord(r, ctx.width)).join('\n\n')}\n`
              : 'no actions recorded\n',
          );
      } finally {
        await closeActions();
        await ctx.close();
      }
    });

  remediate
    .command('actions')
    .description('The remediation actions: what each fixes and the permissions it needs')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { actionPermissions } = await import('../providers/aws/action.js');
      const { restPermissions } = await import('../providers/kit/rest-action.js');
      const { AZURE_ACTION_CALLS } = await import('../providers/azure/actions/calls.js');
      const { GCP_ACTION_CALLS } = await import('../providers/gcp/actions/calls.js');
      // AWS calls map to IAM permissions; Azure and GCP calls are named by their permission
      const permissions = (a: (typeof ALL_ACTIONS)[number]) =>
        a.cloud === 'aws'
          ? actionPermissions(a)
          : restPermissions(a.cloud === 'gcp' ? GCP_ACTION_CALLS : AZURE_ACTION_CALLS, [
              ...a.writes,
              ...a.reads,
            ]);
      // long lists of checks and permissions wrap under their label, in the terminal's width
      const wrapped = (text: string, indent: number) => wrapHanging(text, ctx.width, indent).join('\n');
      ctx.print(
        `${ALL_ACTIONS.map((a) =>
          [
            wrapped(`${a.id}  ${a.title}`, 2),
            wrapped(
              `  fixes: ${a.fixes.length ? a.fixes.join(', ') : `findings on ${(a.resourceTypes ?? []).join(', ')}`}`,
              'fixes: '.length,
            ),
            wrapped(`  permissions: ${permissions(a).join(', ')}`, 'permissions: '.length),
          ].join('\n'),
        ).join('\n\n')}\n`,
      );
    });

  for (const [name, what] of [
    ['undo', 'Undo an applied action with its recorded undo calls'],
    ['approve', 'Approve an action a respond: rule proposed (mode approve), and apply it'],
  ] as const) {
    remediate
      .command(name)
      .description(what)
      .argument('<action-id>', 'the action (cloudward remediate list)')
      .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
      .action(async (id: string, opts: { yes?: boolean }, cmd: Command) => {
        const ctx = contextOf(cmd);
        try {
          const grant = grantFor(ctx);
          const s = await setup(ctx, grant);
          const rec = await s.actions.get(id);
          if (!rec) throw new UserError(`no action ${id} (cloudward remediate list)`);
          const calls = name === 'undo' ? (rec.plan?.undo ?? []) : (rec.plan?.calls ?? []);
          ctx.print(
            [
              `${rec.id}  ${rec.action}  ${rec.target.reference}`,
              `  will call:`,
              ...callLines(calls, '    ', ctx.width),
              '',
            ].join('\n'),
          );
          if (
            !(await confirm(
              `${name === 'undo' ? 'Undo' : 'Approve and apply'} ${id}?`,
              // the parent command has --yes too: commander may hand it to the parent
              opts.yes || (cmd.parent?.opts() as RunOptions | undefined)?.yes,
            ))
          ) {
            ctx.print('nothing was changed\n');
            return;
          }
          const done = await (name === 'undo'
            ? s.remediator.undo(id)
            : s.remediator.approve(id, who())
          ).catch((e: unknown) => {
            if (e instanceof RemediationError && !e.record) throw new UserError(e.message);
            if (e instanceof RemediationError && e.record) return e.record;
            throw e;
          });
          ctx.print(`${describeRecord(done, ctx.width)}\n`);
          if (!['applied', 'undone'].includes(done.state)) setExitCode(EXIT.findings);
        } finally {
          await closeActions();
          await ctx.close();
        }
      });
  }
}
