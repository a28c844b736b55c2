import type { RespondConfig, RespondRule } from '../config/respond-schema.js';
import { parseDuration } from '../core/duration.js';
import { globMatch } from '../core/glob.js';
import type { Logger } from '../core/logger.js';
import type { FindingRecord } from '../core/record.js';
import type { ActionRecord, ActionState, ActionStore } from '../core/remediation.js';
import { SEVERITIES } from '../core/severity.js';
import { actionById, checksOf } from './registry.js';
import { LIVE_STATES, type Remediator } from './remediator.js';

/** What a respond: rule is told, for its notifiers. */
export interface ActionNotice {
  rule: RespondRule;
  finding: FindingRecord;
  record: ActionRecord;
  /** one line: what was done or is proposed, and how to approve or undo it */
  text: string;
}

export interface ResponderDeps {
  remediator: Remediator;
  store: ActionStore;
  logger: Logger;
  notify?: (n: ActionNotice) => Promise<void>;
  now?: () => Date;
}

/** States that count against the rate limit: actions proposed or run. */
const COUNTED: readonly ActionState[] = [
  'awaiting_approval',
  'planned',
  'running',
  'applied',
  'failed',
  'interrupted',
  'alerted',
];
/** After a person undid an action, rules leave its target alone (a person decided). */
const HOLDING: readonly ActionState[] = [...LIVE_STATES, 'undone', 'alerted'];

const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);

/** True when a rule's `when` matches a finding or detection. */
export function ruleMatches(rule: RespondRule, f: FindingRecord): boolean {
  const w = rule.when;
  const detection = f.com.origin_type === 'detection';
  const ids = detection ? [f.ext.check_id] : checksOf(f);
  const globs = detection ? w.rules : w.checks;
  if (!globs?.some((g) => ids.some((id) => globMatch(g, id)))) return false;
  // SEVERITIES is ordered from the most severe
  if (w.severity && rank(f.com.severity) > rank(w.severity)) return false;
  if (w.accounts && !w.accounts.includes(f.com.account)) return false;
  for (const [k, v] of Object.entries(w.tags ?? {})) {
    const have = f.com.tags?.[k];
    if (have === undefined || (v !== '*' && have !== v)) return false;
  }
  return true;
}

/**
 * watch's respond: rules. Each live finding (new, open, regressed; not muted) or detection
 * that a rule matches leads to its action in the rule's mode, within the rate limit, at most
 * one live action per target, and never outside the allow-list (the remediator's guard).
 */
export class Responder {
  private readonly perMs: number;

  constructor(
    private readonly config: RespondConfig,
    private readonly d: ResponderDeps,
  ) {
    this.perMs = parseDuration(config.rate_limit.per) ?? 3_600_000;
  }

  get active(): boolean {
    return this.config.rules.length > 0;
  }

  async onFindings(findings: readonly FindingRecord[], source: string): Promise<ActionRecord[]> {
    const out: ActionRecord[] = [];
    for (const f of findings) {
      if (!['new', 'open', 'regressed'].includes(f.com.state) && f.com.origin_type !== 'detection') continue;
      if (f.ext.muted) continue;
      for (const rule of this.config.rules) {
        if (!ruleMatches(rule, f)) continue;
        const r = await this.respond(rule, f, source).catch((e: unknown) => {
          this.d.logger.error(`respond: ${rule.action} on ${f.com.reference}: ${(e as Error).message}`);
          return null;
        });
        if (r) out.push(r);
      }
    }
    return out;
  }

  private async respond(rule: RespondRule, f: FindingRecord, source: string): Promise<ActionRecord | null> {
    const action = actionById(rule.action);
    if (!action) return null;
    const t = action.target(f);
    if ('refused' in t) {
      this.d.logger.warn(`respond: ${rule.action} cannot act on ${f.com.reference}: ${t.refused}`);
      return null;
    }
    const key = `${action.id}|${t.account}|${t.reference}`;
    if ((await this.d.store.list({ target_key: key, states: HOLDING, limit: 1 })).length > 0) return null;
    const now = (this.d.now ?? (() => new Date()))();
    const recent = await this.d.store.countSince(now.getTime() - this.perMs, COUNTED);
    if (recent >= this.config.rate_limit.max) {
      this.d.logger.warn(
        `respond: rate limit reached (${this.config.rate_limit.max} per ${this.config.rate_limit.per}): ${rule.action} on ${f.com.reference} not proposed`,
      );
      return null;
    }
    const prepared = await this.d.remediator.prepare(f, action);
    if (prepared.kind === 'refused') {
      this.d.logger.warn(`respond: ${rule.action} on ${f.com.reference} refused: ${prepared.reason}`);
      return null;
    }
    if (prepared.kind === 'noop') return null;
    const trigger = {
      kind: 'watch' as const,
      by: `respond rule ${this.config.rules.indexOf(rule)} (${source})`,
      finding_id: f.com.finding_id,
      ...(f.com.origin_type === 'detection' ? { rule: f.ext.check_id } : { check_id: f.ext.check_id }),
    };
    let rec = await this.d.remediator.record(prepared, action, trigger, rule.mode);
    let text: string;
    if (rule.mode === 'apply') {
      rec = await this.d.remediator.apply(rec.id).catch((e: unknown) => {
        const r = (e as { record?: ActionRecord }).record;
        if (r) return r;
        throw e;
      });
      text =
        rec.state === 'applied'
          ? `Cloudward applied ${action.id} (${rec.id}) to ${t.reference}; undo with: cloudward remediate undo ${rec.id}`
          : `Cloudward could not apply ${action.id} (${rec.id}) to ${t.reference}: ${rec.note ?? rec.state}`;
    } else if (rule.mode === 'approve') {
      text = `Cloudward proposes ${action.id} (${rec.id}) on ${t.reference}: ${prepared.plan.calls.map((c) => c.action).join(', ')}. Approve with: cloudward remediate approve ${rec.id}`;
    } else {
      text = `Cloudward would run ${action.id} on ${t.reference}: ${prepared.plan.calls.map((c) => c.action).join(', ')} (rule mode alert)`;
    }
    this.d.logger.info(`respond: ${text}`);
    if (rule.notify.length > 0) await this.d.notify?.({ rule, finding: f, record: rec, text });
    return rec;
  }
}
