import type { FindingState, ResultStatus } from '../core/record.js';
import type { AccountName, CurrentState, ResultRow, ScanError, ScanSummary } from './store.js';

/*
 * "The estate's current state", defined once for every store: an audit's latest complete full
 * scan, and the partial scans (re-checks) started after it, applied in order. A re-check's
 * result replaces the earlier result of the same finding id (the same check on the same
 * resource); a finding a re-check resolved without a result of its own lost its resource, so
 * its earlier result goes too. Stores answer the few questions below in their own SQL.
 */

export interface EventState {
  scan_id: string;
  finding_id: string;
  state: FindingState;
}

/** What a store answers so its current state is computed the same way on every database. */
export interface CurrentStateSource {
  /** the latest complete full scan of the audit */
  lastScan(auditKey: string): Promise<ScanSummary | null>;
  /** complete partial scans of the audit started after `base`, oldest first */
  partialScansAfter(base: ScanSummary): Promise<ScanSummary[]>;
  /** the result rows of one complete scan, all of them or only those of some finding ids */
  scanResults(scanId: string, findingIds?: readonly string[]): Promise<ResultRow[]>;
  /** lifecycle events of the scans (of some finding ids only, when given), in the order written */
  eventStates(scanIds: readonly string[], findingIds?: readonly string[]): Promise<EventState[]>;
  /** how many distinct references the scans `added` have that scan `base` has no resource for */
  newReferences(base: string, added: readonly string[]): Promise<number>;
}

/** The scans of an audit's current state and their merged summary. */
export async function readCurrentState(
  src: CurrentStateSource,
  auditKey: string,
): Promise<CurrentState | null> {
  const base = await src.lastScan(auditKey);
  if (!base) return null;
  const rechecks = await src.partialScansAfter(base);
  const scanIds = [base.id, ...rechecks.map((r) => r.id)];
  if (rechecks.length === 0) {
    return { audit_key: auditKey, base, rechecks, scan_ids: scanIds, summary: base };
  }
  const later = rechecks.map((r) => r.id);
  const [rows, events, added] = await Promise.all([
    Promise.all(later.map((id) => src.scanResults(id))),
    src.eventStates(later),
    src.newReferences(base.id, later),
  ]);
  const resolved = resolvedBy(events);
  const touched = new Set<string>(events.map((e) => e.finding_id));
  for (const list of rows) for (const r of list) touched.add(r.finding_id);
  const before = await src.scanResults(base.id, [...touched]);
  const merged = applyRechecks(before, later, rows, resolved);
  const results = { ...base.counts.results };
  for (const r of before) results[r.status] -= 1;
  for (const r of merged) results[r.status] += 1;

  // Findings by the state they took: the base scan's counts, with each finding a re-check
  // touched moved from its state in the base scan to its state in the last re-check that
  // touched it. A scan writes an event for a new, regressed or resolved finding only: a finding
  // with a failing result and no event was seen again ("open").
  const failing = (r: ResultRow) => r.status === 'fail' || r.status === 'error';
  const stateIn = (eventState: FindingState | undefined, row: ResultRow | undefined) =>
    eventState ?? (row && failing(row) ? 'open' : undefined);
  const after = new Map<string, FindingState | undefined>();
  later.forEach((id, i) => {
    const own = new Map((rows[i] ?? []).map((r) => [r.finding_id, r]));
    const evs = new Map(events.filter((e) => e.scan_id === id).map((e) => [e.finding_id, e.state]));
    for (const f of new Set([...own.keys(), ...evs.keys()])) after.set(f, stateIn(evs.get(f), own.get(f)));
  });
  const baseRows = new Map(before.map((r) => [r.finding_id, r]));
  const baseEvents = new Map(
    (await src.eventStates([base.id], [...after.keys()])).map((e) => [e.finding_id, e.state]),
  );
  const findings: Record<string, number> = { ...base.counts.findings };
  const move = (state: FindingState | undefined, by: number) => {
    if (state !== undefined) findings[state] = Math.max(0, (findings[state] ?? 0) + by);
  };
  for (const [f, state] of after) {
    move(stateIn(baseEvents.get(f), baseRows.get(f)), -1);
    move(state, 1);
  }
  for (const k of Object.keys(findings)) if (findings[k] === 0) delete findings[k];

  const last = rechecks.at(-1)!;
  const summary: ScanSummary = {
    ...base,
    finished_at: last.finished_at ?? base.finished_at,
    counts: {
      resources: base.counts.resources + added,
      results: results as Record<ResultStatus, number>,
      findings: findings as ScanSummary['counts']['findings'],
    },
    errors: mergeErrors([base, ...rechecks]),
    accounts: mergeAccounts([base, ...rechecks]),
    rechecks: { count: rechecks.length, scan_ids: later, last_started_at: last.started_at },
  };
  return { audit_key: auditKey, base, rechecks, scan_ids: scanIds, summary };
}

