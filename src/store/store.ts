import type { FindingRecord, FindingState, ResourceRecord, ResultStatus } from '../core/record.js';
import type { Severity } from '../core/severity.js';

export interface ScanError {
  cloud: string;
  account: string;
  region: string;
  /** the collector type or check id that failed */
  source: string;
  message: string;
}

/** An account's display name, as its cloud gave it (an AWS organisation's account name). */
export interface AccountName {
  cloud: string;
  account: string;
  name: string;
}

export interface ScanSummary {
  /** run id: a UTC timestamp (com.audit_version) */
  id: string;
  audit_key: string;
  label: string | null;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'complete' | 'aborted';
  counts: {
    resources: number;
    results: Record<ResultStatus, number>;
    findings: Partial<Record<FindingState, number>>;
  };
  errors: ScanError[];
  /** names of the accounts the scan read, where the cloud gives them */
  accounts?: AccountName[];
  /**
   * Set only on the summary of an audit's current state (Store.currentState): the re-checks
   * applied on top of the full scan this summary is named after.
   */
  rechecks?: { count: number; scan_ids: string[]; last_started_at: string | null };
}

/**
 * The estate's current state for one audit: its latest complete full scan, plus the partial
 * scans (re-checks of single resources) committed after it, which replace what they re-read.
 * Every reader of "now" (reports, the dashboard's overview, inventory, compliance and what
 * changed) reads this; only a reader asked for one scan by id reads that scan alone.
 */
export interface CurrentState {
  audit_key: string;
  /** the latest complete full scan */
  base: ScanSummary;
  /** partial scans started after it, oldest first */
  rechecks: ScanSummary[];
  /** base.id then the re-checks' ids, oldest first: a later scan's rows replace an earlier one's */
  scan_ids: string[];
  /**
   * The state as one summary: base's id, label and start; counts of the merged results and
   * inventory; every scan's collection errors; finished at the last re-check's end.
   */
  summary: ScanSummary;
}

/** One check evaluated on one resource (or scope). */
export interface ResultRow {
  finding_id: string;
  check_id: string;
  reference: string;
  resource_name: string;
  cloud: string;
  account: string;
  region: string;
  status: ResultStatus;
  severity: Severity;
  message: string;
}

/** A finding's life across the scans of one audit. */
export interface FindingLife {
  finding_id: string;
  audit_key: string;
  check_id: string;
  reference: string;
  /** lifecycle state without mutes: new, open, regressed or resolved */
  state: Exclude<FindingState, 'muted'>;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  /** the latest finding record */
  record: FindingRecord;
}

export interface FindingEvent {
  finding_id: string;
  scan_id: string;
  state: FindingState;
  at: string;
}

export interface Mute {
  finding_id: string;
  owner: string;
  reason: string;
  created_at: string;
  /** ISO timestamp, or null for a mute with no end */
  expires_at: string | null;
}

export interface FindingQuery {
  audit_key?: string;
  states?: FindingState[];
  min_severity?: Severity;
  check_id?: string;
  cloud?: string;
  account?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

export interface ResourceVersion {
  scan_id: string;
  scan_started_at: string;
  record: ResourceRecord;
}

/** Writes one scan. Nothing is visible to readers until commit(); abort() or a crash leaves no trace. */
export interface ScanWriter {
  addResources(records: ResourceRecord[]): Promise<void>;
  addResults(rows: ResultRow[]): Promise<void>;
  /** commits the scan row, its resources and results, and the new finding lives in one step */
  commit(summary: ScanSummary, lives: FindingLife[], events: FindingEvent[]): Promise<void>;
  abort(): Promise<void>;
}

export interface Store {
  readonly location: string;
  beginScan(scan: ScanSummary): Promise<ScanWriter>;
  /** complete scans, newest first; `full_only` leaves out partial scans (rechecks of one resource) */
  listScans(opts?: { audit_key?: string; limit?: number; full_only?: boolean }): Promise<ScanSummary[]>;
  getScan(id: string): Promise<ScanSummary | null>;
  /** the latest complete full scan of an audit (rechecks of single resources are not full scans) */
  lastScan(auditKey: string): Promise<ScanSummary | null>;
  /** the audit's current state (null: the audit has no complete full scan) */
  currentState(auditKey: string): Promise<CurrentState | null>;
  /**
   * The results of a current state: each check's latest result on each resource. A re-check's
   * row replaces the earlier row of the same finding id; a finding a re-check resolved without
   * a row of its own (the resource is gone) loses its earlier row.
   */
  currentResults(state: CurrentState): Promise<ResultRow[]>;
  /** every finding life of an audit that is not resolved, plus resolved ones (for regressions) */
  findingLives(auditKey: string): Promise<Map<string, FindingLife>>;
  findings(q: FindingQuery): Promise<FindingRecord[]>;
  finding(
    findingId: string,
  ): Promise<{ life: FindingLife; events: FindingEvent[]; mute: Mute | null } | null>;
  results(scanId: string): Promise<ResultRow[]>;
  resources(scanId: string, type?: string): Promise<ResourceRecord[]>;
  /** every stored version of a resource, oldest first, matched on reference or name */
  resourceHistory(referenceOrName: string): Promise<ResourceVersion[]>;
  mute(m: Mute): Promise<void>;
  unmute(findingId: string): Promise<boolean>;
  /** mutes in force at `now` */
  activeMutes(now: Date): Promise<Map<string, Mute>>;
  close(): Promise<void>;
}
