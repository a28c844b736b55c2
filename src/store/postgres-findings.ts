import { FINDING_STATES } from '../core/record.js';
import { isSeverity, severityRank } from '../core/severity.js';
import { StoreError } from './errors.js';
import type { FindingQuery } from './store.js';

/*
 * SQL for findings(q) on PostgreSQL: the same filters, effective state and order as the SQLite
 * store (src/store/sqlite-findings.ts). Search matches search_fold, the name, reference,
 * check id and message lower-cased by JavaScript when written, so it folds case the same way
 * as SQLite's cw_fold whatever the database's locale.
 */

export interface PgSql {
  sql: string;
  params: unknown[];
}

const EFFECTIVE_STATE = "CASE WHEN m.finding_id IS NULL THEN f.state ELSE 'muted' END";

/** The columns a FindingRow (sqlite-findings.ts) needs, with the record as JSON text. */
export const LIFE_SELECT = `f.audit_key, f.finding_id, f.check_id, f.reference, f.state, f.first_seen,
  f.last_seen, f.resolved_at, f.record::text AS record`;

function count(location: string, name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0)
    throw new StoreError(location, `findings query: ${name} must be a whole number >= 0`);
  return v;
}

export function pgFindingsSql(location: string, schema: string, q: FindingQuery, nowMs: number): PgSql {
  const where: string[] = [];
  const params: unknown[] = [nowMs];
  const bind = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const eq = (column: string, value: string | undefined) => {
    if (value !== undefined) where.push(`${column} = ${bind(value)}`);
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
    where.push(`${EFFECTIVE_STATE} = ANY(${bind([...q.states])}::text[])`);
  }
  if (q.min_severity !== undefined) {
    if (!isSeverity(q.min_severity)) {
      throw new StoreError(location, `findings query: unknown severity "${String(q.min_severity)}"`);
    }
    where.push(`f.severity_rank >= ${bind(severityRank(q.min_severity))}`);
  }
  if (q.search !== undefined && q.search !== '') {
    where.push(
      `EXISTS (SELECT 1 FROM unnest(f.search_fold) AS t(v) WHERE strpos(t.v, ${bind(q.search.toLowerCase())}) > 0)`,
    );
  }
  const limit = count(location, 'limit', q.limit);
  const offset = count(location, 'offset', q.offset);
  let page = '';
  if (limit !== undefined || offset !== undefined) {
    // LIMIT NULL is no limit
    page = `LIMIT ${bind(limit ?? null)}::bigint OFFSET ${bind(offset ?? 0)}::bigint`;
  }
  const sql = `
    SELECT ${LIFE_SELECT}, ${EFFECTIVE_STATE} AS effective_state,
           m.owner AS mute_owner, m.reason AS mute_reason, m.expires_at AS mute_expires_at
      FROM ${schema}.findings f
      LEFT JOIN ${schema}.mutes m
        ON m.finding_id = f.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > $1::bigint)
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY f.severity_rank DESC, f.last_seen_ms DESC, f.finding_id, f.audit_key
     ${page}`;
  return { sql, params };
}

/** What search_fold holds for a finding life: its searchable text, lower-cased. */
export function searchFold(name: string, reference: string, checkId: string, message: string): string[] {
  return [name, reference, checkId, message].map((s) => s.toLowerCase());
}

/**
 * What search_text holds for a finding life (the dashboard's search, under a trigram index):
 * name, reference, check id, check title and description, lower-cased by JavaScript.
 */
export function searchText(
  name: string,
  reference: string,
  checkId: string,
  title: string,
  description: string,
): string {
  return [name, reference, checkId, title, description].join('\u001f').toLowerCase();
}
