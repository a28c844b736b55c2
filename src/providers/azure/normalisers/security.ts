import { arr, bool, isRecord, type Json, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** A Defender for Cloud plan of a subscription (Microsoft.Security/pricings). */
export const securityPricing = defineArmNormaliser({
  type: 'azure.security.pricing',
  service: 'security',
  properties: {
    pricingTier: S.str,
    subPlan: S.str,
    extensions: S.list(S.obj({ name: S.str, isEnabled: S.str })),
  },
  name: (r) => `Defender plan ${r.name}`,
  ext: (p, r) => {
    const tier = str(p.pricingTier);
    return {
      plan: r.name,
      pricing_tier: tier,
      // Standard is the paid plan (on); Free is off
      enabled: tier === null ? null : tier.toLowerCase() === 'standard',
      sub_plan: str(p.subPlan),
      extensions: Object.fromEntries(
        records(p.extensions).flatMap((e) => {
          const name = str(e.name);
          return name ? [[name, str(e.isEnabled)?.toLowerCase() === 'true']] : [];
        }),
      ),
    };
  },
});

/** A Defender for Cloud setting of a subscription (WDATP, MCAS, Sentinel...: Microsoft.Security/settings). */
export const securitySetting = defineArmNormaliser({
  type: 'azure.security.setting',
  service: 'security',
  properties: { enabled: S.bool },
  name: (r) => `Defender setting ${r.name}`,
  ext: (p, r) => ({ setting: r.name, enabled: bool(p.enabled) }),
});

function emailList(v: unknown): string[] {
  return (str(v) ?? '')
    .split(/[;,]/)
    .map((e) => e.trim())
    .filter(Boolean);
}

function notificationSource(sources: Json[], type: string): Json | undefined {
  return sources.find((s) => str(s.sourceType)?.toLowerCase() === type.toLowerCase());
}

/**
 * The security contact of a subscription (Microsoft.Security/securityContacts, 2023-12-01-preview:
 * emails, notificationsByRole, notificationsSources for alerts and attack paths).
 */
export const securityContact = defineArmNormaliser({
  type: 'azure.security.contact',
  service: 'security',
  properties: {
    emails: S.str,
    isEnabled: S.bool,
    notificationsByRole: S.obj({ state: S.str, roles: S.strs }),
    notificationsSources: S.list(
      S.obj({ sourceType: S.str, minimalSeverity: S.str, minimalRiskLevel: S.str }),
    ),
  },
  name: (r) => `Defender security contact ${r.name}`,
  ext: (p) => {
    const sources = records(p.notificationsSources);
    const alert = notificationSource(sources, 'Alert');
    const attackPath = notificationSource(sources, 'AttackPath');
    const byRole = isRecord(p.notificationsByRole) ? p.notificationsByRole : {};
    const enabled = bool(p.isEnabled) ?? true;
    return {
      emails: emailList(p.emails),
      enabled,
      notify_roles_state: str(byRole.state),
      notify_roles: strings(byRole.roles),
      owners_notified:
        enabled &&
        str(byRole.state)?.toLowerCase() === 'on' &&
        strings(arr(byRole.roles)).some((r) => r.toLowerCase() === 'owner'),
      alert_min_severity: enabled && alert ? (str(alert.minimalSeverity) ?? null) : null,
      attack_path_min_risk: enabled && attackPath ? (str(attackPath.minimalRiskLevel) ?? null) : null,
      alert_notifications: enabled && alert !== undefined && str(alert.minimalSeverity) !== null,
      attack_path_notifications:
        enabled && attackPath !== undefined && str(attackPath.minimalRiskLevel) !== null,
    };
  },
});
