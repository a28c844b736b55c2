import { type AnyCheck, factsNeeded, ScopeInventory, type Unreadable } from './check.js';
import {
  type FindingContext,
  type Outcome,
  outcome,
  runResourceCheck,
  runScopeCheck,
  subjectOf,
} from './evaluate.js';
import { mergeExposures } from './exposure.js';
import { withNoneFound } from './facts-read.js';
import { newRunId } from './ids.js';
import { mergeImports } from './imported.js';
import type { Logger } from './logger.js';
import { type PartialScope, partialChecks, primaryReference, referenceNames } from './partial-scope.js';
import type { AccountBatch, NormaliserRegistry, Provider } from './provider.js';
import { type ReconcileInput, reconcile, scopeKey } from './reconcile.js';
import type { FindingRecord, ResourceRecord, ResultStatus } from './record.js';
import { errorGroupLine, groupErrors } from './scan-errors.js';
import { PARTIAL_SCAN_PREFIX } from './scan-kind.js';
import type {
  FindingLife,
  OrgLevel,
  ResultRow,
  ScanError,
  ScanStore,
  ScanSummary,
  ScanWriter,
} from './scan-store.js';

export interface ScanOptions {
  auditKey: string;
  label?: string | null;
  providers: Provider[];
  /** how collections become records (the providers' registry: src/providers/normalisers.ts) */
  normalisers: NormaliserRegistry;
  checks: AnyCheck[];
  /** resolved parameters per check id */
  params: Map<string, unknown>;
  /** check id -> compliance references */
  compliance: Map<string, string[]>;
  store: ScanStore;
  logger: Logger;
  now?: () => Date;
  /** mutes from the config (see src/notify/mutes.ts configMutePredicate) */
  configMute?: ReconcileInput['configMute'];
  onProgress?: (done: number, total: number, what: string) => void;
  /**
   * Called with the reconciled findings and the scan's id before the scan is committed, so that
   * what depends on them (alerts recorded in an outbox) is written first; a rejection aborts the
   * scan. A resumed scan keeps its id, so it may be called twice for one scan.
   */
  beforeCommit?: (findings: FindingRecord[], scanId: string) => Promise<void>;
}

export interface ScanReport {
  scan: ScanSummary;
  /** findings of this scan (new, open, regressed, muted) and those it resolved */
  findings: FindingRecord[];
  results: ResultRow[];
}

const RESOURCE_BATCH = 500;

function appliesTo(check: AnyCheck, cloud: string): boolean {
  return !check.clouds || (check.clouds as string[]).includes(cloud);
}

/**
 * plan -> collect -> evaluate -> reconcile -> store. One account at a time: its resources are
 * normalised, written and evaluated before the next account is collected.
 */
