import type { z } from 'zod';
import { describeIssues } from './issues.js';
import type { CloudType, ResourceRecord } from './record.js';
import type { OrgLevel } from './scan-store.js';

/** Where a collection was made: one account / subscription / project, and a region ('global' if none). */
export interface ScopeRef {
  cloud: CloudType;
  account: string;
  region: string;
  /** AWS: the partition of the credentials that read it (aws, aws-cn, aws-us-gov), for ARNs */
  partition?: string;
}

/**
 * The raw answers one collector got in one scope. `items` are the `raw` buckets of the
 * resources (each call's answer under its own key, the list item under `item`). A collector
 * that failed has `error` instead, with the reason (API, error code, message).
 */
export interface Collection extends ScopeRef {
  type: string;
  items?: Record<string, unknown>[];
  error?: string;
  /**
   * The service is not in use in this scope (a GCP API that is not enabled in the project), with
   * the reason: `items` is empty, and the checks of the collector's types are not applicable
   * there rather than failed or errored.
   */
  not_applicable?: string;
}

/** Everything collected for one account; the engine evaluates and stores one account at a time. */
export interface AccountBatch {
  cloud: CloudType;
  account: string;
  account_name?: string;
  /** the levels above the account in its cloud's hierarchy, outermost first (absent: unknown) */
  path?: OrgLevel[];
  collections: Collection[];
}

export interface CollectOptions {
  /** resource types the selected checks use (ext or com record types) */
  types: Set<string>;
  /**
   * Per record type, the only facts (ext fields) the selected checks read of it (see
   * factsNeeded in check.ts): a provider may skip the per-item calls that feed none of them.
   * A type not in the map: every fact.
   */
  facts?: ReadonlyMap<string, ReadonlySet<string>>;
  onProgress?: (done: number, total: number, what: string) => void;
}

export interface Provider {
  name: string;
  collect(opts: CollectOptions): AsyncIterable<AccountBatch>;
}

/**
 * Turns one raw item of a collector into records. A single raw item may yield several
 * records: a security group yields itself and one `firewall_rule` record per rule.
 * `raw` declares the fields the normaliser reads with their types; a raw item that does not
 * match it is refused before `normalise` runs, naming the field ("IpPermissions[0].IpRanges:
 * expected an array, got string"), so a value of the wrong type is never read as absent.
 * Throw with a message naming the missing or malformed field when the raw shape is wrong.
 */
export interface Normaliser {
  /** the collector type (ext.record_type of the primary record), e.g. aws.ec2.security_group */
  type: string;
  cloud: CloudType;
  service: string;
  /** every ext and com record type this normaliser can produce */
  produces: string[];
  /** the raw fields the normaliser reads (src/providers/raw-shape.ts builds these) */
  raw: z.ZodType;
  normalise(raw: Record<string, unknown>, scope: ScopeRef): ResourceRecord[];
}

/** A raw item that could not be normalised: which one, and why. */
export interface NormaliseError {
  /** which item: `<collector type> item <index>` (or the collector type when no item is at fault) */
  reference: string;
  message: string;
}

/**
 * The normalisers the engine turns collections into records with. The engine gets them from
 * its caller (the providers' registry), so core depends on no provider.
 */
export interface NormaliserRegistry {
  /** every record type a collector yields: its own type plus what its normaliser produces */
  producedBy(collectorType: string): readonly string[];
  /** the collector types that produce any of the requested ext or com record types */
  collectorTypesFor(types: ReadonlySet<string>): string[];
  /** every item of a collection as records; a bad item is an error entry, the rest come through */
  normalise(c: Collection): { records: ResourceRecord[]; errors: NormaliseError[] };
}

/** The raw shape error of an item, or null when it has the shape the normaliser reads. */
export function rawShapeProblem(n: Pick<Normaliser, 'raw'>, raw: Record<string, unknown>): string | null {
  const r = n.raw.safeParse(raw);
  // paths are relative to the list item; per-item answers keep their key (publicAccessBlock.…)
  return r.success ? null : describeIssues(r.error.issues, raw, { dropPrefix: ['item'] });
}

/** A normaliser whose `normalise` first checks the raw item against its declared shape. */
export function defineNormaliser(n: Normaliser): Normaliser {
  return {
    ...n,
    normalise(raw, scope) {
      const problem = rawShapeProblem(n, raw);
      if (problem) throw new Error(`${n.type}: ${problem}`);
      return n.normalise(raw, scope);
    },
  };
}

/** A provider cannot run at all (no usable credentials, no reachable endpoint): the user must act. */
export class ProviderError extends Error {
  override name = 'ProviderError';
}

/**
 * A part of a scan that a worker can collect on its own (scale-out): one account and region
 * (or 'global') of a provider, with the collectors it runs. `key` names it uniquely in its scan.
 */
export interface UnitScope {
  key: string;
  account: string;
  account_name?: string;
  path?: OrgLevel[];
  /** the account's place in the provider's order */
  account_ord: number;
  region: string;
  /**
   * The account the provider's own credentials belong to, as the plan found it: a worker paces
   * its first identity call in that account's budget before the answer can tell it.
   */
  caller?: string;
}

/** What a unit collected for one account: each collection with its place in the account's order. */
export interface UnitCollections {
  cloud: CloudType;
  account: string;
  account_ord: number;
  account_name?: string;
  path?: OrgLevel[];
  collections: { seq: number; collection: Collection }[];
}

/**
 * A provider whose scan splits into units. Collecting every unit of an account and ordering the
 * collections by `seq` gives exactly the account's batch of `collect`.
 */
export interface UnitProvider extends Provider {
  planUnits(opts: CollectOptions): Promise<UnitScope[]>;
  collectUnit(unit: UnitScope, opts: CollectOptions): Promise<UnitCollections[]>;
  /** the collections that record a unit that failed for good, so its checks report `error` there */
  failedUnit(unit: UnitScope, opts: CollectOptions, reason: string): UnitCollections[];
}

export function isUnitProvider(p: Provider): p is UnitProvider {
  const u = p as Partial<UnitProvider>;
  return (
    typeof u.planUnits === 'function' &&
    typeof u.collectUnit === 'function' &&
    typeof u.failedUnit === 'function'
  );
}
