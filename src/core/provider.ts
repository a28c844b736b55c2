import type { CloudType, ResourceRecord } from './record.js';

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
}

/** Everything collected for one account; the engine evaluates and stores one account at a time. */
export interface AccountBatch {
  cloud: CloudType;
  account: string;
  account_name?: string;
  collections: Collection[];
}

export interface CollectOptions {
  /** resource types the selected checks use (ext or com record types) */
  types: Set<string>;
  onProgress?: (done: number, total: number, what: string) => void;
}

export interface Provider {
  name: string;
  collect(opts: CollectOptions): AsyncIterable<AccountBatch>;
}

/**
 * Turns one raw item of a collector into records. A single raw item may yield several
 * records: a security group yields itself and one `firewall_rule` record per rule.
 * Throw with a message naming the missing or malformed field when the raw shape is wrong.
 */
export interface Normaliser {
  /** the collector type (ext.record_type of the primary record), e.g. aws.ec2.security_group */
  type: string;
  cloud: CloudType;
  service: string;
  /** every ext and com record type this normaliser can produce */
  produces: string[];
  normalise(raw: Record<string, unknown>, scope: ScopeRef): ResourceRecord[];
}

export function defineNormaliser(n: Normaliser): Normaliser {
  return n;
}

/** A provider cannot run at all (no usable credentials, no reachable endpoint): the user must act. */
export class ProviderError extends Error {
  override name = 'ProviderError';
}
