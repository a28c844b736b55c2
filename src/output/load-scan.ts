import type { FindingRecord, FindingState } from '../core/record.js';
import { severityRank } from '../core/severity.js';
import type { ResultRow, ScanSummary, Store } from '../store/store.js';

export interface StoredScan {
  scan: ScanSummary;
  /** the scan's findings (fail / error results) and the findings it resolved */
  findings: FindingRecord[];
  results: ResultRow[];
  /** problems met while reading, each naming the finding */
  warnings: string[];
}

export class ScanNotFoundError extends Error {}

/** The scan asked for: an id, the last complete scan of an audit, or the last complete scan of any audit. */
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
    const scan = await store.lastScan(sel.auditKey);
    if (!scan)
      throw new ScanNotFoundError(`audit "${sel.auditKey}" has no complete scan in ${store.location}`);
    return scan;
  }
  const [scan] = await store.listScans({ limit: 1 });
  if (!scan) throw new ScanNotFoundError(`no complete scan in ${store.location}: run cloudward scan first`);
  return scan;
}

/**
 * Read one scan back from the store as the scan command reported it. For the latest scan of an
 * audit the finding records are current. For an older scan, each finding's state is the one its
 * lifecycle events give for that scan, and its description and severity are that scan's result;
 * the rest of the record (evidence, tags) is the latest stored version, since the store keeps one
 * record per finding.
 */
export async function loadStoredScan(store: Store, scan: ScanSummary): Promise<StoredScan> {
  const warnings: string[] = [];
  const results = await store.results(scan.id);
  const all = await store.findings({ audit_key: scan.audit_key });
  const byId = new Map(all.map((f) => [f.com.finding_id, f]));
  const latest = (await store.lastScan(scan.audit_key))?.id === scan.id;

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
    if (latest) {
      findings.push(rec);
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
    if (latest && rec.com.state !== 'resolved') continue;
    if (rec.com.first_seen > scan.started_at) continue;
    const got = await store.finding(rec.com.finding_id);
    const resolvedHere = got?.events.some((e) => e.scan_id === scan.id && e.state === 'resolved');
    if (resolvedHere) findings.push({ ...rec, com: { ...rec.com, state: 'resolved' } });
  }
  return { scan, findings, results, warnings };
}
