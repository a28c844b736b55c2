import type { FindingRecord, FindingState, ResourceRecord, ResultStatus } from './record.js';
import type { Severity } from './severity.js';

/*
 * What the engine reads and writes when it records a scan: the scan's summary, its results,
 * each finding's life and the mutes in force, and the port a store implements for it.
 * The store (src/store/) implements ScanStore and re-exports these shapes; they live in core
 * so that the engine depends on no layer above it.
 */

export interface ScanError {
  cloud: string;
  account: string;
  region: string;
  /** the collector type or check id that failed */
  source: string;
  message: string;
}

/** The kinds of level above an account in the clouds' hierarchies. */
export const ORG_LEVEL_KINDS = [
  'organization', // AWS organisation, GCP organisation
  'organizational_unit', // AWS
  'management_group', // Azure (the tenant root group included)
  'folder', // GCP
] as const;
export type OrgLevelKind = (typeof ORG_LEVEL_KINDS)[number];

/** One level above an account in its cloud's hierarchy, with its name where the cloud gives it. */
export interface OrgLevel {
  kind: OrgLevelKind;
  id: string;
  name?: string;
}

/**
 * An account's display name, as its cloud gave it (an AWS organisation's account name; the id
 * when the cloud gives none), and its place in its cloud's hierarchy.
 */
export interface AccountName {
  cloud: string;
  account: string;
  name: string;
  /** the levels above the account, outermost first (organisation, then OUs); absent: unknown */
  path?: OrgLevel[];
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

/** Writes one scan. Nothing is visible to readers until commit(); abort() or a crash leaves no trace. */
export interface ScanWriter {
  addResources(records: ResourceRecord[]): Promise<void>;
  addResults(rows: ResultRow[]): Promise<void>;
  /** commits the scan row, its resources and results, and the new finding lives in one step */
  commit(summary: ScanSummary, lives: FindingLife[], events: FindingEvent[]): Promise<void>;
  abort(): Promise<void>;
}

/** What the engine needs of a store to run and record one scan. */
export interface ScanStore {
  beginScan(scan: ScanSummary): Promise<ScanWriter>;
  /** every finding life of an audit that is not resolved, plus resolved ones (for regressions) */
  findingLives(auditKey: string): Promise<Map<string, FindingLife>>;
  /** mutes in force at `now` */
  activeMutes(now: Date): Promise<Map<string, Mute>>;
}
