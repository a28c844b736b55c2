import { type Command, Option } from 'commander';
import { FINDING_STATES, type FindingRecord, type FindingState } from '../core/record.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';
import { renderCsv, renderJson, renderJsonl } from '../output/formats.js';
import { findingTable, labelled, painter, resourceLabel } from '../output/table.js';
import { wrapHanging } from '../output/text-layout.js';
import { VERDICT_LABEL, verdictOf } from '../output/verdicts.js';
import type { FindingEvent, FindingLife, Mute } from '../store/store.js';
import { type CliContext, contextOf } from './context.js';
import { UserError } from './errors.js';
import { parseExpiry } from './expiry.js';
import { resolveFindingId } from './finding-id.js';
import { printData } from './terminal.js';

interface ListOptions {
  audit?: string;
  state?: string;
  severity?: Severity;
  check?: string;
  cloud?: string;
  account?: string;
  search?: string;
  limit: string;
  format: 'table' | 'json' | 'jsonl' | 'csv';
}

const LIVE: FindingState[] = ['new', 'open', 'regressed', 'muted'];

export function registerFindingsCommand(program: Command): void {
  const findings = program.command('findings').description('List, inspect and mute stored findings');

  findings
    .command('list')
    .description('List findings from the store (live ones by default)')
    .option('--audit <name>', 'only this audit')
    .option('--state <states>', `comma-separated states (${FINDING_STATES.join(', ')}, or all)`)
    .addOption(new Option('--severity <min>', 'at least this severe').choices([...SEVERITIES]))
    .option('--check <id>', 'only this check')
    .option('--cloud <cloud>', 'only this cloud')
    .option('--account <id>', 'only this account / subscription / project')
    .option('--search <text>', 'substring of the name, reference, check or description')
    .option('--limit <n>', 'at most this many', '200')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['table', 'json', 'jsonl', 'csv'])
        .default('table'),
    )
    .action(async (opts: ListOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const states = parseStates(opts.state);
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit <= 0)
          throw new UserError(`--limit: expected a positive integer, got "${opts.limit}"`);
        const store = await ctx.store();
        const rows = await store.findings({
          ...(opts.audit ? { audit_key: opts.audit } : {}),
          states,
          ...(opts.severity ? { min_severity: opts.severity } : {}),
          ...(opts.check ? { check_id: opts.check } : {}),
          ...(opts.cloud ? { cloud: opts.cloud } : {}),
          ...(opts.account ? { account: opts.account } : {}),
          ...(opts.search ? { search: opts.search } : {}),
          // one more than asked for: whether the list is the whole answer or its first part
          limit: limit + 1,
        });
        const more = rows.length > limit;
        if (more) rows.length = limit;
        if (more && opts.format !== 'table')
          ctx.logger.warn(`only the first ${limit} findings written: more match (raise --limit)`);
        if (opts.format === 'table') ctx.print(renderList(rows, ctx, more));
        else printData(renderData(rows, opts.format));
      } finally {
        await ctx.close();
      }
    });

  findings
    .command('show')
    .description('Show one finding: evidence, fix, compliance and its life across scans')
    .argument('<id>', 'finding id (or a unique prefix of at least 6 characters)')
    .option('--json', 'as JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const store = await ctx.store();
        const full = await resolveFindingId(store, id);
        const got = await store.finding(full);
        if (!got) throw new UserError(`no finding with id ${id}`);
        if (opts.json) {
          printData(`${terminalJson(got, 2)}\n`);
          return;
        }
        ctx.print(renderShow(got, ctx));
      } finally {
        await ctx.close();
      }
    });

  findings
    .command('mute')
    .description('Mute a finding: it stays visible as muted and stops counting for --fail-on and alerts')
    .argument('<id>', 'finding id (or a unique prefix)')
    .requiredOption('--owner <who>', 'who takes responsibility')
    .requiredOption('--reason <why>', 'why it is accepted')
    .option(
      '--expires <when>',
      'ISO date/time or a duration such as 30d, 12h (default 30d; "never" for no end)',
      '30d',
    )
    .action(async (id: string, opts: { owner: string; reason: string; expires: string }, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const now = new Date();
        const expires = parseExpiry(opts.expires, now);
        // a write: checked for damage first; not created (a mute needs a stored finding)
        const store = await ctx.store(undefined, { verify: true });
        const full = await resolveFindingId(store, id);
        await store.mute({
          finding_id: full,
          owner: opts.owner,
          reason: opts.reason,
          created_at: now.toISOString(),
          expires_at: expires,
        });
        ctx.print(`muted ${full} until ${expires ?? 'unmuted'}\n`);
      } finally {
        await ctx.close();
      }
    });

  findings
    .command('unmute')
    .description('Remove the mute of a finding')
    .argument('<id>', 'finding id (or a unique prefix)')
    .action(async (id: string, _opts: object, cmd: Command) => {
      const ctx = contextOf(cmd);
      try {
        const store = await ctx.store(undefined, { verify: true });
        const full = await resolveFindingId(store, id);
        if (!(await store.unmute(full))) throw new UserError(`finding ${full} is not muted`);
        ctx.print(`unmuted ${full}\n`);
      } finally {
        await ctx.close();
      }
    });
}

