import { z } from 'zod';
import {
  FINDING_STATES,
  type FindingRecord,
  type FindingState,
  RESULT_STATUSES,
  type ResourceRecord,
} from '../core/record.js';
import { ORG_LEVEL_KINDS } from '../core/scan-store.js';
import { SEVERITIES, severityRank } from '../core/severity.js';
import { messageOf, StoreError } from './errors.js';
import type { FindingEvent, FindingLife, Mute, ResultRow, ScanError, ScanSummary } from './store.js';

/*
 * Conversions between the Store's objects and table rows. Writes are checked field by field
 * before anything is written, so a bad batch is refused whole with a message naming each bad
 * item; reads check the JSON they parse, so a damaged row is reported, not passed on.
 */

const LIFE_STATES = ['new', 'open', 'regressed', 'resolved'] as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects the problems of one item; `str` and friends return a value even when it is bad. */
class Checker {
  readonly problems: string[] = [];
  constructor(private readonly obj: Obj) {}

  str(path: string, opts: { nonEmpty?: boolean; optional?: boolean } = {}): string {
    const v = this.get(path);
    if (v === undefined && opts.optional) return '';
    if (typeof v !== 'string' || (opts.nonEmpty && v === '')) {
      this.problems.push(`${path} must be a${opts.nonEmpty ? ' non-empty' : ''} string`);
      return '';
    }
    return v;
  }

  time(path: string, nullable = false): { text: string | null; ms: number } {
    const v = this.get(path);
    if (nullable && (v === null || v === undefined)) return { text: null, ms: 0 };
    const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (typeof v !== 'string' || Number.isNaN(ms)) {
      this.problems.push(`${path} must be an ISO timestamp${nullable ? ' or null' : ''}`);
      return { text: '', ms: 0 };
    }
    return { text: v, ms };
  }

  oneOf<T extends string>(path: string, allowed: readonly T[]): T {
    const v = this.get(path);
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${path} must be one of ${allowed.join(', ')}`);
      return allowed[0] as T;
    }
    return v as T;
  }

  json(path: string, value: unknown): string {
    try {
      const text = JSON.stringify(value);
      if (typeof text === 'string') return text;
    } catch (err) {
      this.problems.push(`${path} cannot be stored as JSON: ${messageOf(err)}`);
      return '';
    }
    this.problems.push(`${path} cannot be stored as JSON`);
    return '';
  }

  get(path: string): unknown {
    let cur: unknown = this.obj;
    for (const key of path.split('.')) cur = isObj(cur) ? cur[key] : undefined;
    return cur;
  }
}

/** Checks every item, then throws one error listing the bad ones (up to 5), or returns the columns. */
function checkAll<T, C>(
  location: string,
  what: string,
  items: readonly T[],
  label: (item: T, i: number) => string,
  columns: (c: Checker, item: T) => C,
): C[] {
  if (!Array.isArray(items)) throw new StoreError(location, `${what}: expected an array`);
  const out: C[] = [];
  const bad: string[] = [];
  items.forEach((item, i) => {
    const value: unknown = item;
    if (!isObj(value)) {
      bad.push(`#${i}: not an object`);
      return;
    }
    const c = new Checker(value);
    const cols = columns(c, item);
    if (c.problems.length > 0) bad.push(`#${i} (${label(item, i)}): ${c.problems.join(', ')}`);
    else out.push(cols);
  });
  if (bad.length > 0) {
    const more = bad.length > 5 ? `; and ${bad.length - 5} more` : '';
    throw new StoreError(
      location,
      `${what}: ${bad.length} of ${items.length} refused, nothing written: ${bad.slice(0, 5).join('; ')}${more}`,
    );
  }
  return out;
}

function labelOf(v: unknown, ...paths: string[]): string {
  const c = new Checker(isObj(v) ? v : {});
  for (const p of paths) {
    const s = c.get(p);
    if (typeof s === 'string' && s !== '') return s;
  }
  return 'unnamed';
}

export type ScanColumns = [
  id: string,
  audit_key: string,
  label: string | null,
  started_at: string,
  started_ms: number,
  finished_at: string | null,
  counts: string,
  errors: string,
  accounts: string,
];

export function scanColumns(location: string, scan: ScanSummary): ScanColumns {
  const [cols] = checkAll(
    location,
    'scan summary',
    [scan],
    (s) => labelOf(s, 'id'),
    (c, s): ScanColumns => {
      const label = c.get('label');
      if (label !== null && label !== undefined && typeof label !== 'string')
        c.problems.push('label must be a string or null');
      if (!isObj(c.get('counts'))) c.problems.push('counts must be an object');
      if (!Array.isArray(c.get('errors'))) c.problems.push('errors must be an array');
      const accounts = c.get('accounts');
      if (accounts !== undefined && !accountsSchema.safeParse(accounts).success)
        c.problems.push('accounts must be a list of {cloud, account, name, path?}');
      const started = c.time('started_at');
      return [
        c.str('id', { nonEmpty: true }),
        c.str('audit_key', { nonEmpty: true }),
        typeof label === 'string' ? label : null,
        started.text ?? '',
        started.ms,
        c.time('finished_at', true).text,
        c.json('counts', s.counts),
        c.json('errors', s.errors),
        c.json('accounts', s.accounts ?? []),
      ];
    },
  );
  return cols!;
}

