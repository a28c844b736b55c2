import { hostname } from 'node:os';
import {
  type AnyCheck,
  findingType,
  type ResourceCheck,
  remediationFor,
  type ScopeCheck,
  type ScopeContext,
  UnreadableDataError,
} from './check.js';
import { findingIdOf } from './exposure.js';
import { withFactsRead, withScopeFactsRead } from './facts-read.js';
import { findingId } from './ids.js';
import { importedFindingId } from './imported.js';
import type { CloudType, FindingRecord, ResourceRecord } from './record.js';
import type { CheckResult, ImportedFinding } from './result.js';
import type { ResultRow } from './scan-store.js';

export interface Subject {
  cloud: CloudType;
  account: string;
  region: string;
  reference: string;
  name: string;
  service: string;
  tags: Record<string, string>;
  /** ext.record_type of the subject (or the scope kind for scope checks) */
  type: string;
}

export interface Outcome {
  row: ResultRow;
  /** a finding record (state unset) for fail and error results */
  finding?: FindingRecord;
}

export interface FindingContext {
  auditKey: string;
  auditVersion: string;
  now: string;
  compliance: Map<string, string[]>;
}

const WORKER = `${hostname()}:${process.pid}`;

export function subjectOf(r: ResourceRecord): Subject {
  return {
    cloud: r.com.cloud_type,
    account: r.com.account,
    region: r.com.region,
    reference: r.com.reference,
    name: r.com.name,
    service: r.com.service,
    tags: r.com.tags,
    type: r.ext.record_type,
  };
}

/**
 * Turn one result into a stored row and, for fail / error, a finding record. A row's finding_id
 * is the id of the finding it belongs to (for a check with an exposure, the exposure's); a pass
 * belongs to no finding and carries the check's own id, by which reconcile resolves.
 */
export function outcome(
  check: AnyCheck,
  subject: Subject,
  result: CheckResult,
  ctx: FindingContext,
): Outcome {
  const imported = result.status === 'fail' ? result.imported : undefined;
  if (imported) return importedOutcome(check, subject, result, imported, ctx);
  const finds = result.status === 'fail' || result.status === 'error';
  const id = finds ? findingIdOf(check, subject.reference) : findingId(check.id, subject.reference);
  const row: ResultRow = {
    finding_id: id,
    check_id: check.id,
    reference: subject.reference,
    resource_name: subject.name,
    cloud: subject.cloud,
    account: subject.account,
    region: subject.region,
    status: result.status,
    severity: check.severity,
    message: result.message,
  };
  if (result.status !== 'fail' && result.status !== 'error') return { row };
  const finding: FindingRecord = {
    raw: { evidence: result.evidence ?? null },
    ext: {
      record_type: 'finding',
      check_id: check.id,
      check_title: check.title,
      resource_record_type: subject.type,
      ...(check.exposure ? { exposure: check.exposure } : {}),
    },
    com: {
      cloud_type: subject.cloud,
      record_type: findingType(check),
      reference: subject.reference,
      name: subject.name,
      account: subject.account,
      region: subject.region,
      service: subject.service,
      tags: subject.tags,
      description: result.message,
      recommendation: remediationFor(check, subject.cloud).text,
      severity: check.severity,
      status: result.status,
      compliance: ctx.compliance.get(check.id) ?? [],
      finding_id: id,
      state: 'new',
      first_seen: ctx.now,
      last_seen: ctx.now,
      audit_key: ctx.auditKey,
      audit_version: ctx.auditVersion,
      origin_key: check.id,
      origin_class: 'check',
      origin_worker: WORKER,
      origin_type: 'check',
    },
  };
  return { row, finding };
}

/**
 * A fail an import check reported for a cloud's detector: the finding is about the affected
 * resource (so a Cloudward finding on it can absorb it), with the detector's severity and fix,
 * and its id comes from the detector's id, the same whichever import brought it.
 */
function importedOutcome(
  check: AnyCheck,
  subject: Subject,
  result: CheckResult,
  imported: ImportedFinding,
  ctx: FindingContext,
): Outcome {
  const id = importedFindingId(imported.id);
  const on = imported.resource;
  const row: ResultRow = {
    finding_id: id,
    check_id: check.id,
    reference: on.reference,
    resource_name: on.name,
    cloud: subject.cloud,
    account: subject.account,
    region: subject.region,
    status: 'fail',
    severity: imported.severity,
    message: result.message,
  };
  const finding: FindingRecord = {
    raw: { evidence: result.evidence ?? null },
    ext: {
      record_type: 'finding',
      check_id: check.id,
      check_title: imported.title,
      resource_record_type: on.record_type ?? subject.type,
      sources: [imported.source],
      source: imported.source,
      source_id: imported.id,
      source_type: imported.type,
      ...(imported.same_as?.length ? { same_as: imported.same_as } : {}),
    },
    com: {
      cloud_type: subject.cloud,
      record_type: findingType(check),
      reference: on.reference,
      name: on.name,
      account: subject.account,
      region: subject.region,
      service: subject.service,
      tags: {},
      description: result.message,
      recommendation: imported.recommendation ?? remediationFor(check, subject.cloud).text,
      severity: imported.severity,
      status: 'fail',
      compliance: ctx.compliance.get(check.id) ?? [],
      finding_id: id,
      state: 'new',
      first_seen: ctx.now,
      last_seen: ctx.now,
      audit_key: ctx.auditKey,
      audit_version: ctx.auditVersion,
      origin_key: imported.source,
      // it came through an import check, and lives as a check's finding does
      origin_class: 'import',
      origin_worker: WORKER,
      origin_type: 'check',
    },
  };
  return { row, finding };
}

/** Run a per-resource check; a check that throws yields `error`, never a silent pass. */
export function runResourceCheck(
  check: ResourceCheck<unknown>,
  rec: ResourceRecord,
  params: unknown,
): CheckResult {
  let result: CheckResult;
  try {
    result = check.evaluate(rec, params);
  } catch (e) {
    return { status: 'error', message: `check failed: ${(e as Error).message}` };
  }
  return withFactsRead(result, rec, (read) => check.evaluate(read, params));
}

/**
 * Run a scope check on its scope's inventory. A check that reads (with `resources`) a type of
 * which some data could not be read gets one `error` with the reason; a check that throws, too.
 */
export function runScopeCheck(check: ScopeCheck<unknown>, ctx: ScopeContext, params: unknown): CheckResult[] {
  try {
    const all = (c: ScopeContext) => {
      const out = check.evaluate(c, params);
      return Array.isArray(out) ? out : [out];
    };
    return withScopeFactsRead(all(ctx), ctx, all);
  } catch (e) {
    if (e instanceof UnreadableDataError)
      return [{ status: 'error', message: `data could not be collected: ${e.message}` }];
    return [{ status: 'error', message: `check failed: ${(e as Error).message}` }];
  }
}
