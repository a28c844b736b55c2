import type { AnyCheck } from './check.js';
import type { Outcome } from './evaluate.js';
import { findingId } from './ids.js';
import type { FindingRecord } from './record.js';
import { type Severity, severityRank } from './severity.js';

/**
 * One exposure, one finding. Checks that report the same problem of the same resource (the
 * cross-cloud "no sensitive port open to the internet" and the AWS CIS port checks, all on one
 * security group rule) declare the same `exposure`. Their failures on a resource are one
 * finding: its id comes from the exposure and the resource, not from a check, so it is the same
 * whichever of the checks are selected; its primary check is the most specific one, `also` names
 * the others, and its compliance is the union of their mappings. Each check still has its own
 * result (so every framework requirement is judged on its own checks).
 */

/** The finding id of a check's failure (or error) on a resource. */
export function findingIdOf(check: Pick<AnyCheck, 'id' | 'exposure'>, reference: string): string {
  return check.exposure ? findingId(`exposure:${check.exposure}`, reference) : findingId(check.id, reference);
}

/** Every check behind a finding: its primary check and those in `also`. */
export function checksOf(f: FindingRecord): string[] {
  const also = Array.isArray(f.ext.also) ? f.ext.also.filter((c): c is string => typeof c === 'string') : [];
  return [f.ext.check_id, ...also];
}

const isCommon = (checkId: string) => checkId.startsWith('common.');

/** One check's failure or error on a resource, as far as choosing a finding's primary check goes. */
export interface CheckVerdict {
  status: string;
  check_id: string;
  severity: Severity;
}

/** Primary first: a failure before an error, cloud-specific before cross-cloud, then severity, then id. */
export function byPrimaryCheck(a: CheckVerdict, b: CheckVerdict): number {
  return (
    Number(a.status !== 'fail') - Number(b.status !== 'fail') ||
    Number(isCommon(a.check_id)) - Number(isCommon(b.check_id)) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    a.check_id.localeCompare(b.check_id)
  );
}

const verdictOf = (f: FindingRecord): CheckVerdict => ({
  status: f.com.status,
  check_id: f.ext.check_id,
  severity: f.com.severity,
});

function byPrimary(a: FindingRecord, b: FindingRecord): number {
  return byPrimaryCheck(verdictOf(a), verdictOf(b));
}

/**
 * The findings of several checks on one exposure as one. When any check failed, the checks that
 * could not evaluate it are left out (their results still say so); otherwise it is one error.
 */
export function mergeFindings(group: FindingRecord[]): FindingRecord {
  const failing = group.filter((f) => f.com.status === 'fail');
  const members = [...(failing.length > 0 ? failing : group)].sort(byPrimary);
  const primary = members[0];
  if (!primary) throw new Error('mergeFindings: no finding to merge');
  const others = new Map<string, FindingRecord>();
  for (const f of members.slice(1)) {
    if (f.ext.check_id !== primary.ext.check_id && !others.has(f.ext.check_id)) others.set(f.ext.check_id, f);
  }
  if (others.size === 0) return primary;
  const severity = members
    .map((f) => f.com.severity)
    .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
  return {
    raw: {
      ...primary.raw,
      also: Object.fromEntries(
        [...others].map(([id, f]) => [
          id,
          { description: f.com.description, evidence: f.raw.evidence ?? null },
        ]),
      ),
    },
    ext: { ...primary.ext, also: [...others.keys()] },
    com: {
      ...primary.com,
      severity,
      compliance: [...new Set(members.flatMap((f) => f.com.compliance))],
    },
  };
}

/** Merge the findings of one account's outcomes that share an exposure; results are untouched. */
export function mergeExposures(outcomes: Outcome[]): Outcome[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (!o.finding || typeof o.finding.ext.exposure !== 'string') continue;
    const id = o.finding.com.finding_id;
    const g = groups.get(id);
    if (g) g.push(o);
    else groups.set(id, [o]);
  }
  const replaced = new Map<Outcome, FindingRecord | undefined>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const merged = mergeFindings(g.map((o) => o.finding as FindingRecord));
    g.forEach((o, i) => {
      replaced.set(o, i === 0 ? merged : undefined);
    });
  }
  if (replaced.size === 0) return outcomes;
  return outcomes.map((o) => {
    if (!replaced.has(o)) return o;
    const finding = replaced.get(o);
    return finding ? { ...o, finding } : { row: o.row };
  });
}
