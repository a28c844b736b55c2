import { defineCheck, type ScopeCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool } from '../../facts.js';

const POLICY = 'azure.entra.authorization_policy';

/**
 * A tenant check of one boolean fact of the tenant's authorization policy (a tenant-wide
 * setting, so the finding is the tenant's); `want` is the compliant value.
 */
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
}): ScopeCheck {
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: 'medium',
    scope: 'account',
    uses: [POLICY],
    clouds: ['azure'],
    triggers: [],
    description: def.description,
    risk: def.risk,
    remediation: { text: def.remediation },
    references: [def.reference],
    evaluate(ctx) {
      const [policy] = ctx.resources(POLICY);
      if (!policy) return error('Microsoft Graph returned no authorization policy');
      const v = extBool(policy, def.fact);
      if (v === null) return error(`"${def.setting}" is not in the authorization policy Graph returned`);
      return v === def.want
        ? pass(`"${def.setting}" is set as required`)
        : fail(`"${def.setting}" is not restricted`);
    },
  });
}
