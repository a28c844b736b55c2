import type { Collection } from '../core/provider.js';
import type { CloudType } from '../core/record.js';
import type { OrgLevel } from '../core/scan-store.js';

/*
 * What a scan split into units (scale-out: workers on many machines) keeps in PostgreSQL: the
 * scan's plan, each unit's state, the raw collections a unit wrote, and each account's
 * evaluation. Workers write here; the process that committed the scan reads the evaluations
 * back one account at a time. Only the PostgreSQL store has it: SQLite is one process's store.
 */

/** A unit as planned: the scope it collects. */
export interface PlannedUnitRow {
  key: string;
  /** position of the unit's provider in the audit */
  provider_ord: number;
  /** the account it collects, or '*' when its provider does not split (one unit for all its accounts) */
  account: string;
  region: string;
}

/** One account's part of what a unit collected. */
export interface UnitAccountPart {
  cloud: CloudType;
  account: string;
  /** the account's place in its provider's order (a one-process scan evaluates accounts in it) */
  account_ord: number;
  account_name?: string | undefined;
  path?: OrgLevel[] | undefined;
  /** each collection with its place in the account's order */
  collections: { seq: number; collection: Collection }[];
}

export interface AccountCollections {
  cloud: CloudType;
  account: string;
  account_ord: number;
  account_name?: string;
  path?: OrgLevel[];
  collections: Collection[];
}

/** abandoned: its scan was given up before the unit was written (it is not run or written any more) */
export type UnitStatus = 'waiting' | 'running' | 'done' | 'abandoned';

export interface ScaleProgress {
  units: { total: number; done: number; running: number; failed: number };
  /** accounts with stored collections, and those evaluated (or whose evaluation failed) */
  accounts: { seen: number; evaluated: number; failed: { account: string; failure: string }[] };
  /** why the scan was abandoned (given up), or null while it is not */
  abandoned: string | null;
}

/** What abandoning a scan did: abandoned now; or not, because it had ended, its commit began, or it is unknown. */
export type AbandonOutcome = 'abandoned' | 'ended' | 'committing' | 'unknown';

export interface ScaleStatusRow {
  scan_id: string;
  audit_key: string;
  account: string;
  waiting: number;
  running: number;
  done: number;
  /** units retried after an error (attempts > 1) */
  retried: number;
  /** units whose last attempt failed: their error is in the scan's errors */
  failed: number;
  /** units not written when the scan was abandoned: they are not run any more */
  abandoned: number;
  /** the scan is committed (the latest finished scan of each audit is listed after those in progress) */
  finished: boolean;
  /**
   * why the scan was abandoned, or null: each audit's latest abandoned scan is listed until a scan
   * of the audit commits after it
   */
  abandoned_reason: string | null;
}

export interface ScaleScanRecord {
  auditKey: string;
  plan: unknown;
  /** committed */
  finished: boolean;
  /** why it was abandoned, or null */
  abandoned: string | null;
}

export interface ScaleOutStore {
  /** records a scan's plan and units; a scan id used before is refused */
  createScan(scanId: string, auditKey: string, plan: unknown, units: PlannedUnitRow[]): Promise<void>;
  /** the plan of a scan, or null when there is none (dropped, or never created) */
  plan(scanId: string): Promise<unknown | null>;
  /** a scan as recorded, for resuming it: null when there is none */
  scanRecord(scanId: string): Promise<ScaleScanRecord | null>;
  /** the scans of an audit neither committed nor abandoned, oldest first */
  openScans(auditKey: string): Promise<string[]>;
  /** the keys of the scan's units that are done */
  doneUnits(scanId: string): Promise<Set<string>>;
  /** the keys of every unit the scan planned */
  plannedUnitKeys(scanId: string): Promise<Set<string>>;
  /**
   * a worker takes the unit: 'done' when it was completed already (a repeat: nothing to do),
   * 'abandoned' when its scan was given up (nothing to do either)
   */
  startUnit(scanId: string, unitKey: string, worker: string): Promise<'run' | 'done' | 'abandoned'>;
  /**
   * Writes what the unit collected and marks it done, in one transaction, once: a repeat of a
   * unit already done writes nothing ('repeat'), nor does a unit of a scan abandoned meanwhile
   * ('abandoned'). `error`: the unit failed for good, and its parts hold the error collections
   * that say so.
   */
  completeUnit(
    scanId: string,
    unitKey: string,
    parts: UnitAccountPart[],
    worker: string,
    error?: string,
  ): Promise<'written' | 'repeat' | 'abandoned'>;
  /** of these accounts of a provider, those whose every unit is done */
  accountsReady(scanId: string, providerOrd: number, accounts: string[]): Promise<string[]>;
  /** an account's collections, in the provider's order */
  accountCollections(scanId: string, providerOrd: number, account: string): Promise<AccountCollections>;
  /** stores an account's evaluation (or why it failed), once; false when it was stored already or the scan was abandoned */
  saveEvaluation(
    scanId: string,
    providerOrd: number,
    account: string,
    accountOrd: number,
    outcome: { evaluation: unknown } | { failure: string },
  ): Promise<boolean>;
  progress(scanId: string): Promise<ScaleProgress>;
  /** the accounts' evaluations in the order a one-process scan evaluates them, one at a time */
  evaluations(scanId: string): AsyncIterable<{ provider_ord: number; account: string; evaluation: unknown }>;
  /** the units that failed for good, with their error */
  failedUnits(scanId: string): Promise<(PlannedUnitRow & { error: string })[]>;
  /** units per scan and account, for the scans not finished yet */
  status(): Promise<ScaleStatusRow[]>;
  /**
   * The scan's committer begins the commit: from now on the scan is not abandoned under it
   * (its evaluations are being read). False when the scan was abandoned first.
   */
  beginCommit(scanId: string): Promise<boolean>;
  /**
   * Gives a scan up: its units not written are marked abandoned (a worker takes none of them
   * any more, and one still running writes nothing), its collections and evaluations are
   * forgotten. Refused ('committing') once its commit began, so a commit never loses what it reads,
   * unless `committer`: the committer itself gives the scan up after its commit failed.
   */
  abandonScan(scanId: string, reason: string, committer?: boolean): Promise<AbandonOutcome>;
  /**
   * After the scan's commit (or abandoning it): forgets its collections and evaluations; the
   * units stay as the record of who ran what.
   */
  finishScan(scanId: string): Promise<void>;
}
