import type { AnyCheck } from '../core/check.js';
import { evaluateAccount } from '../core/engine.js';
import type { FindingContext, Outcome } from '../core/evaluate.js';
import { newRunId } from '../core/ids.js';
import type { AccountBatch, Collection } from '../core/provider.js';
import { type ReconcileInput, reconcile } from '../core/reconcile.js';
import type { FindingRecord, ResourceRecord } from '../core/record.js';
import { normaliserFor } from '../providers/normalisers.js';
import type { FindingLife, ResultRow, ScanError, ScanSummary, Store } from '../store/store.js';
import { type ResourceTarget, SINGLETON } from './resource-ids.js';

/**
 * A recheck is a partial scan: fresh data for one resource (or, for account-scope checks, every
 * resource those checks read in one account), the checks that read it, and a reconcile limited
 * to what was re-evaluated. It is written as a scan of its audit labelled "recheck ...", with
 * the resources and results it evaluated and the finding lives it changed. A finding of any
 * other resource is never read as resolved by it.
 */

/** Every partial scan's label starts with this; a reader of "the latest full scan" skips them. */
import { isPartialScan, PARTIAL_SCAN_PREFIX } from '../core/scan-kind.js';

export { isPartialScan, PARTIAL_SCAN_PREFIX };

export interface RecheckContext {
  auditKey: string;
  store: Store;
  /** resolved parameters per check id */
  params: Map<string, unknown>;
  /** check id -> compliance references */
  compliance: Map<string, string[]>;
  configMute?: ReconcileInput['configMute'];
  now?: () => Date;
  /** called with the reconciled findings before the partial scan is committed (alerts to the outbox) */
  beforeCommit?: (findings: FindingRecord[]) => Promise<void>;
}

export interface RecheckReport {
  scan: ScanSummary;
  /** the re-evaluated findings with their states (new, open, regressed, muted) and those resolved */
  findings: FindingRecord[];
  results: ResultRow[];
}

/** The part of a reference that names the resource (rules and settings of it follow a '#'). */
export function primaryReference(reference: string): string {
  const i = reference.indexOf('#');
  return i < 0 ? reference : reference.slice(0, i);
}

/** True when a reference names the resource `id`: its last path or ARN segment is the id. */
export function referenceNames(reference: string, id: string): boolean {
  const p = primaryReference(reference);
  if (p.toLowerCase() === id.toLowerCase()) return true;
  return p.endsWith(`/${id}`) || p.endsWith(`:${id}`);
}

function producedBy(collectorType: string): Set<string> {
  return new Set(normaliserFor(collectorType)?.produces ?? [collectorType]);
}

function emptySummary(id: string, auditKey: string, label: string, startedAt: string): ScanSummary {
  return {
    id,
    audit_key: auditKey,
    label,
    started_at: startedAt,
    finished_at: null,
    status: 'running',
    counts: {
      resources: 0,
      results: { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 },
      findings: {},
    },
    errors: [],
  };
}

interface Evaluated {
  records: ResourceRecord[];
  outcomes: Outcome[];
  errors: ScanError[];
}

/**
 * Writes one partial scan: the evaluated records and results, and the lives reconcile gives for
 * `previous` (only lives the recheck is about) with `gone` read as resolved.
 */
async function commitPartial(
  ctx: RecheckContext,
  label: string,
  evaluate: (fc: FindingContext, cleanScopes: Set<string>) => Evaluated,
  select: (life: FindingLife, current: ReadonlySet<string>) => boolean,
  opts: { keepCleanScopes: boolean; gone: (life: FindingLife, current: ReadonlySet<string>) => boolean },
): Promise<RecheckReport> {
  const clock = ctx.now ?? (() => new Date());
  const lives = await ctx.store.findingLives(ctx.auditKey);
  let started = clock();
  const mutes = await ctx.store.activeMutes(started);
  // scan ids are millisecond timestamps: two partial scans in one millisecond take the next one
  for (let attempt = 0; ; attempt++) {
    const scanId = newRunId(started);
    const startedAt = started.toISOString();
    const fc: FindingContext = {
      auditKey: ctx.auditKey,
      auditVersion: scanId,
      now: startedAt,
      compliance: ctx.compliance,
    };
    const cleanScopes = new Set<string>();
    const { records, outcomes, errors } = evaluate(fc, cleanScopes);
    const current: FindingRecord[] = [];
    const passed = new Set<string>();
    const summary = emptySummary(scanId, ctx.auditKey, label, startedAt);
    summary.counts.resources = records.length;
    summary.errors = errors;
    for (const o of outcomes) {
      summary.counts.results[o.row.status] += 1;
      if (o.finding) current.push(o.finding);
      else if (o.row.status === 'pass' || o.row.status === 'not_applicable') passed.add(o.row.finding_id);
    }
    const currentIds = new Set(current.map((f) => f.com.finding_id));
    const previous = new Map<string, FindingLife>();
    for (const [id, life] of lives) {
      if (currentIds.has(id) || select(life, currentIds)) previous.set(id, life);
    }
    for (const [id, life] of previous) {
      if (!currentIds.has(id) && life.state !== 'resolved' && opts.gone(life, currentIds)) passed.add(id);
    }
    const rec = reconcile({
      auditKey: ctx.auditKey,
      scanId,
      now: startedAt,
      previous,
      current,
      passed,
      cleanScopes: opts.keepCleanScopes ? cleanScopes : new Set(),
      mutes,
      ...(ctx.configMute ? { configMute: ctx.configMute } : {}),
    });
    for (const f of rec.findings)
      summary.counts.findings[f.com.state] = (summary.counts.findings[f.com.state] ?? 0) + 1;

    let writer: Awaited<ReturnType<Store['beginScan']>>;
    try {
      writer = await ctx.store.beginScan(summary);
    } catch (e) {
      if (attempt < 20 && /already exists/.test((e as Error).message)) {
        started = new Date(started.getTime() + 1);
        continue;
      }
      throw e;
    }
    const rows = outcomes.map((o) => o.row);
    try {
      if (records.length > 0) await writer.addResources(records);
      if (rows.length > 0) await writer.addResults(rows);
      await ctx.beforeCommit?.(rec.findings);
      summary.status = 'complete';
      summary.finished_at = clock().toISOString();
      await writer.commit(summary, rec.lives, rec.events);
    } catch (e) {
      await writer.abort().catch(() => undefined);
      throw e;
    }
    return { scan: summary, findings: rec.findings, results: rows };
  }
}

