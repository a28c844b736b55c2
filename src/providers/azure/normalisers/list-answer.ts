import { type Enrichment, enrichment, type Json, records } from '../../normalise-kit.js';

/**
 * A per-item call answered as a list (the collector's `list: true` reads, or a `{value: [...]}`
 * answer): the list, or why it is unknown. Absent (null: "not configured") is an empty list.
 */
export function listAnswer(raw: Json, key: string): { list: Json[] | null; state: Enrichment } {
  const v = raw[key];
  if (Array.isArray(v)) return { list: records(v), state: { state: 'value', value: {} } };
  const state = enrichment(raw, key);
  if (state.state === 'absent') return { list: [], state };
  if (state.state === 'value') {
    const inner = state.value.value;
    if (Array.isArray(inner)) return { list: records(inner), state };
    return { list: null, state: { state: 'unknown', reason: `${key} is not a list` } };
  }
  return { list: null, state };
}
