import { FINDING_STATES } from '../core/record.js';
import type { Store } from '../store/store.js';
import { UserError } from './errors.js';

/**
 * The full id of a finding given as commands print it: the whole id, or a unique prefix of at
 * least 6 hex characters (the lists show the first 8).
 */
export async function resolveFindingId(store: Store, id: string): Promise<string> {
  if (!/^[0-9a-f]{6,64}$/.test(id))
    throw new UserError(`"${id}" is not a finding id (hex, at least 6 characters)`);
  if (await store.finding(id)) return id;
  const all = await store.findings({ states: [...FINDING_STATES], limit: 1_000_000 });
  const hits = [...new Set(all.map((f) => f.com.finding_id).filter((f) => f.startsWith(id)))];
  if (hits.length === 1 && hits[0]) return hits[0];
  if (hits.length > 1) throw new UserError(`finding id prefix ${id} is ambiguous (${hits.length} matches)`);
  throw new UserError(`no finding with id ${id}`);
}
