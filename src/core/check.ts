import type { z } from 'zod';
import { issueLines } from './issues.js';
import type { CloudType, ResourceRecord } from './record.js';
import type { CheckResult } from './result.js';
import type { Severity } from './severity.js';

/** How to fix what a check found, for one cloud. */
export interface CloudRemediation {
  text: string;
  cli?: string;
  iac?: string;
}

/**
 * How to fix what a check found. A cloud-specific check gives one fix. A cross-cloud check
 * gives a cloud-neutral `text` (no commands) and one fix per cloud under `clouds`, so that a
 * finding shows only the fix for its own cloud (see `remediationFor`).
 */
export interface Remediation extends CloudRemediation {
  clouds?: Partial<Record<CloudType, CloudRemediation>>;
}

/** The fix for a finding on `cloud`: that cloud's own fix, or the check's general one. */
export function remediationFor(check: { remediation: Remediation }, cloud: CloudType): CloudRemediation {
  const { clouds, ...general } = check.remediation;
  return clouds?.[cloud] ?? general;
}

/** Data of a record type that could not be read in one region: its whole collection, or some items. */
export interface Unreadable {
  type: string;
  region: string;
  reason: string;
}

/** What a scope check sees: one account / subscription / project and its inventory. */
export interface ScopeContext {
  cloud: CloudType;
  account: string;
  /**
   * Every record of a type (ext.record_type or com.record_type) in this scope. When some of that
   * type's data could not be read, this throws `UnreadableDataError`, and the check's result is
   * `error` with the reason: a check that only calls `resources` never judges incomplete data.
   */
  resources(type: string): ResourceRecord[];
  /**
   * The records of a type that could be read, and what could not (per region). A check that
   * reads with this decides for itself: it reports every definite failure among the readable
   * records and `error` (see `unreadableErrors`) only for what depends on the unreadable part.
   */
  readable(type: string): { records: ResourceRecord[]; unreadable: Unreadable[] };
}

/** Thrown by `ScopeContext.resources` for a type of which some data could not be read. */
export class UnreadableDataError extends Error {
  override name = 'UnreadableDataError';
  constructor(readonly unreadable: Unreadable[]) {
    super(unreadable.map((u) => `${u.type} in ${u.region}: ${u.reason}`).join('; '));
  }
}

/** A scope's inventory, remembering whether the check looked at data that could not be read. */
export class ScopeInventory implements ScopeContext {
  /** true once the check read a type of which some data was unreadable */
  touchedUnreadable = false;
  constructor(
    readonly cloud: CloudType,
    readonly account: string,
    private readonly records: (type: string) => ResourceRecord[],
    private readonly unreadableOf: (type: string) => Unreadable[] = () => [],
  ) {}

  resources(type: string): ResourceRecord[] {
    const unreadable = this.unreadableOf(type);
    if (unreadable.length > 0) {
      this.touchedUnreadable = true;
      throw new UnreadableDataError(unreadable);
    }
    // a copy, so a check that sorts or filters in place cannot disturb the next check
    return [...this.records(type)];
  }

  readable(type: string): { records: ResourceRecord[]; unreadable: Unreadable[] } {
    const unreadable = this.unreadableOf(type);
    if (unreadable.length > 0) this.touchedUnreadable = true;
    return { records: [...this.records(type)], unreadable };
  }
}

/**
 * One `error` result per type and region that could not be read, about that part of the
 * inventory (`<cloud>:<account>:<region>:<type>`, as the engine names a failed collection).
 */
export function unreadableErrors(ctx: ScopeContext, unreadable: Unreadable[]): CheckResult[] {
  return unreadable.map((u) => ({
    status: 'error',
    message: `could not be evaluated: ${u.reason}`,
    resource: {
      reference: `${ctx.cloud}:${ctx.account}:${u.region}:${u.type}`,
      name: `${u.type} in ${u.region}`,
      record_type: u.type,
    },
  }));
}

interface CheckMetaBase<P> {
  /** `<cloud|common>.<service>.<what_should_be_true>`, lower snake case segments */
  id: string;
  title: string;
  severity: Severity;
  description: string;
  risk: string;
  remediation: Remediation;
  references: string[];
  /** resource types the check reads: an ext.record_type ("aws.s3.bucket") or com.record_type ("firewall_rule") */
  uses: string[];
  /**
   * The facts (ext fields) the check reads, per type of `uses`, so a scan collects nothing else
   * of that type: `{ 'aws.s3.bucket': ['mfa_delete'] }`. A type left out: every fact of it.
   */
  facts?: Partial<Record<string, string[]>>;
  /** log event names (CloudTrail eventName, Azure operationName, GCP methodName) that can change the result */
  triggers: string[];
  /** com.record_type of the findings (Cloudmarker finding type); defaults to `<resource type>_event` */
  finding_type?: string;
  /**
   * The exposure the check reports, when other checks report the same one ("network.internet_ingress":
   * a port open to the internet). Failures of checks with the same exposure on the same resource
   * are one finding carrying every check's compliance (src/core/exposure.ts); such checks share
   * their finding_type too.
   */
  exposure?: string;
  /**
   * Run only when asked for: named (or matched by a pattern) in the selected checks, or enabled in
   * the config's `checks`. The imports of the clouds' own detectors' findings are such checks:
   * they call APIs a plain audit does not, and report what the cloud already reports.
   */
  opt_in?: boolean;
  /** clouds the check applies to; omitted = every cloud that has its resource type */
  clouds?: CloudType[];
  /** tunable parameters with defaults, validated when overridden in the config */
  params?: z.ZodType<P>;
}

