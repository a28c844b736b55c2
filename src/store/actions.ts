import type { ActionRecord, ActionState } from '../core/remediation.js';
import { messageOf, StoreError } from './errors.js';

/*
 * The remediation actions of a store (src/core/remediation.ts), shared by the SQLite and
 * PostgreSQL implementations: the row's columns and the record read back.
 */

export type { ActionQuery, ActionRecord, ActionState, ActionStore } from '../core/remediation.js';

export const FINAL_STATES: readonly ActionState[] = [
  'failed',
  'interrupted',
  'undone',
  'undo_failed',
  'alerted',
  'rejected',
];

export function actionColumns(r: ActionRecord): [string, string, string, number, number] {
  const created = Date.parse(r.created_at);
  const updated = Date.parse(r.updated_at);
  if (Number.isNaN(created) || Number.isNaN(updated))
    throw new Error(`action ${r.id}: created_at / updated_at is not a time`);
  return [r.id, r.state, r.target_key, created, updated];
}

export function parseActionRecord(location: string, id: string, value: unknown): ActionRecord {
  try {
    const r = (typeof value === 'string' ? JSON.parse(value) : value) as ActionRecord;
    if (typeof r !== 'object' || r === null || r.id !== id)
      throw new Error('the record does not match its row');
    return r;
  } catch (err) {
    throw new StoreError(location, `remediation action ${id} holds an unreadable record (${messageOf(err)})`);
  }
}

/** The record with the patch applied and a new update time. */
export function patched(
  r: ActionRecord,
  patch: Partial<Omit<ActionRecord, 'id'>>,
  now = new Date(),
): ActionRecord {
  return { ...r, ...patch, id: r.id, updated_at: now.toISOString() };
}