export type ResourceColumns = [
  reference: string,
  name: string,
  ext_record_type: string,
  com_record_type: string,
  cloud: string,
  account: string,
  region: string,
  record: string,
];

export function resourceColumns(
  location: string,
  what: string,
  records: readonly ResourceRecord[],
): ResourceColumns[] {
  return checkAll(
    location,
    what,
    records,
    (r) => labelOf(r, 'com.reference', 'com.name'),
    (c, r): ResourceColumns => {
      if (!isObj(c.get('raw'))) c.problems.push('raw must be an object');
      return [
        c.str('com.reference', { nonEmpty: true }),
        c.str('com.name'),
        c.str('ext.record_type', { nonEmpty: true }),
        c.str('com.record_type', { nonEmpty: true }),
        c.str('com.cloud_type', { nonEmpty: true }),
        c.str('com.account'),
        c.str('com.region'),
        c.json('record', r),
      ];
    },
  );
}

export type ResultColumns = [
  finding_id: string,
  check_id: string,
  reference: string,
  resource_name: string,
  cloud: string,
  account: string,
  region: string,
  status: string,
  severity: string,
  message: string,
];

export function resultColumns(location: string, what: string, rows: readonly ResultRow[]): ResultColumns[] {
  return checkAll(
    location,
    what,
    rows,
    (r) => labelOf(r, 'check_id'),
    (c): ResultColumns => [
      c.str('finding_id', { nonEmpty: true }),
      c.str('check_id', { nonEmpty: true }),
      c.str('reference', { nonEmpty: true }),
      c.str('resource_name'),
      c.str('cloud', { nonEmpty: true }),
      c.str('account'),
      c.str('region'),
      c.oneOf('status', RESULT_STATUSES),
      c.oneOf('severity', SEVERITIES),
      c.str('message'),
    ],
  );
}

export type LifeColumns = [
  audit_key: string,
  finding_id: string,
  check_id: string,
  reference: string,
  name: string,
  message: string,
  state: string,
  first_seen: string,
  last_seen: string,
  last_seen_ms: number,
  resolved_at: string | null,
  severity: string,
  severity_rank: number,
  cloud: string,
  account: string,
  record: string,
];

export function lifeColumns(
  location: string,
  auditKey: string,
  lives: readonly FindingLife[],
): LifeColumns[] {
  return checkAll(
    location,
    'finding lives',
    lives,
    (l) => labelOf(l, 'finding_id'),
    (c, l): LifeColumns => {
      const audit = c.str('audit_key', { nonEmpty: true });
      if (audit !== '' && audit !== auditKey)
        c.problems.push(`audit_key "${audit}" is not the scan's audit "${auditKey}"`);
      if (!isObj(c.get('record'))) c.problems.push('record must be an object');
      const lastSeen = c.time('last_seen');
      const severity = c.oneOf('record.com.severity', SEVERITIES);
      return [
        audit,
        c.str('finding_id', { nonEmpty: true }),
        c.str('check_id', { nonEmpty: true }),
        c.str('reference', { nonEmpty: true }),
        c.str('record.com.name', { optional: true }),
        c.str('record.ext.message', { optional: true }),
        c.oneOf('state', LIFE_STATES),
        c.time('first_seen').text ?? '',
        lastSeen.text ?? '',
        lastSeen.ms,
        c.time('resolved_at', true).text,
        severity,
        severityRank(severity),
        c.str('record.com.cloud_type', { nonEmpty: true }),
        c.str('record.com.account'),
        c.json('record', l.record),
      ];
    },
  );
}

/** What the dashboard filters on, from a life's record: status, region, service, origin, title, description. */
export type LifeFacts = [
  status: string,
  region: string,
  service: string,
  origin: string,
  title: string,
  description: string,
];

export function lifeFacts(l: FindingLife): LifeFacts {
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const { com, ext } = l.record;
  return [
    text(com.status, 'fail'),
    text(com.region, ''),
    text(com.service, ''),
    text(com.origin_type, 'check'),
    text(ext.check_title, l.check_id),
    text(com.description, ''),
  ];
}

export type EventColumns = [finding_id: string, scan_id: string, state: string, at: string];

