import type { FindingRecord, FindingState } from '../core/record.js';
import type { Severity } from '../core/severity.js';

/*
 * What the dashboard reads beyond the Store interface: paged and counted finding queries,
 * facets, inventory summaries, detections and saved dashboards. The Store answers questions
 * a scan needs; these answer the questions a person browsing 100,000 findings asks.
 */

export const FINDING_SORTS = [
  'severity',
  'last_seen',
  'first_seen',
  'name',
  'check',
  'state',
  'account',
  'cloud',
] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export const FACETS = [
  'severity',
  'state',
  'status',
  'cloud',
  'account',
  'service',
  'check',
  'region',
] as const;
export type Facet = (typeof FACETS)[number];

/**
 * The result a finding stands for: `fail` (a check found a problem) or `error` (the data could
 * not be read: "could not evaluate", never counted as a problem).
 */
export const FINDING_STATUSES = ['fail', 'error'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface FindingFilter {
  audit_key?: string;
  /** effective states (muted included); empty or absent = any */
  states?: FindingState[];
  severities?: Severity[];
  /** fail, error or both; empty or absent = both */
  statuses?: FindingStatus[];
  cloud?: string;
  account?: string;
  /** any of these account ids (the accounts under a level of a cloud's hierarchy); empty matches none */
  accounts?: string[];
  service?: string;
  region?: string;
  check_id?: string;
  reference?: string;
  /** 'check' or 'detection' (com.origin_type) */
  origin?: 'check' | 'detection';
  /** case-insensitive substring of name, reference, check id, title or message */
  search?: string;
}

export interface FindingPageQuery extends FindingFilter {
  sort?: FindingSort;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** One row of the findings list: what a table shows, without evidence. */
export interface FindingSummary {
  finding_id: string;
  audit_key: string;
  check_id: string;
  title: string;
  severity: Severity;
  state: FindingState;
  status: string;
  cloud: string;
  account: string;
  /** the account's name, where the estate has one */
  account_name?: string;
  region: string;
  service: string;
  name: string;
  reference: string;
  message: string;
  first_seen: string;
  last_seen: string;
  origin: string;
  muted: { owner: string; reason: string; expires_at: string | null } | null;
}

export interface FindingPage {
  total: number;
  items: FindingSummary[];
}

/** How many findings of one severity an account has. */
export interface AccountSeverityCount {
  cloud: string;
  account: string;
  severity: Severity;
  count: number;
}

export interface CountRow {
  key: string;
  count: number;
  /** how to show the key, when it differs (an account's name) */
  label?: string;
}

export interface ScanChanges {
  counts: Partial<Record<FindingState, number>>;
  items: { state: FindingState; finding: FindingSummary }[];
}

export interface ResourceTypeCount {
  type: string;
  common_type: string;
  cloud: string;
  count: number;
}

export interface ResourceSummary {
  reference: string;
  name: string;
  type: string;
  common_type: string;
  cloud: string;
  account: string;
  account_name?: string;
  region: string;
  tags: Record<string, string>;
}

/**
 * Which scans an inventory question is about: one scan, or an audit's current state (its full
 * scan then its re-checks, oldest first; a later scan's version of a resource replaces the
 * earlier one).
 */
export type ScanScope = readonly string[];

export interface ResourceQuery {
  scope: ScanScope;
  type?: string;
  search?: string;
  limit: number;
  offset: number;
}

/** Over the detections a detection run stored (rule hits on activity-log events). */
export interface DetectionPageQuery {
  /** ISO timestamps of the event, inclusive from, exclusive to */
  from?: string;
  to?: string;
  actor?: string;
  source_ip?: string;
  search?: string;
  limit: number;
  offset: number;
}

/** A detection hit as the Activity page shows it. */
export interface DetectionRecord {
  finding_id: string;
  time: string;
  actor: string | null;
  source_ip: string | null;
  action: string | null;
  title: string;
  rule: string;
  severity: Severity;
  state: FindingState;
  cloud: string;
  account: string;
  region: string;
  message: string;
  record: FindingRecord;
}

export interface DetectionPage {
  total: number;
  items: DetectionRecord[];
}

export const CHART_TYPES = ['bar', 'pie', 'line', 'table', 'number'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const QUERY_SOURCES = ['findings', 'trend', 'activity', 'inventory'] as const;
export type QuerySource = (typeof QUERY_SOURCES)[number];

/** A saved query: what a widget shows. */
export interface WidgetQuery {
  source: QuerySource;
  /** findings: a facet; activity: actor, source_ip, country, action or day; inventory: type, cloud, account, region */
  group_by?: string;
  filter?: {
    states?: FindingState[];
    severities?: Severity[];
    /** fail (the default) or error ("could not evaluate") */
    statuses?: FindingStatus[];
    cloud?: string;
    account?: string;
    service?: string;
    check_id?: string;
    search?: string;
  };
  /** at most this many groups (the rest are summed as "other") */
  limit?: number;
}

export interface Widget {
  id: string;
  title: string;
  chart: ChartType;
  query: WidgetQuery;
  /** columns of a 3-column grid */
  width: 1 | 2 | 3;
}

export interface Dashboard {
  id: string;
  name: string;
  description: string;
  widgets: Widget[];
  created_at: string;
  updated_at: string;
}

export type DashboardInput = Pick<Dashboard, 'name' | 'description' | 'widgets'>;

export interface DashboardStore {
  findingsPage(q: FindingPageQuery): Promise<FindingPage>;
  /** counts of the findings matching `f`, grouped by one facet, most first */
  findingCounts(f: FindingFilter, by: Facet, limit?: number): Promise<CountRow[]>;
  /** counts of the findings matching `f` by cloud, account and severity, in one grouped read */
  accountSeverityCounts(f: FindingFilter): Promise<AccountSeverityCount[]>;
  /** counts for several facets at once, in one pass over the matching findings */
  findingFacets(f: FindingFilter, by: readonly Facet[], limit?: number): Promise<Record<Facet, CountRow[]>>;
  /**
   * States findings entered in the scans of a scope (new, resolved, regressed...), each finding
   * counted once in the state the last of them gave it: counts per state, and the first `limit`
   * changes other than 'open', most severe first.
   */
  scanChanges(scope: ScanScope, limit: number): Promise<ScanChanges>;
  resourceTypes(scope: ScanScope): Promise<ResourceTypeCount[]>;
  resourceCounts(scope: ScanScope, by: 'type' | 'cloud' | 'account' | 'region'): Promise<CountRow[]>;
  resourcesPage(q: ResourceQuery): Promise<{ total: number; items: ResourceSummary[] }>;
  detections(q: DetectionPageQuery): Promise<DetectionPage>;
  listDashboards(): Promise<Dashboard[]>;
  getDashboard(id: string): Promise<Dashboard | null>;
  createDashboard(d: DashboardInput): Promise<Dashboard>;
  /** null when there is no such dashboard */
  updateDashboard(id: string, d: DashboardInput): Promise<Dashboard | null>;
  deleteDashboard(id: string): Promise<boolean>;
  /** a number that changes whenever another connection commits: for caches */
  dataVersion(): Promise<number>;
  close(): Promise<void>;
}
