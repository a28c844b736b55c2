import { z } from 'zod';
import { at, bool, isRecord, records, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** The managed rule set that blocks bad bots and lets good ones through. */
export const BOT_MANAGER_RULE_SET = 'Microsoft_BotManagerRuleSet';

/**
 * An Application Gateway web application firewall policy as the list answers it (api-version
 * 2024-05-01): its state and mode, whether it inspects request bodies, the managed rule sets
 * (bot protection is the Microsoft_BotManagerRuleSet) and the gateways it is attached to.
 */
export default defineArmNormaliser({
  type: 'azure.network.waf_policy',
  service: 'network',
  properties: {
    provisioningState: S.str,
    policySettings: S.obj({ state: S.str, mode: S.str, requestBodyCheck: S.bool }),
    managedRules: S.obj({
      managedRuleSets: S.list(z.looseObject({ ruleSetType: S.str, ruleSetVersion: S.str })),
    }),
    applicationGateways: S.list(z.looseObject({ id: S.str })),
  },
  ext: (p) => {
    const sets = at(p, 'managedRules.managedRuleSets');
    const ruleSets = records(sets).map((s) => ({
      type: str(s.ruleSetType),
      version: str(s.ruleSetVersion),
    }));
    return {
      state: str(at(p, 'policySettings.state')),
      mode: str(at(p, 'policySettings.mode')),
      // unknown (null) when the answer has no policySettings to read it from
      request_body_check: isRecord(p.policySettings)
        ? (bool(p.policySettings.requestBodyCheck) ?? null)
        : null,
      managed_rule_sets: ruleSets,
      bot_protection: Array.isArray(sets)
        ? ruleSets.some((s) => s.type?.toLowerCase() === BOT_MANAGER_RULE_SET.toLowerCase())
        : null,
      application_gateways: records(p.applicationGateways)
        .map((g) => str(g.id))
        .filter((id): id is string => id !== null),
    };
  },
});
