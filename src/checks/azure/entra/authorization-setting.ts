import { defineCheck, type ResourceCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../../facts.js';

/** A check of one boolean fact of the tenant's authorization policy; `want` is the compliant value. */
export function authorizationSetting(def: {
  id: string;
  title: string;
  fact: string;
  want: boolean;
  setting: string;
  description: string;
  risk: string;
  remediation: string;
  reference: string;
}): ResourceCheck {
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: 'medium',
    resource: 'azure.entra.authorization_policy',
    facts: { 'azure.entra.authorization_policy': [def.fact] },
    triggers: [],
    description: def.description,
    risk: def.risk,
    remediation: { text: def.remediation },
    references: [def.reference],
    evaluate(policy) {
      const v = extBool(policy, def.fact);
      if (v === null) return error(`"${def.setting}" is not in the authorization policy Graph returned`);
      return v === def.want
        ? pass(`"${def.setting}" is set as required`)
        : fail(`"${def.setting}" is not restricted`);
    },
  });
}
