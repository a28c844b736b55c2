import { defineCheck, type ScopeCheck } from '../../../core/check.js';
import type { ResourceRecord } from '../../../core/record.js';
import { fail, pass } from '../../../core/result.js';

export const CONTACT = 'azure.security.contact';

/**
 * A subscription check over its Defender for Cloud security contacts: passes when one contact
 * meets `ok`; no contact at all is "not configured", a failure.
 */
export function securityContactSetting(def: {
  id: string;
  title: string;
  setting: string;
  description: string;
  risk: string;
  remediation: string;
  ok: (contact: ResourceRecord) => boolean;
  detail?: (contact: ResourceRecord) => string;
}): ScopeCheck {
  return defineCheck({
    id: def.id,
    title: def.title,
    severity: 'low',
    scope: 'account',
    uses: [CONTACT],
    clouds: ['azure'],
    triggers: ['Microsoft.Security/securityContacts/write', 'Microsoft.Security/securityContacts/delete'],
    description: def.description,
    risk: def.risk,
    remediation: {
      text: `${def.remediation} (Defender for Cloud > Environment settings > the subscription > Email notifications).`,
    },
    references: ['https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications'],
    evaluate(ctx) {
      const contacts = ctx.resources(CONTACT);
      if (contacts.length === 0)
        return fail(`no Defender for Cloud security contact is set up: ${def.setting} is off`);
      const good = contacts.find(def.ok);
      if (good) return pass(`${def.setting}: ${def.detail?.(good) ?? 'on'}`);
      return fail(`${def.setting} is not set in the security contact`);
    },
  });
}
