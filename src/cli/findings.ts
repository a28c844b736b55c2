import { type Command, Option } from 'commander';
import pc from 'picocolors';
import { FINDING_STATES, type FindingRecord, type FindingState } from '../core/record.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { renderCsv, renderJson, renderJsonl } from '../output/formats.js';
import type { Store } from '../store/store.js';
import { contextOf } from './context.js';
import { UserError } from './errors.js';
import { parseExpiry } from './expiry.js';

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
          limit,
        });
        process.stdout.write(renderList(rows, opts.format, ctx.color()));
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
        const full = await resolveId(store, id);
        const got = await store.finding(full);
        if (!got) throw new UserError(`no finding with id ${id}`);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(got, null, 2)}\n`);
          return;
        }
        const f = got.life.record;
        const lines = [
          `${pc.bold(f.ext.check_title)}  [${f.com.severity}]`,
          `finding   ${f.com.finding_id}`,
          `state     ${got.mute ? 'muted' : got.life.state}${got.mute ? ` by ${got.mute.owner} until ${got.mute.expires_at ?? 'forever'}: ${got.mute.reason}` : ''}`,
          `status    ${f.com.status}`,
          `check     ${f.ext.check_id} (${f.com.record_type})`,
          `resource  ${f.com.cloud_type} ${f.com.account} ${f.com.region} ${f.com.name}`,
          `reference ${f.com.reference}`,
          `finding   ${f.com.description}`,
          `fix       ${f.com.recommendation}`,
          `compliance ${f.com.compliance.join(', ') || '-'}`,
          `first seen ${got.life.first_seen}   last seen ${got.life.last_seen}${got.life.resolved_at ? `   resolved ${got.life.resolved_at}` : ''}`,
          `evidence  ${JSON.stringify(f.raw.evidence ?? null)}`,
          'history:',
          ...got.events.map((e) => `  ${e.at}  ${e.state.padEnd(9)} scan ${e.scan_id}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
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
        const full = await resolveId(store, id);
        await store.mute({
          finding_id: full,
          owner: opts.owner,
          reason: opts.reason,
          created_at: now.toISOString(),
          expires_at: expires,
        });
        process.stdout.write(`muted ${full} until ${expires ?? 'unmuted'}\n`);
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
        const full = await resolveId(store, id);
        if (!(await store.unmute(full))) throw new UserError(`finding ${full} is not muted`);
        process.stdout.write(`unmuted ${full}\n`);
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

/** Full ids, or a unique prefix of at least 6 hex characters. */
async function resolveId(store: Store, id: string): Promise<string> {
  if (!/^[0-9a-f]{6,64}$/.test(id))
    throw new UserError(`"${id}" is not a finding id (hex, at least 6 characters)`);
  if (await store.finding(id)) return id;
  const all = await store.findings({ states: [...FINDING_STATES], limit: 1_000_000 });
  const hits = [...new Set(all.map((f) => f.com.finding_id).filter((f) => f.startsWith(id)))];
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length > 1) throw new UserError(`finding id prefix ${id} is ambiguous (${hits.length} matches)`);
  throw new UserError(`no finding with id ${id}`);
}

function renderList(rows: FindingRecord[], format: ListOptions['format'], color: boolean): string {
  if (format === 'json') return renderJson(null, rows);
  if (format === 'jsonl') return renderJsonl(rows);
  if (format === 'csv') return renderCsv(rows);
  if (rows.length === 0) return 'no findings\n';
  const dim = color ? pc.dim : (s: string) => s;
  return `${rows
    .map(
      (f) =>
        `${f.com.finding_id.slice(0, 12)}  ${f.com.severity.padEnd(8)} ${f.com.state.padEnd(9)} ${f.ext.check_id}  ${f.com.cloud_type}:${f.com.name}\n  ${dim(f.com.description)}`,
    )
    .join('\n')}\n${rows.length} finding(s)\n`;
}