export interface ResourceCheck<P = Record<string, never>> extends CheckMetaBase<P> {
  kind: 'resource';
  resource: string;
  /**
   * The account's result when it has no resource of this type at all (every region read), for
   * controls whose subject must exist: with no trail, "trail logs are encrypted" fails. Omitted:
   * no resource, no result (the requirement is not applicable).
   */
  whenNone?: CheckResult;
  evaluate(resource: ResourceRecord, params: P): CheckResult;
}

export interface ScopeCheck<P = Record<string, never>> extends CheckMetaBase<P> {
  kind: 'scope';
  scope: 'account';
  evaluate(ctx: ScopeContext, params: P): CheckResult | CheckResult[];
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds checks of every parameter type
export type AnyCheck = ResourceCheck<any> | ScopeCheck<any>;

type ResourceInput<P> = Omit<ResourceCheck<P>, 'kind' | 'uses'> & { uses?: string[] };
type ScopeInput<P> = Omit<ScopeCheck<P>, 'kind'>;

export function defineCheck<P = Record<string, never>>(def: ResourceInput<P>): ResourceCheck<P>;
export function defineCheck<P = Record<string, never>>(def: ScopeInput<P>): ScopeCheck<P>;
export function defineCheck<P>(def: ResourceInput<P> | ScopeInput<P>): ResourceCheck<P> | ScopeCheck<P> {
  if ('resource' in def) {
    const uses = def.uses ?? [def.resource];
    if (!uses.includes(def.resource)) uses.unshift(def.resource);
    checkFacts(def.id, uses, def.facts);
    return { ...def, uses, kind: 'resource' };
  }
  checkFacts(def.id, def.uses, def.facts);
  return { ...def, kind: 'scope' };
}

function checkFacts(id: string, uses: readonly string[], facts: CheckMetaBase<unknown>['facts']): void {
  for (const [type, list] of Object.entries(facts ?? {})) {
    if (!uses.includes(type)) throw new Error(`${id}: facts of ${type}, which the check does not use`);
    if (!list || list.length === 0) throw new Error(`${id}: facts of ${type} is empty`);
  }
}

/**
 * Per record type, the facts the checks read, for the types every check using them narrows
 * (`facts`); a type some check reads whole is left out (every fact of it is needed).
 */
export function factsNeeded(checks: readonly AnyCheck[]): Map<string, Set<string>> {
  const whole = new Set<string>();
  const out = new Map<string, Set<string>>();
  for (const check of checks) {
    for (const type of check.uses) {
      const listed = check.facts?.[type];
      if (!listed) {
        whole.add(type);
        continue;
      }
      const set = out.get(type) ?? new Set<string>();
      for (const f of listed) set.add(f);
      out.set(type, set);
    }
  }
  for (const type of whole) out.delete(type);
  return out;
}

export function findingType(check: AnyCheck): string {
  if (check.finding_type) return check.finding_type;
  const base = check.kind === 'resource' ? check.resource : check.id;
  return `${base.replace(/\./g, '_')}_event`;
}

/** True when a record is of `type`, matched on its cloud-specific or its common record type. */
export function isOfType(rec: ResourceRecord, type: string): boolean {
  return rec.ext.record_type === type || rec.com.record_type === type;
}

/** Resolve a check's parameters: defaults from its schema, overridden by config. */
export function resolveParams<P>(check: { id: string; params?: z.ZodType<P> }, overrides: unknown): P {
  if (!check.params) return {} as P;
  const r = check.params.safeParse(overrides ?? {});
  if (!r.success) {
    const whys = issueLines(r.error.issues, overrides ?? {});
    const problem = (why: string) => `checks.${check.id}: invalid parameters: ${why}`;
    // the issues go along, each with its own line, for the config loader to point at each parameter in its file
    throw Object.assign(new Error(problem(whys.join('; '))), {
      issues: r.error.issues,
      problems: whys.map(problem),
    });
  }
  return r.data;
}

export const CHECK_ID_PATTERN = /^(aws|azure|gcp|common)\.[a-z0-9]+(_[a-z0-9]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/;