/**
 * Re-evaluates one resource from a fresh collection of it (`collection.items` holds the
 * resource's raw item, or nothing when it is gone) with the per-resource checks given. Findings
 * of the resource (and of the records derived from it, such as a security group's rules) that
 * did not recur are resolved; nothing else is touched. A collection that failed changes nothing
 * and is an error.
 */
export async function recheckResource(
  ctx: RecheckContext,
  target: ResourceTarget,
  collection: Collection,
  checks: readonly AnyCheck[],
): Promise<RecheckReport> {
  if (collection.error !== undefined) {
    throw new Error(`${target.type} ${target.id} in ${target.account}/${target.region}: ${collection.error}`);
  }
  const resourceChecks = checks.filter((c) => c.kind === 'resource');
  const produced = producedBy(target.type);
  const batch: AccountBatch = { cloud: target.cloud, account: target.account, collections: [collection] };
  let primaries = new Set<string>();
  const checkIds = new Set(resourceChecks.map((c) => c.id));
  const region = (collection.items?.length ?? 0) > 0 ? collection.region : target.region;

  const belongs = (life: FindingLife): boolean => {
    const c = life.record.com;
    if (!checkIds.has(life.check_id) || c.account !== target.account) return false;
    const type = life.record.ext.resource_record_type;
    if (typeof type === 'string' && !produced.has(type)) return false;
    if (primaries.has(primaryReference(life.reference))) return true;
    if (c.region !== region && region !== 'global' && c.region !== 'global') return false;
    return target.id === SINGLETON || referenceNames(life.reference, target.id);
  };

  return commitPartial(
    ctx,
    `${PARTIAL_SCAN_PREFIX}${target.type} ${target.id === SINGLETON ? `${target.account}/${target.region}` : target.id}`,
    (fc) => {
      // the collection is of one resource, not of the whole type: its scope is never "clean"
      const ev = evaluateAccount(batch, { checks: resourceChecks, params: ctx.params }, fc, new Set());
      primaries = new Set(
        ev.records
          .filter((r) => r.ext.record_type === target.type)
          .map((r) => primaryReference(r.com.reference)),
      );
      return ev;
    },
    (life) => belongs(life),
    { keepCleanScopes: false, gone: (life) => belongs(life) },
  );
}

/**
 * Re-evaluates account-scope checks from a fresh collection of every type they read in one
 * account. The checks ran on complete data, so their findings in that account that did not
 * recur are resolved, as in a full scan; other checks' findings are not touched.
 */
export async function recheckScope(
  ctx: RecheckContext,
  batch: AccountBatch,
  checks: readonly AnyCheck[],
): Promise<RecheckReport> {
  const scopeChecks = checks.filter((c) => c.kind === 'scope');
  const ids = new Set(scopeChecks.map((c) => c.id));
  const ofThese = (life: FindingLife) => ids.has(life.check_id) && life.record.com.account === batch.account;
  return commitPartial(
    ctx,
    `${PARTIAL_SCAN_PREFIX}${[...ids].join(',')} ${batch.account}`,
    (fc, cleanScopes) => evaluateAccount(batch, { checks: scopeChecks, params: ctx.params }, fc, cleanScopes),
    ofThese,
    { keepCleanScopes: true, gone: () => false },
  );
}