/** Every result row of a current state, in the base scan's order, re-checked rows after. */
export async function readCurrentResults(src: CurrentStateSource, state: CurrentState): Promise<ResultRow[]> {
  const base = await src.scanResults(state.base.id);
  if (state.rechecks.length === 0) return base;
  const later = state.rechecks.map((r) => r.id);
  const [rows, events] = await Promise.all([
    Promise.all(later.map((id) => src.scanResults(id))),
    src.eventStates(later),
  ]);
  return applyRechecks(base, later, rows, resolvedBy(events));
}

function resolvedBy(events: readonly EventState[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.state !== 'resolved') continue;
    const set = out.get(e.scan_id) ?? new Set<string>();
    set.add(e.finding_id);
    out.set(e.scan_id, set);
  }
  return out;
}

/**
 * Applies re-checks, in order, to result rows. A result is one check on one resource (check id
 * and finding id: several checks that report one exposure share the finding id). Each re-check
 * first drops the rows of findings it resolved without re-evaluating them, then replaces (or
 * adds) the rows it has.
 */
export function applyRechecks(
  base: readonly ResultRow[],
  recheckIds: readonly string[],
  recheckRows: readonly (readonly ResultRow[])[],
  resolved: ReadonlyMap<string, ReadonlySet<string>>,
): ResultRow[] {
  const keyOf = (r: ResultRow) => `${r.check_id}\u0000${r.finding_id}`;
  const rows = new Map<string, ResultRow>();
  // one row per check and resource per scan; should a scan hold two, the last one stands
  for (const r of base) rows.set(keyOf(r), r);
  recheckIds.forEach((id, i) => {
    const own = recheckRows[i] ?? [];
    const findings = new Set(own.map((r) => r.finding_id));
    const gone = [...(resolved.get(id) ?? [])].filter((f) => !findings.has(f));
    if (gone.length > 0) {
      const drop = new Set(gone);
      for (const [k, r] of rows) if (drop.has(r.finding_id)) rows.delete(k);
    }
    for (const r of own) {
      // deleted first, so a re-checked row moves after the rows no re-check touched
      rows.delete(keyOf(r));
      rows.set(keyOf(r), r);
    }
  });
  return [...rows.values()];
}

function mergeErrors(scans: readonly ScanSummary[]): ScanError[] {
  const seen = new Set<string>();
  const out: ScanError[] = [];
  for (const s of scans) {
    for (const e of s.errors) {
      const key = JSON.stringify([e.cloud, e.account, e.region, e.source, e.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

function mergeAccounts(scans: readonly ScanSummary[]): AccountName[] {
  const byKey = new Map<string, AccountName>();
  for (const s of scans) {
    for (const a of s.accounts ?? []) {
      const key = `${a.cloud}:${a.account}`;
      // a later scan that could not read the hierarchy does not forget where the account was
      const known = byKey.get(key)?.path;
      byKey.set(key, a.path || !known ? a : { ...a, path: known });
    }
  }
  return [...byKey.values()];
}
