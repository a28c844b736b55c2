import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extList, extStr } from '../../facts.js';
import { APP_GATEWAY, APP_GATEWAY_WRITES } from './app-gateway-waf-enabled.js';

const OLD = new Set(['1.0', '1.1']);

export default defineCheck({
  id: 'azure.network.app_gateway_min_tls_1_2',
  title: 'Application gateways accept TLS 1.2 or later only',
  severity: 'medium',
  resource: APP_GATEWAY,
  facts: { [APP_GATEWAY]: ['tls_policy_set', 'min_tls_version', 'ssl_profiles'] },
  triggers: APP_GATEWAY_WRITES,
  description:
    "The application gateway's TLS policy (or the policy of one of its SSL profiles) accepts TLS 1.0 or 1.1, or the gateway sets no TLS policy and so runs on the default of the API version it was created with, which is TLS 1.0 (AppGwSslPolicy20150501) before 2023-02-01.",
  risk: 'TLS 1.0 and 1.1 have known weaknesses and no modern cipher suites; clients that negotiate them can have their traffic downgraded or decrypted.',
  remediation: {
    text: 'Set an explicit TLS policy with a floor of TLS 1.2: the predefined AppGwSslPolicy20220101 or AppGwSslPolicy20220101S, or a CustomV2 policy with minProtocolVersion TLSv1_2 or TLSv1_3 (and the same on every SSL profile).',
    cli: 'az network application-gateway ssl-policy set --gateway-name <gateway> --resource-group <group> --policy-type Predefined --name AppGwSslPolicy20220101S',
  },
  references: [
    'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
  ],
  evaluate(r) {
    const name = r.com.name;
    const set = extBool(r, 'tls_policy_set');
    if (set === null) return error(`${name}: its TLS policy could not be read`);
    if (!set)
      return fail(
        `${name} sets no TLS policy: Azure applies the default of the API version it was created with, which accepts TLS 1.0 for gateways created before API version 2023-02-01`,
        { evidence: { tls_policy: null } },
      );
    const min = extStr(r, 'min_tls_version');
    if (min === null)
      return error(`${name}: the minimum TLS version of its TLS policy is not one Cloudward knows`);
    const profiles = extList<{ name: string; min_tls_version: string | null }>(r, 'ssl_profiles') ?? [];
    const unknown = profiles.filter((p) => p.min_tls_version === null).map((p) => p.name);
    const weak = profiles.filter((p) => p.min_tls_version !== null && OLD.has(p.min_tls_version));
    const policy = extStr(r, 'tls_policy');
    if (OLD.has(min) || weak.length > 0)
      return fail(
        [
          OLD.has(min) ? `${name} accepts TLS ${min} (TLS policy ${policy})` : null,
          ...weak.map((p) => `SSL profile ${p.name} of ${name} accepts TLS ${p.min_tls_version}`),
        ]
          .filter((m) => m !== null)
          .join('; '),
        { evidence: { min_tls_version: min, tls_policy: policy, weak_ssl_profiles: weak } },
      );
    if (unknown.length > 0)
      return error(
        `${name}: the minimum TLS version of SSL profile(s) ${unknown.join(', ')} is not one Cloudward knows`,
      );
    return pass(`${name} accepts TLS ${min} or later (TLS policy ${policy})`);
  },
});
