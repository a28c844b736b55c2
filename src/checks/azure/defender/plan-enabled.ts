import { defineCheck, type ScopeCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../../facts.js';

export const PRICING = 'azure.security.pricing';

/**
 * A subscription check: the Defender for Cloud plan `plan` (its pricings name) is on (the
 * Standard tier). The finding is the subscription's, naming the plan.
 */
export function defenderPlanEnabled(def: {
  id: string;
  plan: string;
  label: string;
  protects: string;
  reference: string;
}): ScopeCheck {
  return defineCheck({
    id: def.id,
    title: `${def.label} is on`,
    severity: 'medium',
    scope: 'account',
    uses: [PRICING],
    clouds: ['azure'],
    triggers: ['Microsoft.Security/pricings/write'],
    description: `The Defender for Cloud plan ${def.plan} (${def.label}) is on the Free tier in the subscription.`,
    risk: `Threats against ${def.protects} are not detected and no security alerts are raised for them.`,
    remediation: {
      text: `Turn on ${def.label} in Defender for Cloud > Environment settings > the subscription > Defender plans.`,
      cli: `az security pricing create --name ${def.plan} --tier standard --subscription <subscription>`,
    },
    references: [def.reference],
    evaluate(ctx) {
      const plan = ctx
        .resources(PRICING)
        .find((r) => extStr(r, 'plan')?.toLowerCase() === def.plan.toLowerCase());
      if (!plan) return error(`Defender for Cloud lists no ${def.plan} plan for the subscription`);
      const on = extBool(plan, 'enabled');
      if (on === null) return error(`the pricing tier of the ${def.plan} plan is not in Azure's answer`);
      return on
        ? pass(`${def.label} (${def.plan}) is on`)
        : fail(`${def.label} (${def.plan}) is off: pricing tier ${extStr(plan, 'pricing_tier') ?? 'Free'}`);
    },
  });
}
