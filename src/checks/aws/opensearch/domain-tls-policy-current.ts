import { defineCheck } from '../../../core/check.js';
import { error, fail, pass } from '../../../core/result.js';
import { extBool, extStr } from '../facts.js';

/** The TLS security policies that allow TLS 1.2 and later only. */
const CURRENT = new Set(['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10']);

export default defineCheck({
  id: 'aws.opensearch.domain_tls_policy_current',
  title: 'OpenSearch domains require HTTPS with TLS 1.2 or later',
  severity: 'medium',
  resource: 'aws.opensearch.domain',
  triggers: [],
  description:
    'The domain endpoint accepts plain HTTP, or its TLS security policy still allows TLS 1.0 and 1.1.',
  risk: 'Requests, credentials and results can be read or altered on the way, through plain HTTP or outdated TLS.',
  remediation: {
    text: 'Require HTTPS and set the TLS security policy to Policy-Min-TLS-1-2-PFS-2023-10 (or Policy-Min-TLS-1-2-2019-07).',
    cli: 'aws opensearch update-domain-config --domain-name <domain> --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10',
  },
  references: [
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
  ],
  evaluate(domain) {
    const https = extBool(domain, 'enforce_https');
    if (https === null) return error('the endpoint options are unreadable');
    if (!https) return fail(`${domain.com.name} accepts plain HTTP`);
    const policy = extStr(domain, 'tls_policy');
    if (policy === null) return error('the TLS security policy is unreadable');
    return CURRENT.has(policy)
      ? pass(policy)
      : fail(`${domain.com.name} uses ${policy}, which allows TLS before 1.2`);
  },
});
