import type { FindingRecord, FindingState } from '../core/record.js';
import { severityRank } from '../core/severity.js';
import type { CurrentState, ResultRow, ScanSummary, Store } from '../store/store.js';

export interface StoredScan {
  scan: ScanSummary;
  /** the scan's findings (fail / error results) and the findings it resolved */
  findings: FindingRecord[];
  results: ResultRow[];
  /** problems met while reading, each naming the finding */
  warnings: string[];
}

export class ScanNotFoundError extends Error {}

/**
 * What a report is about: one scan asked for by id, or else the current state of an audit (its
 * latest full scan with the re-checks applied after it: the summary then has `rechecks`), of
 * `auditKey` or of the audit that wrote the latest scan. A re-check alone is never "the latest".
 */
export async function resolveScan(
  store: Store,
  sel: { scanId?: string; auditKey?: string },
): Promise<ScanSummary> {
  if (sel.scanId) {
    const scan = await store.getScan(sel.scanId);
    if (!scan) throw new ScanNotFoundError(`no scan with id "${sel.scanId}" in ${store.location}`);
    if (scan.status !== 'complete')
      throw new ScanNotFoundError(`scan ${scan.id} is ${scan.status}: only complete scans have a report`);
    if (sel.auditKey && scan.audit_key !== sel.auditKey)
      throw new ScanNotFoundError(
        `scan ${scan.id} belongs to audit "${scan.audit_key}", not "${sel.auditKey}"`,
      );
    return scan;
  }
  if (sel.auditKey) {
    const state = await store.currentState(sel.auditKey);
    if (!state)
      throw new ScanNotFoundError(`audit "${sel.auditKey}" has no complete scan in ${store.location}`);
    return state.summary;
  }
  const [latest] = await store.listScans({ limit: 1 });
  if (!latest) throw new ScanNotFoundError(`no complete scan in ${store.location}: run cloudward scan first`);
  const state = await store.currentState(latest.audit_key);
  if (!state)
    throw new ScanNotFoundError(
      `audit "${latest.audit_key}" has only re-checks of single resources in ${store.location}, no complete full scan: run cloudward scan first`,
    );
  return state.summary;
}

/**
 * Read a scan back from the store as the scan command reported it. For the current state of an
 * audit (its latest full scan, re-checks applied) the finding records are current, and the
 * findings resolved since that full scan started are listed as resolved. For an older scan, or
 * a re-check asked for by id, each finding's state is the one its lifecycle events give for that
 * scan, and its description and severity are that scan's result; the rest of the record
 * (evidence, tags) is the latest stored version, since the store keeps one record per finding.
 */
export async function loadStoredScan(store: Store, scan: ScanSummary): Promise<StoredScan> {
  const state = await store.currentState(scan.audit_key);
  if (state && state.base.id === scan.id && (scan.rechecks !== undefined || state.rechecks.length === 0)) {
    return loadCurrentState(store, state);
  }
  return loadOneScan(store, scan);
}

/** The findings of an audit's current state: the current records of its failing and errored results. */
async function loadCurrentState(store: Store, state: CurrentState): Promise<StoredScan> {
  const warnings: string[] = [];
  const [results, all, lives] = await Promise.all([
    store.currentResults(state),
    store.findings({ audit_key: state.audit_key }),
    store.findingLives(state.audit_key),
  ]);
  const byId = new Map(all.map((f) => [f.com.finding_id, f]));
  const findings: FindingRecord[] = [];
  const failing = new Set<string>();
  for (const row of results) {
    if (row.status !== 'fail' && row.status !== 'error') continue;
    if (failing.has(row.finding_id)) continue;
    failing.add(row.finding_id);
    const rec = byId.get(row.finding_id);
    if (rec) findings.push(rec);
    else
      warnings.push(
        `finding ${row.finding_id} (${row.check_id} on ${row.reference}) has a result but no stored finding`,
      );
  }
  // findings resolved since the full scan started (by it or by a re-check after it)
  const since = Date.parse(state.base.started_at);
  for (const rec of all) {
    const id = rec.com.finding_id;
    if (failing.has(id) || rec.com.state !== 'resolved') continue;
    const resolvedAt = lives.get(id)?.resolved_at;
    if (resolvedAt && Date.parse(resolvedAt) >= since) findings.push(rec);
  }
  return { scan: state.summary, findings, results, warnings };
}

async function loadOneScan(store: Store, scan: ScanSummary): Promise<StoredScan> {
  const warnings: string[] = [];
  const results = await store.results(scan.id);
  const all = await store.findings({ audit_key: scan.audit_key });
  const byId = new Map(all.map((f) => [f.com.finding_id, f]));

  const findings: FindingRecord[] = [];
  const failing = new Set<string>();
  // several checks' results may belong to one finding (one exposure): the primary check's row
  // speaks for it, with the highest severity among them
  const rowsOf = new Map<string, ResultRow[]>();
  for (const row of results) {
    if (row.status !== 'fail' && row.status !== 'error') continue;
    const list = rowsOf.get(row.finding_id);
    if (list) list.push(row);
    else rowsOf.set(row.finding_id, [row]);
  }
  for (const [id, rows] of rowsOf) {
    const stored = byId.get(id);
    const rank = (r: ResultRow) =>
      (r.status === 'fail' ? 0 : 2) + (r.check_id === stored?.ext.check_id ? 0 : 1);
    const row = [...rows].sort((a, b) => rank(a) - rank(b))[0] as ResultRow;
    const severity = rows
      .filter((r) => r.status === row.status)
      .map((r) => r.severity)
      .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
    failing.add(row.finding_id);
    const rec = stored;
    if (!rec) {
      warnings.push(
        `finding ${row.finding_id} (${row.check_id} on ${row.reference}) has a result but no stored finding`,
      );
      continue;
    }
    const got = await store.finding(row.finding_id);
    const event = got?.events.find((e) => e.scan_id === scan.id);
    const state: FindingState = event?.state ?? 'open';
    findings.push({
      ...rec,
      com: {
        ...rec.com,
        state,
        status: row.status as FindingRecord['com']['status'],
        severity,
        description: row.message,
        last_seen: scan.started_at,
        audit_version: scan.id,
      },
    });
  }

  // Findings this scan resolved: their life records it (resolved_at is the scan's start).
  for (const rec of all) {
    if (failing.has(rec.com.finding_id)) continue;
    if (rec.com.first_seen > scan.started_at) continue;
    const got = await store.finding(rec.com.finding_id);
    const resolvedHere = got?.events.some((e) => e.scan_id === scan.id && e.state === 'resolved');
    if (resolvedHere) findings.push({ ...rec, com: { ...rec.com, state: 'resolved' } });
  }
  return { scan, findings, results, warnings };
}
