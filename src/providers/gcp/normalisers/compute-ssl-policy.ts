import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, requireItem, requireString, str, strings, tlsVersion } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { COMPUTE_API } from './gcp-common.js';

const TYPE = 'gcp.compute.ssl_policy';

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    selfLink: S.str,
    region: S.str,
    profile: S.str,
    minTlsVersion: S.str,
    customFeatures: S.strs,
    enabledFeatures: S.strs,
  }),
});

/**
 * An SSL policy of HTTPS / SSL proxy load balancers ('web_app'). The API documents TLS_1_0 as
 * the default when minTlsVersion is unset. A policy does not control plain HTTP, so
 * https_only is null.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE, 'web_app'],
  raw: RAW,
  normalise(raw, scope) {
    const policy = requireItem(raw, TYPE);
    const name = requireString(policy, 'name', TYPE, 'item.name');
    const minTls = str(policy.minTlsVersion);
    const region = str(policy.region);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'web_app',
        reference:
          str(policy.selfLink) ?? `${COMPUTE_API}/projects/${scope.account}/global/sslPolicies/${name}`,
        name,
        region: region ? (region.split('/').pop() ?? 'global') : 'global',
        service: 'compute',
        ext: {
          profile: str(policy.profile),
          min_tls_version_raw: minTls,
          custom_features: strings(policy.customFeatures),
          enabled_features: strings(policy.enabledFeatures),
        },
        shape: {
          min_tls_version: minTls === null ? '1.0' : tlsVersion(minTls),
          https_only: null,
        },
      }),
    ];
  },
});
