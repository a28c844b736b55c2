import type { z } from 'zod';
import type { CloudType, ResourceRecord } from './record.js';
import type { CheckResult } from './result.js';
import type { Severity } from './severity.js';

export interface Remediation {
  text: string;
  cli?: string;
  iac?: string;
}

/** What a scope check sees: one account / subscription / project and its inventory. */
export interface ScopeContext {
  cloud: CloudType;
  account: string;
  /** resources of a type in this scope (ext.record_type or com.record_type) */
  resources(type: string): ResourceRecord[];
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
  /** log event names (CloudTrail eventName, Azure operationName, GCP methodName) that can change the result */
  triggers: string[];
  /** com.record_type of the findings (Cloudmarker finding type); defaults to `<resource type>_event` */
  finding_type?: string;
  /** clouds the check applies to; omitted = every cloud that has its resource type */
  clouds?: CloudType[];
  /** tunable parameters with defaults, validated when overridden in the config */
  params?: z.ZodType<P>;
}

export interface ResourceCheck<P = Record<string, never>> extends CheckMetaBase<P> {
  kind: 'resource';
  resource: string;
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
    return { ...def, uses, kind: 'resource' };
  }
  return { ...def, kind: 'scope' };
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
    const why = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`checks.${check.id}: invalid parameters: ${why}`);
  }
  return r.data;
}

export const CHECK_ID_PATTERN = /^(aws|azure|gcp|common)\.[a-z0-9]+(_[a-z0-9]+)*\.[a-z0-9]+(_[a-z0-9]+)*$/;
