import { FINDING_STATES, type FindingRecord, type FindingState } from '../core/record.js';
import { isSeverity, severityRank } from '../core/severity.js';
import { StoreError } from './errors.js';
import { type LifeRow, readFinding } from './sqlite-rows.js';
import type { FindingQuery } from './store.js';

/** SQL for findings(q). `cw_fold` is the Unicode lower-casing function the store registers. */
export interface FindingsSql {
  sql: string;
  params: (string | number)[];
}

const EFFECTIVE_STATE = "CASE WHEN m.finding_id IS NULL THEN f.state ELSE 'muted' END";

function count(location: string, name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0)
    throw new StoreError(location, `findings query: ${name} must be a whole number >= 0`);
  return v;
}

export function findingsSql(location: string, q: FindingQuery, nowMs: number): FindingsSql {
  const where: string[] = [];
  const params: (string | number)[] = [nowMs];
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  eq('f.audit_key', q.audit_key);
  eq('f.check_id', q.check_id);
  eq('f.cloud', q.cloud);
  eq('f.account', q.account);
  // an empty list means "any state", like an absent one
  if (q.states && q.states.length > 0) {
    for (const s of q.states) {
      if (!(FINDING_STATES as readonly string[]).includes(s)) {
        throw new StoreError(
          location,
          `findings query: unknown state "${s}" (expected ${FINDING_STATES.join(', ')})`,
        );
      }
    }
    where.push(`${EFFECTIVE_STATE} IN (${q.states.map(() => '?').join(', ')})`);
    params.push(...q.states);
  }
  if (q.min_severity !== undefined) {
    if (!isSeverity(q.min_severity)) {
      throw new StoreError(location, `findings query: unknown severity "${String(q.min_severity)}"`);
    }
    where.push('f.severity_rank >= ?');
    params.push(severityRank(q.min_severity));
  }
  if (q.search !== undefined && q.search !== '') {
    const cols = ['f.name', 'f.reference', 'f.check_id', 'f.message'];
    where.push(`(${cols.map((c) => `instr(cw_fold(${c}), ?) > 0`).join(' OR ')})`);
    const needle = q.search.toLowerCase();
    params.push(...cols.map(() => needle));
  }
  const limit = count(location, 'limit', q.limit);
  const offset = count(location, 'offset', q.offset);
  let page = '';
  if (limit !== undefined || offset !== undefined) {
    page = 'LIMIT ? OFFSET ?';
    params.push(limit ?? -1, offset ?? 0);
  }
  const sql = `
    SELECT f.*, ${EFFECTIVE_STATE} AS effective_state,
           m.owner AS mute_owner, m.reason AS mute_reason, m.expires_at AS mute_expires_at
      FROM findings f
      LEFT JOIN mutes m
        ON m.finding_id = f.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ?)
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY f.severity_rank DESC, f.last_seen_ms DESC, f.finding_id, f.audit_key
     ${page}`;
  return { sql, params };
}

export interface FindingRow extends LifeRow {
  effective_state: FindingState;
  mute_owner: string | null;
  mute_reason: string | null;
  mute_expires_at: string | null;
}

/**
 * The stored record as a reader should see it: the life's state (or 'muted') and dates in
 * com, and ext.muted present exactly when a mute is in force.
 */
export function presentFinding(location: string, row: FindingRow): FindingRecord {
  const rec = readFinding(location, `finding ${row.finding_id} of audit ${row.audit_key}`, row.record);
  const { muted: _stale, ...ext } = rec.ext;
  const muted =
    row.mute_owner !== null
      ? { muted: { owner: row.mute_owner, reason: row.mute_reason ?? '', expires_at: row.mute_expires_at } }
      : {};
  return {
    ...rec,
    ext: { ...ext, ...muted },
    com: { ...rec.com, state: row.effective_state, first_seen: row.first_seen, last_seen: row.last_seen },
  };
}
