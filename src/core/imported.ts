import type { Outcome } from './evaluate.js';
import { mergeFindings } from './exposure.js';
import { findingId } from './ids.js';
import type { FindingRecord } from './record.js';
import { resourceKey, resourceKeys } from './resource-identity.js';
import { severityRank } from './severity.js';

/**
 * Findings imported from the clouds' own detectors (GuardDuty, Security Hub, Inspector, Access
 * Analyzer, Defender for Cloud, Security Command Center) beside Cloudward's:
 *
 * - An imported finding's id comes from the detector's id, not from the import check, so the
 *   same detector finding read through two imports (a GuardDuty finding GuardDuty lists and
 *   Security Hub aggregates) is one finding, merged as checks of one exposure are.
 * - An imported finding names the Cloudward checks or requirements that report the same problem
 *   (`same_as`). When one of them fails on the same resource, the detector's finding is folded
 *   into Cloudward's: one finding, `ext.sources` naming both, the detector's record under
 *   `raw.imported`, the higher severity. Its life is then the Cloudward finding's. "The same
 *   resource" compares the resource's key (src/core/resource-identity.ts), not the text of its
 *   id, so an ARN, an Azure id in another case or a GCP full resource name still match.
 */

/** The finding id of a detector's finding, whatever import read it. */
export function importedFindingId(sourceId: string): string {
  return findingId('imported', sourceId);
}

/** True for a finding imported from a cloud's detector (not folded into a Cloudward one). */
export function isImported(f: FindingRecord): boolean {
  return typeof f.ext.source === 'string';
}

function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Merge the imports of one detector finding, then fold those Cloudward also raises into its findings. */
export function mergeImports(outcomes: Outcome[]): Outcome[] {
  if (!outcomes.some((o) => o.finding && isImported(o.finding))) return outcomes;
  let out = mergeSameDetectorFinding(outcomes);
  out = foldIntoCloudward(out);
  return out;
}

function mergeSameDetectorFinding(outcomes: Outcome[]): Outcome[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (!o.finding || !isImported(o.finding)) continue;
    const g = groups.get(o.finding.com.finding_id);
    if (g) g.push(o);
    else groups.set(o.finding.com.finding_id, [o]);
  }
  const replaced = new Map<Outcome, FindingRecord | undefined>();
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    const findings = g.map((o) => o.finding as FindingRecord);
    const merged = mergeFindings(findings);
    const sources = [...new Set(findings.flatMap((f) => stringsOf(f.ext.sources)))];
    const sameAs = [...new Set(findings.flatMap((f) => stringsOf(f.ext.same_as)))];
    const finding: FindingRecord = {
      ...merged,
      ext: { ...merged.ext, sources, ...(sameAs.length ? { same_as: sameAs } : {}) },
    };
    g.forEach((o, i) => {
      replaced.set(o, i === 0 ? finding : undefined);
    });
  }
  if (replaced.size === 0) return outcomes;
  return outcomes.map((o) => {
    if (!replaced.has(o)) return o;
    const finding = replaced.get(o);
    return finding ? { ...o, finding } : { row: o.row };
  });
}

function foldIntoCloudward(outcomes: Outcome[]): Outcome[] {
  // Cloudward's failing findings by the resource they are about, in any form of its id
  const byResource = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (!o.finding || isImported(o.finding) || o.finding.com.status !== 'fail') continue;
    for (const key of resourceKeys(o.finding.com.reference)) {
      const list = byResource.get(key) ?? [];
      list.push(o);
      byResource.set(key, list);
    }
  }
  if (byResource.size === 0) return outcomes;
  const folded = new Map<Outcome, Outcome>();
  const targets = new Map<Outcome, FindingRecord>();
  for (const o of outcomes) {
    const f = o.finding;
    if (!f || !isImported(f)) continue;
    const sameAs = new Set(stringsOf(f.ext.same_as));
    if (sameAs.size === 0) continue;
    const target = byResource.get(resourceKey(f.com.reference))?.find((t) => {
      const tf = t.finding as FindingRecord;
      return (
        tf.com.cloud_type === f.com.cloud_type &&
        tf.com.account === f.com.account &&
        [tf.ext.check_id, ...stringsOf(tf.ext.also), ...tf.com.compliance].some((x) => sameAs.has(x))
      );
    });
    if (!target) continue;
    const into = targets.get(target) ?? (target.finding as FindingRecord);
    targets.set(target, fold(into, f));
    folded.set(o, { row: { ...o.row, finding_id: into.com.finding_id } });
  }
  if (folded.size === 0) return outcomes;
  return outcomes.map((o) => {
    const f = folded.get(o);
    if (f) return f;
    const t = targets.get(o);
    return t ? { ...o, finding: t } : o;
  });
}

function fold(into: FindingRecord, imported: FindingRecord): FindingRecord {
  const sources = [
    ...new Set(['cloudward', ...stringsOf(into.ext.sources), ...stringsOf(imported.ext.sources)]),
  ];
  const previous = Array.isArray(into.raw.imported) ? into.raw.imported : [];
  const severity =
    severityRank(imported.com.severity) > severityRank(into.com.severity)
      ? imported.com.severity
      : into.com.severity;
  return {
    raw: {
      ...into.raw,
      imported: [
        ...previous,
        {
          check_id: imported.ext.check_id,
          sources: stringsOf(imported.ext.sources),
          source_id: imported.ext.source_id,
          source_type: imported.ext.source_type,
          title: imported.ext.check_title,
          severity: imported.com.severity,
          description: imported.com.description,
          evidence: imported.raw.evidence ?? null,
        },
      ],
    },
    ext: { ...into.ext, sources },
    com: { ...into.com, severity },
  };
}
