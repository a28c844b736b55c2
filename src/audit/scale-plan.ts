import { createHash } from 'node:crypto';
import type { ProviderConfig } from '../config/schema.js';
import type { CollectOptions, Provider, UnitCollections, UnitProvider, UnitScope } from '../core/provider.js';
import { isUnitProvider } from '../core/provider.js';
import type { CheckSelection } from './resolve.js';

/*
 * What the process that starts a scan split into units (`scan --distributed`) and the workers
 * that run them agree on: the queue, the job names and ids, and the plan stored with the scan.
 */

/** The BullMQ queue of scan units and account evaluations (its keys are under the config's prefix). */
export const SCAN_QUEUE = 'scan-units';

export interface UnitJob {
  kind: 'unit';
  scanId: string;
  providerOrd: number;
  unit: UnitScope;
}

export interface AccountJob {
  kind: 'account';
  scanId: string;
  providerOrd: number;
  account: string;
}

export type ScaleJob = UnitJob | AccountJob;

/** Stored with the scan: what every worker needs to run its units as the starting process would. */
export interface ScalePlan {
  scanId: string;
  auditKey: string;
  startedAt: string;
  selection: CheckSelection;
  /** the check ids the starting process selected: a worker whose config selects others refuses */
  checkIds: string[];
  providers: { name: string; configHash: string }[];
}

/** A BullMQ job id (BullMQ refuses ':' in custom ids). */
export function jobId(scanId: string, ...parts: (string | number)[]): string {
  return [scanId, ...parts].map((p) => String(p).replace(/[^A-Za-z0-9_.-]/g, '_')).join('.');
}

/** A provider config's fingerprint: a worker must read the same providers as the starting process. */
export function providerConfigHash(cfg: ProviderConfig): string {
  return createHash('sha256').update(stableJson(cfg)).digest('hex').slice(0, 16);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A provider split into units. A provider that cannot split (it discovers its accounts as it
 * collects) is one unit of all its accounts: it scales out only across providers, and its
 * worker holds all of it.
 */
export function asUnitProvider(p: Provider): UnitProvider {
  if (isUnitProvider(p)) return p;
  return {
    name: p.name,
    collect: (opts) => p.collect(opts),
    planUnits: async () => [{ key: `${p.name}/*`, account: '*', account_ord: 0, region: 'all' }],
    async collectUnit(_unit: UnitScope, opts: CollectOptions): Promise<UnitCollections[]> {
      const out: UnitCollections[] = [];
      for await (const batch of p.collect(opts)) {
        out.push({
          cloud: batch.cloud,
          account: batch.account,
          account_ord: out.length,
          ...(batch.account_name ? { account_name: batch.account_name } : {}),
          ...(batch.path ? { path: batch.path } : {}),
          collections: batch.collections.map((collection, seq) => ({ seq, collection })),
        });
      }
      return out;
    },
    // its accounts are unknown: the unit's error goes to the scan's errors as the provider's
    failedUnit: () => [],
  };
}
