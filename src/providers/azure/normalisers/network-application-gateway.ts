import { z } from 'zod';
import { at, bool, isRecord, type Json, records, str, strings, tlsVersion } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** The lowest protocol each predefined Application Gateway TLS policy accepts. */
const PREDEFINED_MIN_TLS: Record<string, string> = {
  appgwsslpolicy20150501: '1.0',
  appgwsslpolicy20170401: '1.1',
  appgwsslpolicy20170401s: '1.2',
  appgwsslpolicy20220101: '1.2',
  appgwsslpolicy20220101s: '1.2',
};

const PROTOCOLS = ['1.0', '1.1', '1.2', '1.3'];

/**
 * The lowest TLS version an Application Gateway TLS policy accepts: a predefined policy's by its
 * name, a custom one's `minProtocolVersion`, or (the old shape without a type) the lowest
 * protocol not in `disabledSslProtocols`. Null when the policy says nothing we can read.
 */
export function sslPolicyMinTls(policy: unknown): string | null {
  if (!isRecord(policy)) return null;
  const type = str(policy.policyType)?.toLowerCase();
  const name = str(policy.policyName);
  if (type === 'predefined' || (type === undefined && name)) {
    return name ? (PREDEFINED_MIN_TLS[name.toLowerCase()] ?? null) : null;
  }
  if (type === 'custom' || type === 'customv2' || (type === undefined && policy.minProtocolVersion))
    return tlsVersion(policy.minProtocolVersion);
  if (type === undefined && Array.isArray(policy.disabledSslProtocols)) {
    const disabled = new Set(strings(policy.disabledSslProtocols).map(tlsVersion));
    return PROTOCOLS.find((p) => !disabled.has(p)) ?? null;
  }
  return null;
}

/** A TLS policy the gateway's owner set: an empty object or none leaves Azure's default. */
const isSet = (policy: unknown): policy is Json => isRecord(policy) && Object.keys(policy).length > 0;

const SSL_POLICY = S.obj({
  policyType: S.str,
  policyName: S.str,
  minProtocolVersion: S.str,
  disabledSslProtocols: S.strs,
});

/**
 * An Application Gateway as the list answers it (api-version 2024-05-01): its SKU tier, the web
 * application firewall (an attached WAF policy or the legacy in-gateway configuration), HTTP/2,
 * and the TLS policy of the gateway and of each SSL profile (listeners with a profile use its
 * policy instead of the gateway's).
 */
export default defineArmNormaliser({
  type: 'azure.network.application_gateway',
  service: 'network',
  properties: {
    provisioningState: S.str,
    operationalState: S.str,
    sku: S.obj({ name: S.str, tier: S.str }),
    firewallPolicy: S.obj({ id: S.str }),
    webApplicationFirewallConfiguration: S.obj({ enabled: S.bool, firewallMode: S.str }),
    enableHttp2: S.bool,
    sslPolicy: SSL_POLICY,
    sslProfiles: S.list(z.looseObject({ name: S.str, properties: S.obj({ sslPolicy: SSL_POLICY }) })),
  },
  ext: (p) => {
    const wafPolicy = str(at(p, 'firewallPolicy.id'));
    const wafConfig = at(p, 'webApplicationFirewallConfiguration');
    const wafConfigEnabled = isRecord(wafConfig) ? bool(wafConfig.enabled) : null;
    const policy = p.sslPolicy;
    const profiles = records(p.sslProfiles).map((prof) => {
      const own = at(prof, 'properties.sslPolicy');
      return {
        name: str(prof.name) ?? '(unnamed)',
        // a profile without its own policy uses the gateway's
        min_tls_version: isSet(own) ? sslPolicyMinTls(own) : null,
        policy_set: isSet(own),
      };
    });
    return {
      sku_name: str(at(p, 'sku.name')),
      sku_tier: str(at(p, 'sku.tier')),
      operational_state: str(p.operationalState),
      waf_policy: wafPolicy,
      waf_configuration_enabled: wafConfigEnabled,
      waf_mode: str(at(p, 'webApplicationFirewallConfiguration.firewallMode')),
      waf_enabled: wafPolicy !== null || wafConfigEnabled === true,
      // Resource Manager leaves enableHttp2 out until it is set; HTTP/2 is then off
      http2_enabled: bool(p.enableHttp2) ?? false,
      tls_policy_set: isSet(policy),
      tls_policy: isSet(policy)
        ? (str(policy.policyName) ?? str(policy.policyType) ?? 'disabledSslProtocols')
        : null,
      min_tls_version: isSet(policy) ? sslPolicyMinTls(policy) : null,
      ssl_profiles: profiles.filter((x) => x.policy_set).map(({ policy_set: _, ...x }) => x),
    };
  },
});
