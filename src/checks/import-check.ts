import { defineCheck, type ResourceCheck } from '../core/check.js';
import type { ResourceRecord } from '../core/record.js';
import { error, importedFail } from '../core/result.js';
import { isSeverity, type Severity } from '../core/severity.js';

/**
 * The check of one import of a cloud's own detector (GuardDuty, Security Hub, Defender for
 * Cloud...): every active finding the detector lists is a fail about the resource it names, with
 * the detector's severity, title, description and fix, and the detector's record as evidence
 * (src/core/imported.ts gives it its life). An import check is opt-in: it runs only when asked
 * for, by name or enabled in the config. A region where the detector is not in use is not
 * applicable; one whose findings could not be read is an error, never a pass.
 */
export interface ImportCheckDef {
  id: string;
  /** the collected type of the detector's findings (`aws.guardduty.finding`) */
  resource: string;
  /** the detector: `aws.guardduty` */
  source: string;
  /** the detector's name, for people */
  detector: string;
  /** the severity of the check as such (each finding has the detector's own) */
  severity: Severity;
  risk: string;
  remediation: string;
  references: string[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const texts = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

export function importCheck(def: ImportCheckDef): ResourceCheck {
  return defineCheck({
    id: def.id,
    title: `Active ${def.detector} findings`,
    severity: def.severity,
    description: `Imports the active findings of ${def.detector}, each on the resource it is about, with ${def.detector}'s severity.`,
    risk: def.risk,
    remediation: { text: def.remediation },
    references: def.references,
    resource: def.resource,
    triggers: [],
    finding_type: 'imported_finding_event',
    opt_in: true,
    evaluate(r: ResourceRecord) {
      const e = r.ext;
      const severity = text(e.severity);
      const reference = text(e.resource_reference);
      if (!severity || !isSeverity(severity) || !reference)
        return error(`${def.detector} finding ${r.com.reference}: no severity or resource could be read`);
      const title = text(e.title) ?? r.com.reference;
      const description = text(e.description);
      const recommendation = text(e.recommendation);
      return importedFail(
        {
          source: def.source,
          id: text(e.source_id) ?? r.com.reference,
          type: text(e.finding_type) ?? 'unknown',
          title,
          severity,
          ...(recommendation ? { recommendation } : {}),
          resource: {
            reference,
            name: text(e.resource_name) ?? reference,
            record_type: text(e.resource_type) ?? def.resource,
          },
          same_as: texts(e.same_as),
        },
        description && description !== title
          ? `${def.detector}: ${title}: ${description}`
          : `${def.detector}: ${title}`,
        {
          source: def.source,
          source_id: text(e.source_id),
          type: text(e.finding_type),
          source_severity: e.source_severity ?? null,
          first_seen: e.first_seen ?? null,
          last_seen: e.last_seen ?? null,
        },
      );
    },
  });
}
