import type { DetectionStateStore } from '../core/detection-state.js';
import type { IncidentStore } from '../core/incidents.js';
import type { FindingRecord, FindingState, ResourceRecord } from '../core/record.js';
import type { ActionStore } from '../core/remediation.js';
import type {
  FindingEvent,
  FindingLife,
  Mute,
  ResultRow,
  ScanSummary,
  ScanWriter,
} from '../core/scan-store.js';
import type { Severity } from '../core/severity.js';
import type { DashboardStore } from './dashboard-store.js';
import type { DetectionStore } from './detections.js';
import type { Outbox } from './outbox.js';
import type { QueryStore } from './query.js';
import type { ScaleOutStore } from './scale-out.js';
import type { WatchReplicaStore } from './watch-replicas.js';

export type {
  AccountName,
  FindingEvent,
  FindingLife,
  Mute,
  ResultRow,
  ScanError,
  ScanSummary,
  ScanWriter,
} from '../core/scan-store.js';

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
  /*
   * The store's other tables, each behind its own interface, in the same database: SQLite opens
   * a second connection to the same file (WAL lets it write while the store's connection reads;
   * a ':memory:' store's side stores are private in-memory databases); PostgreSQL shares the
   * store's pool. Close them before the store.
   */
  /** the alert outbox (releases the leases of this host's dead senders when opened) */
  openOutbox(): Promise<Outbox>;
  /**
   * The tables of scans split into units for workers (scale-out); only a store many machines
   * share has them (PostgreSQL): undefined on SQLite.
   */
  readonly scaleOut?: ScaleOutStore;
  /**
   * What `watch` replicas share (leases, log checkpoints, scheduled runs): only on a store
   * many machines share (PostgreSQL); undefined on SQLite.
   */
  readonly watchReplicas?: WatchReplicaStore;
  /** the detections of Sigma rules over activity logs */
  openDetections(): Promise<DetectionStore>;
  /** the dashboard's reads and its saved dashboards */
  openDashboards(): Promise<DashboardStore>;
  /** incidents folded from detections (src/detect/incidents.ts) */
  openIncidents(): Promise<IncidentStore>;
  /** what the stateful detections remember (src/detect/stateful/) */
  openDetectionState(): Promise<DetectionStateStore>;
  /** read-only SQL over the store's query tables, and the saved queries (src/store/query.ts) */
  openQueries(): Promise<QueryStore>;
  /** remediation actions: what was done, what it answered, how to undo it (src/core/remediation.ts) */
  openActions(): Promise<ActionStore>;
  close(): Promise<void>;
}