export function eventColumns(location: string, events: readonly FindingEvent[]): EventColumns[] {
  return checkAll(
    location,
    'finding events',
    events,
    (e) => labelOf(e, 'finding_id'),
    (c): EventColumns => [
      c.str('finding_id', { nonEmpty: true }),
      c.str('scan_id', { nonEmpty: true }),
      c.oneOf('state', FINDING_STATES),
      c.time('at').text ?? '',
    ],
  );
}

export type MuteColumns = [
  finding_id: string,
  owner: string,
  reason: string,
  created_at: string,
  expires_at: string | null,
  expires_ms: number | null,
];

export function muteColumns(location: string, mute: Mute): MuteColumns {
  const [cols] = checkAll(
    location,
    'mute',
    [mute],
    (m) => labelOf(m, 'finding_id'),
    (c): MuteColumns => {
      const expires = c.time('expires_at', true);
      return [
        c.str('finding_id', { nonEmpty: true }),
        c.str('owner', { nonEmpty: true }),
        c.str('reason', { nonEmpty: true }),
        c.time('created_at').text ?? '',
        expires.text,
        expires.text === null ? null : expires.ms,
      ];
    },
  );
  return cols!;
}

// ---- reading -------------------------------------------------------------------------------

function parseJson(location: string, where: string, text: unknown): unknown {
  if (typeof text !== 'string') throw new StoreError(location, `${where}: expected JSON text`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StoreError(location, `${where}: damaged JSON (${messageOf(err)})`, { cause: err });
  }
}

function parseRecord(location: string, where: string, text: unknown): Obj {
  const v = parseJson(location, where, text);
  if (!isObj(v) || !isObj(v.raw) || !isObj(v.ext) || !isObj(v.com)) {
    throw new StoreError(location, `${where}: not a {raw, ext, com} record`);
  }
  return v;
}

export function readResource(location: string, where: string, text: unknown): ResourceRecord {
  return parseRecord(location, where, text) as unknown as ResourceRecord;
}

export function readFinding(location: string, where: string, text: unknown): FindingRecord {
  return parseRecord(location, where, text) as unknown as FindingRecord;
}

const countsSchema = z.object({
  resources: z.number(),
  results: z.record(z.string(), z.number()),
  findings: z.record(z.string(), z.number()),
});
const orgLevelSchema = z.object({
  kind: z.enum(ORG_LEVEL_KINDS),
  id: z.string(),
  name: z.string().optional(),
});
const accountsSchema = z.array(
  z.object({
    cloud: z.string(),
    account: z.string(),
    name: z.string(),
    path: z.array(orgLevelSchema).optional(),
  }),
);
const errorsSchema = z.array(
  z.object({
    cloud: z.string(),
    account: z.string(),
    region: z.string(),
    source: z.string(),
    message: z.string(),
  }),
);

export interface ScanRow {
  id: string;
  audit_key: string;
  label: string | null;
  started_at: string;
  finished_at: string | null;
  status: ScanSummary['status'];
  counts: string;
  errors: string;
  accounts: string;
}

export function readScan(location: string, row: ScanRow): ScanSummary {
  const where = `scan ${row.id}`;
  const counts = countsSchema.safeParse(parseJson(location, `${where} counts`, row.counts));
  const errors = errorsSchema.safeParse(parseJson(location, `${where} errors`, row.errors));
  if (!counts.success) throw new StoreError(location, `${where}: damaged counts (${counts.error.message})`);
  if (!errors.success) throw new StoreError(location, `${where}: damaged errors (${errors.error.message})`);
  const accounts = accountsSchema.safeParse(parseJson(location, `${where} accounts`, row.accounts));
  if (!accounts.success)
    throw new StoreError(location, `${where}: damaged accounts (${accounts.error.message})`);
  return {
    id: row.id,
    audit_key: row.audit_key,
    label: row.label,
    started_at: row.started_at,
    finished_at: row.finished_at,
    status: row.status,
    counts: counts.data as ScanSummary['counts'],
    errors: errors.data as ScanError[],
    ...(accounts.data.length > 0 ? { accounts: accounts.data } : {}),
  };
}

export interface LifeRow {
  audit_key: string;
  finding_id: string;
  check_id: string;
  reference: string;
  state: Exclude<FindingState, 'muted'>;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  record: string;
}

export function readLife(location: string, row: LifeRow): FindingLife {
  return {
    finding_id: row.finding_id,
    audit_key: row.audit_key,
    check_id: row.check_id,
    reference: row.reference,
    state: row.state,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    resolved_at: row.resolved_at,
    record: readFinding(location, `finding ${row.finding_id} of audit ${row.audit_key}`, row.record),
  };
}

export interface MuteRow {
  finding_id: string;
  owner: string;
  reason: string;
  created_at: string;
  expires_at: string | null;
}

export function readMute(row: MuteRow): Mute {
  return {
    finding_id: row.finding_id,
    owner: row.owner,
    reason: row.reason,
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
}