function parseStates(s?: string): FindingState[] {
  if (!s) return LIVE;
  if (s === 'all') return [...FINDING_STATES];
  const states = s.split(',').map((x) => x.trim());
  for (const st of states) {
    if (!(FINDING_STATES as readonly string[]).includes(st)) {
      throw new UserError(`--state: unknown state "${st}" (use ${FINDING_STATES.join(', ')} or all)`);
    }
  }
  return states as FindingState[];
}

function renderData(rows: FindingRecord[], format: Exclude<ListOptions['format'], 'table'>): string {
  if (format === 'json') return renderJson(null, rows);
  if (format === 'jsonl') return renderJsonl(rows);
  return renderCsv(rows);
}

/** The stored findings as a table that fits the terminal: id, audit, verdict and state, severity, resource, finding. */
function renderList(rows: FindingRecord[], ctx: CliContext, more: boolean): string {
  if (rows.length === 0) return 'no findings\n';
  const table = findingTable(rows, { width: ctx.width, color: ctx.color(), audit: true, check: true });
  const counts = { fail: 0, could_not_evaluate: 0, resolved: 0 };
  for (const f of rows) counts[verdictOf(f)] += 1;
  const shown = `${counts.fail} failing, ${counts.could_not_evaluate} could not evaluate, ${counts.resolved} resolved`;
  // a cut list must not read as the whole count
  const summary = more
    ? `the first ${rows.length} findings (${shown}); more match: raise --limit, or narrow with --severity, --check, --audit`
    : `${rows.length} finding(s): ${shown}`;
  return `${table.join('\n')}\n${wrapHanging(summary, ctx.width, 2).join('\n')}\n`;
}

/**
 * One finding. The first line says the verdict and what is wrong; the check's title is shown
 * as the requirement with whether it is met, so a title that reads as a good state ("Root
 * account has no access keys") is never mistaken for the finding.
 */
function renderShow(
  got: { life: FindingLife; events: FindingEvent[]; mute: Mute | null },
  ctx: CliContext,
): string {
  const p = painter(ctx.color());
  const f = got.life.record;
  const verdict = verdictOf(f);
  const state = got.mute ? 'muted' : got.life.state;
  const requirement = {
    fail: 'NOT MET',
    could_not_evaluate: 'NOT EVALUATED: its data could not be read',
    resolved: 'met again (resolved)',
  }[verdict];
  const mute = got.mute
    ? ` by ${sanitizeInline(got.mute.owner)} until ${got.mute.expires_at ?? 'unmuted'}: ${sanitizeInline(got.mute.reason)}`
    : '';
  const rows: [string, string][] = [
    ['result', `${VERDICT_LABEL[verdict]} (${state}${mute})`],
    ['severity', f.com.severity],
    ['requirement', `${sanitizeInline(f.ext.check_title)}: ${requirement}`],
    ['check', `${f.ext.check_id} (${f.com.record_type})`],
    ['resource', `${resourceLabel(f)}, ${f.com.cloud_type} account ${sanitizeInline(f.com.account)}`],
    ['reference', sanitizeInline(f.com.reference)],
    ['fix', sanitizeInline(f.com.recommendation)],
    ['compliance', f.com.compliance.map(sanitizeInline).join(', ') || '-'],
    ['finding id', f.com.finding_id],
    [
      'seen',
      `first ${got.life.first_seen}, last ${got.life.last_seen}${got.life.resolved_at ? `, resolved ${got.life.resolved_at}` : ''}`,
    ],
    ['evidence', terminalJson(f.raw.evidence ?? null)],
  ];
  const width = ctx.width;
  const head = `${VERDICT_LABEL[verdict]}: ${sanitizeInline(f.com.description)}`;
  const out = wrapHanging(head, width, 2).map((l) => p.verdict[verdict](p.bold(l)));
  out.push('', ...labelled(rows, width, (l) => l));
  out.push('', p.bold('history'));
  for (const e of got.events) out.push(`  ${e.at}  ${e.state.padEnd(9)} scan ${e.scan_id}`);
  return `${out.join('\n')}\n`;
}
