import type { AnyCheck } from './check.js';
import type { AccountBatch, Collection } from './provider.js';
import type { CloudType } from './record.js';

/**
 * What a partial scan (an event-driven re-check) re-evaluates, and so which finding lives it may
 * change: a finding of any other resource is never read as resolved by it.
 */
export type PartialScope =
  | {
      /** one resource, freshly collected (`collection.items` is empty when it is gone) */
      kind: 'resource';
      cloud: CloudType;
      /** the collector type of the resource */
      type: string;
      account: string;
      region: string;
      /** the resource's id; null for a per-scope setting (every record of the type there) */
      id: string | null;
      collection: Collection;
    }
  | {
      /** account-scope checks, with every type they read in one account freshly collected */
      kind: 'scope';
      batch: AccountBatch;
    };

/** The part of a reference that names the resource (rules and settings of it follow a '#'). */
export function primaryReference(reference: string): string {
  const i = reference.indexOf('#');
  return i < 0 ? reference : reference.slice(0, i);
}

/** True when a reference names the resource `id`: its last path or ARN segment is the id. */
export function referenceNames(reference: string, id: string): boolean {
  const p = primaryReference(reference);
  if (p.toLowerCase() === id.toLowerCase()) return true;
  return p.endsWith(`/${id}`) || p.endsWith(`:${id}`);
}

/** The checks of a scope that a partial scan runs: per-resource ones for a resource, account-scope ones for an account. */
export function partialChecks(scope: PartialScope, checks: readonly AnyCheck[]): AnyCheck[] {
  return checks.filter((c) => c.kind === scope.kind);
}