export async function runScan(opts: ScanOptions): Promise<ScanReport> {
  const started = (opts.now ?? (() => new Date()))();
  const scanId = newRunId(started);
  const startedAt = started.toISOString();
  const types = new Set(opts.checks.flatMap((c) => c.uses));
  // the facts the checks read, so providers skip per-item calls no selected check needs
  const facts = factsNeeded(opts.checks);
  const plannedCollectors = opts.normalisers.collectorTypesFor(types);
  opts.logger.debug('scan planned', {
    audit: opts.auditKey,
    checks: opts.checks.length,
    collectors: plannedCollectors,
  });

  const summary = emptySummary(scanId, opts.auditKey, opts.label ?? null, startedAt);
  const previous = await opts.store.findingLives(opts.auditKey);
  const mutes = await opts.store.activeMutes(started);
  const writer = await opts.store.beginScan(summary);
  const ctx: FindingContext = {
    auditKey: opts.auditKey,
    auditVersion: scanId,
    now: startedAt,
    compliance: opts.compliance,
  };
  const tally = new ScanTally(summary);

  try {
    for (const provider of opts.providers) {
      const batches = provider.collect({
        types,
        facts,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
      for await (const batch of batches) {
        const cleanScopes = new Set<string>();
        const { records, outcomes, errors } = evaluateAccount(
          batch,
          { ...opts, wholeAccount: true },
          ctx,
          cleanScopes,
        );
        await tally.addAccount(
          writer,
          {
            cloud: batch.cloud,
            account: batch.account,
            ...(batch.account_name ? { account_name: batch.account_name } : {}),
            ...(batch.path ? { path: batch.path } : {}),
            records,
            outcomes,
            errors,
            cleanScopes: [...cleanScopes],
          },
          opts.logger,
        );
      }
    }
  } catch (e) {
    await writer.abort();
    throw e;
  }
  return commitScan(opts, writer, tally, { previous, mutes });
}

/** One account evaluated: what the engine writes and folds into the scan (a worker stores it as JSON). */
export interface EvaluatedAccount {
  cloud: string;
  account: string;
  account_name?: string;
  path?: OrgLevel[];
  records: ResourceRecord[];
  outcomes: Outcome[];
  errors: ScanError[];
  /** the scopes (check, account, region) whose checks ran on all their data */
  cleanScopes: string[];
}

/**
 * What a full scan gathers account by account: the summary's counts and errors, the results,
 * the findings seen and the checks passed, for the reconcile at its end. A one-process scan and
 * a scan split into units for workers fold their accounts through this same code, in the same
 * order, so both give the same scan.
 */
export class ScanTally {
  readonly current: FindingRecord[] = [];
  readonly results: ResultRow[] = [];
  readonly passed = new Set<string>();
  readonly cleanScopes = new Set<string>();

  constructor(readonly summary: ScanSummary) {}

  async addAccount(writer: ScanWriter, a: EvaluatedAccount, logger: Logger): Promise<void> {
    const { summary } = this;
    for (let i = 0; i < a.records.length; i += RESOURCE_BATCH) {
      await writer.addResources(a.records.slice(i, i + RESOURCE_BATCH));
    }
    await writer.addResults(a.outcomes.map((o) => o.row));
    summary.counts.resources += a.records.length;
    summary.errors.push(...a.errors);
    for (const k of a.cleanScopes) this.cleanScopes.add(k);
    // an account is listed when there is something to say of it: its name, or its place above
    if (a.account_name || a.path) {
      summary.accounts = [
        ...(summary.accounts ?? []),
        {
          cloud: a.cloud,
          account: a.account,
          name: a.account_name ?? a.account,
          ...(a.path ? { path: a.path } : {}),
        },
      ];
    }
    for (const o of a.outcomes) {
      this.results.push(o.row);
      summary.counts.results[o.row.status] += 1;
      if (o.finding) this.current.push(o.finding);
      else if (o.row.status === 'pass' || o.row.status === 'not_applicable')
        this.passed.add(o.row.finding_id);
    }
    // one line per collector and reason, naming the regions, rather than one per region
    for (const g of groupErrors(a.errors)) logger.warn(errorGroupLine(g), g);
  }
}

/** The end of a full scan: reconcile what the tally saw with the audit's lives, then commit. */
export async function commitScan(
  opts: Pick<ScanOptions, 'auditKey' | 'configMute' | 'beforeCommit'>,
  writer: ScanWriter,
  tally: ScanTally,
  before: Pick<ReconcileInput, 'previous' | 'mutes'>,
): Promise<ScanReport> {
  const findings = await reconcileAndCommit(opts, () => new Date(), writer, tally.summary, {
    ...before,
    current: tally.current,
    passed: tally.passed,
    cleanScopes: tally.cleanScopes,
  });
  return { scan: tally.summary, findings, results: tally.results };
}

/**
 * The end of every scan, full or partial: reconcile the lives with what this scan saw, hand the
 * findings to `beforeCommit` (alerts go to the outbox before the scan exists), then commit.
 */
async function reconcileAndCommit(
  opts: Pick<ScanOptions, 'auditKey' | 'configMute' | 'beforeCommit'>,
  finishedAt: () => Date,
  writer: ScanWriter,
  summary: ScanSummary,
  seen: Pick<ReconcileInput, 'previous' | 'current' | 'passed' | 'cleanScopes' | 'mutes'>,
): Promise<FindingRecord[]> {
  const rec = reconcile({
    auditKey: opts.auditKey,
    scanId: summary.id,
    now: summary.started_at,
    ...seen,
    ...(opts.configMute ? { configMute: opts.configMute } : {}),
  });
  for (const f of rec.findings)
    summary.counts.findings[f.com.state] = (summary.counts.findings[f.com.state] ?? 0) + 1;
  try {
    await opts.beforeCommit?.(rec.findings, summary.id);
    summary.status = 'complete';
    summary.finished_at = finishedAt().toISOString();
    await writer.commit(summary, rec.lives as FindingLife[], rec.events);
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
  return rec.findings;
}

export function emptySummary(
  id: string,
  auditKey: string,
  label: string | null,
  startedAt: string,
): ScanSummary {
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

export interface PartialScanOptions
  extends Pick<
    ScanOptions,
    | 'auditKey'
    | 'checks'
    | 'params'
    | 'compliance'
    | 'store'
    | 'now'
    | 'configMute'
    | 'beforeCommit'
    | 'normalisers'
  > {
  scope: PartialScope;
}

/**
 * The engine's partial mode (an event-driven re-check): fresh data for one resource, or for the
 * account-scope checks of one account, evaluated by the checks that read it and reconciled
 * against only the finding lives it is about. Written as a scan of the audit labelled
 * "recheck ...", with the resources and results it evaluated and the lives it changed.
 */
export async function runPartialScan(opts: PartialScanOptions): Promise<ScanReport> {
  const { scope } = opts;
  const checks = partialChecks(scope, opts.checks);
  const clock = opts.now ?? (() => new Date());
  if (scope.kind === 'resource' && scope.collection.error !== undefined) {
    throw new Error(
      `${scope.type} ${scope.id ?? '(settings)'} in ${scope.account}/${scope.region}: ${scope.collection.error}`,
    );
  }
  const batch: AccountBatch =
    scope.kind === 'resource'
      ? { cloud: scope.cloud, account: scope.account, collections: [scope.collection] }
      : scope.batch;
  const label =
    scope.kind === 'resource'
      ? `${PARTIAL_SCAN_PREFIX}${scope.type} ${scope.id ?? `${scope.account}/${scope.region}`}`
      : `${PARTIAL_SCAN_PREFIX}${checks.map((c) => c.id).join(',')} ${scope.batch.account}`;
  const lives = await opts.store.findingLives(opts.auditKey);
  let started = clock();
  const mutes = await opts.store.activeMutes(started);
  // scan ids are millisecond timestamps: two partial scans in one millisecond take the next one
  for (let attempt = 0; ; attempt++) {
    const scanId = newRunId(started);
    const startedAt = started.toISOString();
    const fc: FindingContext = {
      auditKey: opts.auditKey,
      auditVersion: scanId,
      now: startedAt,
      compliance: opts.compliance,
    };
    const cleanScopes = new Set<string>();
    // a collection of one resource is not of the whole type: its scope is never "clean"
    const { records, outcomes, errors } = evaluateAccount(
      batch,
      { checks, params: opts.params, normalisers: opts.normalisers },
      fc,
      scope.kind === 'scope' ? cleanScopes : new Set(),
    );
    const current: FindingRecord[] = [];
    const passed = new Set<string>();
    const summary = emptySummary(scanId, opts.auditKey, label, startedAt);
    summary.counts.resources = records.length;
    summary.errors = errors;
    for (const o of outcomes) {
      summary.counts.results[o.row.status] += 1;
      if (o.finding) current.push(o.finding);
      else if (o.row.status === 'pass' || o.row.status === 'not_applicable') passed.add(o.row.finding_id);
    }
    const currentIds = new Set(current.map((f) => f.com.finding_id));
    const concerns = concernsOf(scope, checks, records, opts.normalisers);
    const previous = new Map<string, FindingLife>();
    for (const [id, life] of lives) if (currentIds.has(id) || concerns(life)) previous.set(id, life);
    // a resource's lives that did not recur are resolved; account-scope checks resolve through
    // their clean scopes, as in a full scan
    if (scope.kind === 'resource') {
      for (const [id, life] of previous) if (!currentIds.has(id) && life.state !== 'resolved') passed.add(id);
    }

    let writer: ScanWriter;
    try {
      writer = await opts.store.beginScan(summary);
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
    } catch (e) {
      await writer.abort().catch(() => undefined);
      throw e;
    }
    const findings = await reconcileAndCommit(opts, clock, writer, summary, {
      previous,
      current,
      passed,
      cleanScopes,
      mutes,
    });
    return { scan: summary, findings, results: rows };
  }
}

/** Which finding lives a partial scan is about (those it may find again, or resolve). */
function concernsOf(
  scope: PartialScope,
  checks: readonly AnyCheck[],
  records: readonly ResourceRecord[],
  normalisers: NormaliserRegistry,
): (life: FindingLife) => boolean {
  const checkIds = new Set(checks.map((c) => c.id));
  if (scope.kind === 'scope') {
    return (life) => checkIds.has(life.check_id) && life.record.com.account === scope.batch.account;
  }
  const produced = new Set(normalisers.producedBy(scope.type));
  const primaries = new Set(
    records.filter((r) => r.ext.record_type === scope.type).map((r) => primaryReference(r.com.reference)),
  );
  const region = (scope.collection.items?.length ?? 0) > 0 ? scope.collection.region : scope.region;
  return (life) => {
    const c = life.record.com;
    if (!checkIds.has(life.check_id) || c.account !== scope.account) return false;
    const type = life.record.ext.resource_record_type;
    if (typeof type === 'string' && !produced.has(type)) return false;
    if (primaries.has(primaryReference(life.reference))) return true;
    if (c.region !== region && region !== 'global' && c.region !== 'global') return false;
    return scope.id === null || referenceNames(life.reference, scope.id);
  };
}

/**
 * Normalise and evaluate one account's collections: one outcome per result, with the findings
 * of checks that report the same exposure on a resource merged into one. Pure apart from the
 * scope bookkeeping.
 */
export function evaluateAccount(
  batch: AccountBatch,
  opts: Pick<ScanOptions, 'checks' | 'params' | 'normalisers'> & {
    /**
     * The batch holds every resource of its types in the account (a full scan), so finding none
     * means there is none (`whenNone`); false for a re-check of single resources.
     */
    wholeAccount?: boolean;
  },
  ctx: FindingContext,
  cleanScopes: Set<string>,
): { records: ResourceRecord[]; outcomes: Outcome[]; errors: ScanError[] } {
  const records: ResourceRecord[] = [];
  const errors: ScanError[] = [];
  const outcomes: Outcome[] = [];
  /** region -> record types whose collection failed there, with the reason */
  const failed = new Map<string, Map<string, string>>();
  /** region -> record types collected completely */
  const collected = new Map<string, Set<string>>();
  const markFailed = (region: string, collectorType: string, reason: string) => {
    const m = failed.get(region) ?? new Map<string, string>();
    for (const t of opts.normalisers.producedBy(collectorType)) m.set(t, reason);
    failed.set(region, m);
  };
  /** region -> record types whose service is not in use there (an API not enabled), with the reason */
  const inapplicable = new Map<string, Map<string, string>>();

  for (const c of batch.collections) {
    const where = { cloud: batch.cloud, account: batch.account, region: c.region, source: c.type };
    if (c.error !== undefined) {
      errors.push({ ...where, message: c.error });
      markFailed(c.region, c.type, c.error);
      continue;
    }
    if (c.not_applicable !== undefined) {
      const m = inapplicable.get(c.region) ?? new Map<string, string>();
      const s = collected.get(c.region) ?? new Set<string>();
      for (const t of opts.normalisers.producedBy(c.type)) {
        m.set(t, c.not_applicable);
        s.add(t);
      }
      inapplicable.set(c.region, m);
      collected.set(c.region, s);
      continue;
    }
    const n = opts.normalisers.normalise(c);
    records.push(...n.records);
    for (const e of n.errors) errors.push({ ...where, message: `${e.reference}: ${e.message}` });
    const [first] = n.errors;
    if (first) {
      const more = n.errors.length - 1;
      markFailed(
        c.region,
        c.type,
        `${first.reference}: ${first.message}${more > 0 ? ` (and ${more} more unreadable ${c.type} item${more > 1 ? 's' : ''})` : ''}`,
      );
    } else {
      const s = collected.get(c.region) ?? new Set<string>();
      for (const t of opts.normalisers.producedBy(c.type)) s.add(t);
      collected.set(c.region, s);
    }
  }

  const byType = indexByType(records);
  const ofType = (t: string) => byType.get(t) ?? [];
  const unreadableOf = (t: string): Unreadable[] =>
    [...failed].flatMap(([region, m]) => {
      const reason = m.get(t);
      return reason === undefined ? [] : [{ type: t, region, reason }];
    });
  /** record types collected (completely or not) in at least one region */
  const attempted = new Set([...collected.values(), ...failed.values()].flatMap((x) => [...x.keys()]));
  const account = {
    cloud: batch.cloud,
    account: batch.account,
    region: 'global',
    reference: `${batch.cloud}:${batch.account}`,
    name: batch.account_name ?? batch.account,
    service: 'account',
    tags: {},
    type: 'account',
  };
  /** region -> record types some collection in use there produced (read, or failed to read) */
  const live = new Map<string, Set<string>>();
  for (const c of batch.collections) {
    if (c.not_applicable !== undefined) continue;
    const s = live.get(c.region) ?? new Set<string>();
    for (const t of opts.normalisers.producedBy(c.type)) s.add(t);
    live.set(c.region, s);
  }
  // A type several services produce (GCP IAM bindings: the project's policy and KMS keys') is
  // inapplicable only where none of them is in use.
  const inapplicableOf = (uses: readonly string[]): { region: string; type: string; reason: string }[] =>
    [...inapplicable].flatMap(([region, m]) => {
      const type = uses.find((t) => m.has(t) && !live.get(region)?.has(t));
      return type === undefined ? [] : [{ region, type, reason: m.get(type) as string }];
    });
  const checks = opts.checks.filter((c) => appliesTo(c, batch.cloud));
  for (const check of checks) {
    const params = opts.params.get(check.id);
    // The service is not in use where its API is off: the check does not apply there, with the reason.
    const off = inapplicableOf(check.uses);
    for (const o of off) {
      if (check.kind === 'scope' && o !== off[0]) break;
      const subject =
        check.kind === 'scope'
          ? account
          : {
              ...account,
              region: o.region,
              reference: `${batch.cloud}:${batch.account}:${o.region}:${o.type}`,
              name: `${o.type} in ${o.region}`,
              service: o.type.split('.')[1] ?? o.type,
              type: o.type,
            };
      outcomes.push(outcome(check, subject, { status: 'not_applicable', message: o.reason }, ctx));
      cleanScopes.add(scopeKey(check.id, batch.account, check.kind === 'scope' ? 'global' : o.region));
    }
    if (check.kind === 'scope' && off.length > 0) continue;
    if (check.kind === 'resource') {
      const subjects = ofType(check.resource);
      for (const r of subjects) {
        outcomes.push(outcome(check, subjectOf(r), runResourceCheck(check, r, params), ctx));
      }
      const complete =
        attempted.has(check.resource) && unreadableOf(check.resource).length === 0 && off.length === 0;
      if (check.whenNone && opts.wholeAccount && complete) {
        // The account's verdict on having none: given when there is none, resolved when some appear.
        if (subjects.length === 0) outcomes.push(outcome(check, account, withNoneFound(check), ctx));
        cleanScopes.add(scopeKey(check.id, batch.account, 'global'));
      }
    } else {
      if (!check.uses.every((t) => attempted.has(t))) {
        // Some of the check's data was not collected at all (a snapshot without it): the check is
        // not evaluated, rather than judged on an empty inventory; an error if a collection failed.
        const why = check.uses.flatMap(unreadableOf)[0];
        if (why) {
          const message = `data could not be collected: ${why.type} in ${why.region}: ${why.reason}`;
          outcomes.push(outcome(check, account, { status: 'error', message }, ctx));
        }
        continue;
      }
      const inventory = new ScopeInventory(batch.cloud, batch.account, ofType, (t) =>
        check.uses.includes(t) ? unreadableOf(t) : [],
      );
      for (const res of runScopeCheck(check, inventory, params)) {
        const s = res.resource
          ? {
              ...account,
              reference: res.resource.reference,
              name: res.resource.name ?? res.resource.reference,
            }
          : account;
        outcomes.push(outcome(check, s, res, ctx));
      }
      // Ran on all the data it read: a finding of it that did not recur is resolved.
      if (!inventory.touchedUnreadable) cleanScopes.add(scopeKey(check.id, batch.account, 'global'));
      continue;
    }
    // The collector failed: the check could not see this region's resources, so it errors there.
    for (const [region, m] of failed) {
      const reason = check.uses.map((t) => m.get(t)).find(Boolean);
      if (!reason) continue;
      const type = check.uses.find((t) => m.has(t)) ?? check.resource;
      const subject = {
        cloud: batch.cloud,
        account: batch.account,
        region,
        reference: `${batch.cloud}:${batch.account}:${region}:${type}`,
        name: `${type} in ${region}`,
        service: type.split('.')[1] ?? type,
        tags: {},
        type,
      };
      outcomes.push(
        outcome(check, subject, { status: 'error', message: `could not be evaluated: ${reason}` }, ctx),
      );
    }
    for (const [region, s] of collected) {
      if (!check.uses.some((t) => s.has(t))) continue;
      if (check.uses.some((t) => failed.get(region)?.has(t))) continue;
      cleanScopes.add(scopeKey(check.id, batch.account, region));
    }
  }
  return { records, outcomes: mergeImports(mergeExposures(outcomes)), errors };
}

/** Records by their cloud-specific and their common record type (a record is under both). */
function indexByType(records: ResourceRecord[]): Map<string, ResourceRecord[]> {
  const idx = new Map<string, ResourceRecord[]>();
  const add = (t: string, r: ResourceRecord) => {
    const list = idx.get(t);
    if (list) list.push(r);
    else idx.set(t, [r]);
  };
  for (const r of records) {
    add(r.ext.record_type, r);
    if (r.com.record_type !== r.ext.record_type) add(r.com.record_type, r);
  }
  return idx;
}

export function countByStatus(rows: ResultRow[]): Record<ResultStatus, number> {
  const out: Record<ResultStatus, number> = { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 };
  for (const r of rows) out[r.status] += 1;
  return out;
}
