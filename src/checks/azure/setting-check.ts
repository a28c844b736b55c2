import { defineCheck, type Remediation, type ResourceCheck } from '../../core/check.js';
import type { ResourceRecord } from '../../core/record.js';
import { error, fail, notApplicable, pass } from '../../core/result.js';
import type { Severity } from '../../core/severity.js';
import { extBool, whyUnknown } from '../facts.js';

/**
 * An Azure check over one boolean fact of a resource: `want` is the compliant value. A fact the
 * normaliser could not establish (null) is an error naming it, never a pass.
 */
export function azureSettingCheck(def: {
  id: string;
  title: string;
  severity: Severity;
  /** the ext record type the check reads */
  resource: string;
  fact: string;
  want: boolean;
  /** the Activity Log operations that change the fact */
  triggers: string[];
  description: string;
  risk: string;
  remediation: Remediation;
  references: string[];
  /** the result messages, for the resource's name */
  passed: (name: string) => string;
  failed: (name: string) => string;
  /** why the check does not apply to this resource, or null when it does */
  notApplicableBecause?: (r: ResourceRecord) => string | null;
}): ResourceCheck {
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: def.severity,
    resource: def.resource,
    facts: { [def.resource]: [def.fact] },
    triggers: def.triggers,
    description: def.description,
    risk: def.risk,
    remediation: def.remediation,
    references: def.references,
    evaluate(r: ResourceRecord) {
      const why = def.notApplicableBecause?.(r) ?? null;
      if (why !== null) return notApplicable(why);
      const v = extBool(r, def.fact);
      if (v === null)
        return error(
          `${r.com.name}: Azure's answer does not say (${def.fact} unknown${whyUnknown(r, def.fact)})`,
        );
      return v === def.want ? pass(def.passed(r.com.name)) : fail(def.failed(r.com.name));
    },
  });
}
