import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';

const MODERN_PROFILES = new Set(['MODERN', 'RESTRICTED', 'CUSTOM']);

export default defineCheck({
  id: 'gcp.compute.target_proxy_strong_tls',
  title: 'Load balancer HTTPS and SSL proxies refuse TLS below 1.2 and weak profiles',
  severity: 'medium',
  resource: 'gcp.compute.target_proxy',
  triggers: [
    'v1.compute.targetHttpsProxies.setSslPolicy',
    'v1.compute.targetSslProxies.setSslPolicy',
    'v1.compute.regionTargetHttpsProxies.setSslPolicy',
    'v1.compute.sslPolicies.patch',
  ],
  description:
    "The target HTTPS or SSL proxy has no SSL policy (Google's default: the COMPATIBLE profile from TLS 1.0), or its policy allows TLS below 1.2 or uses the COMPATIBLE profile.",
  risk: 'Clients can be made to negotiate TLS 1.0 or 1.1 and the weak ciphers of the COMPATIBLE profile, which have known attacks.',
  remediation: {
    text: 'Attach an SSL policy with the MODERN or RESTRICTED profile and a minimum of TLS 1.2.',
    cli: 'gcloud compute ssl-policies create tls12-modern --profile MODERN --min-tls-version 1.2\ngcloud compute target-https-proxies update <proxy> --ssl-policy tls12-modern',
  },
  references: ['https://cloud.google.com/load-balancing/docs/ssl-policies-concepts'],
  evaluate: (r) => {
    if (typeof r.ext.ssl_policy_error === 'string') return error(r.ext.ssl_policy_error);
    const min = (r.com as { min_tls_version?: string | null }).min_tls_version;
    const profile = r.ext.profile;
    if (typeof min !== 'string' || typeof profile !== 'string')
      return error('the SSL policy could not be read');
    const policy =
      typeof r.ext.ssl_policy === 'string'
        ? `SSL policy ${r.ext.ssl_policy}`
        : "no SSL policy (Google's default)";
    const weak = [
      Number(min) < 1.2 ? `TLS ${min}` : null,
      MODERN_PROFILES.has(profile) ? null : `the ${profile} profile`,
    ].filter((w): w is string => w !== null);
    if (weak.length === 0) return pass(`${policy}: TLS ${min}+, ${profile}`);
    return fail(`proxy ${r.com.name} has ${policy}, allowing ${weak.join(' and ')}`, {
      evidence: { ssl_policy: r.ext.ssl_policy ?? null, min_tls_version: min, profile },
    });
  },
});
