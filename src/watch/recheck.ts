import type { AnyCheck } from '../core/check.js';
import { runPartialScan, type ScanOptions, type ScanReport } from '../core/engine.js';
import type { PartialScope } from '../core/partial-scope.js';
import type { AccountBatch, Collection } from '../core/provider.js';
import { NORMALISERS_REGISTRY } from '../providers/normalisers.js';
import type { Store } from '../store/store.js';
import { type ResourceTarget, SINGLETON } from './resource-ids.js';

/*
 * A recheck is the engine's partial mode (runPartialScan in src/core/engine.ts): this module
 * only says what an event's target is in the engine's terms.
 */

export { primaryReference, referenceNames } from '../core/partial-scope.js';
export { isPartialScan, PARTIAL_SCAN_PREFIX } from '../core/scan-kind.js';

export interface RecheckContext extends Pick<ScanOptions, 'configMute' | 'now' | 'beforeCommit'> {
  auditKey: string;
  store: Store;
  /** resolved parameters per check id */
  params: Map<string, unknown>;
  /** check id -> compliance references */
  compliance: Map<string, string[]>;
}

export type RecheckReport = ScanReport;

/**
 * Re-evaluates one resource from a fresh collection of it (`collection.items` holds the
 * resource's raw item, or nothing when it is gone) with the per-resource checks given. Findings
 * of the resource (and of the records derived from it, such as a security group's rules) that
 * did not recur are resolved; nothing else is touched. A collection that failed changes nothing
 * and is an error.
 */
export function recheckResource(
  ctx: RecheckContext,
  target: ResourceTarget,
  collection: Collection,
  checks: readonly AnyCheck[],
): Promise<RecheckReport> {
  return runPartialScan({
    ...ctx,
    normalisers: NORMALISERS_REGISTRY,
    checks: [...checks],
    scope: resourceScope(target, collection),
  });
}

/** The engine's partial scope for a fresh collection of an event's target. */
export function resourceScope(target: ResourceTarget, collection: Collection): PartialScope {
  return {
    kind: 'resource',
    cloud: target.cloud,
    type: target.type,
    account: target.account,
    region: target.region,
    id: target.id === SINGLETON ? null : target.id,
    collection,
  };
}

/**
 * Re-evaluates account-scope checks from a fresh collection of every type they read in one
 * account. The checks ran on complete data, so their findings in that account that did not
 * recur are resolved, as in a full scan; other checks' findings are not touched.
 */
export function recheckScope(
  ctx: RecheckContext,
  batch: AccountBatch,
  checks: readonly AnyCheck[],
): Promise<RecheckReport> {
  return runPartialScan({
    ...ctx,
    normalisers: NORMALISERS_REGISTRY,
    checks: [...checks],
    scope: { kind: 'scope', batch },
  });
}
