import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  buildRecord,
  enrichment,
  isErrorFact,
  type Json,
  num,
  records,
  requireItem,
  requireString,
  str,
  strings,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { elbPolicyMinTls } from './elb-tls-policies.js';

const TYPE = 'aws.elbv2.load_balancer';
const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

function redirectsToHttps(listener: Json): boolean {
  const actions = records(listener.DefaultActions);
  return (
    actions.length > 0 &&
    actions.every((a) => {
      const type = str(a.Type);
      if (type === 'fixed-response') return true;
      return type === 'redirect' && str(at(a, 'RedirectConfig.Protocol')) === 'HTTPS';
    })
  );
}

/** The load balancer attributes as a map; null when DescribeLoadBalancerAttributes failed. */
function attributeMap(raw: Json): Record<string, string> | null {
  const e = enrichment(raw, 'attributes');
  if (e.state !== 'value') return null;
  const out: Record<string, string> = {};
  for (const a of records(e.value.Attributes)) {
    const k = str(a.Key);
    const v = str(a.Value);
    if (k !== null && v !== null) out[k] = v;
  }
  return out;
}

const RAW = S.raw({
  item: S.obj({
    LoadBalancerArn: S.str,
    LoadBalancerName: S.str,
    Type: S.str,
    Scheme: S.str,
    DNSName: S.str,
    SecurityGroups: S.strs,
    AvailabilityZones: S.list(z.looseObject({ ZoneName: S.str })),
  }),
  listeners: S.answerList(
    z.looseObject({
      Protocol: S.str,
      Port: S.num,
      SslPolicy: S.str,
      DefaultActions: S.list(z.looseObject({ Type: S.str, RedirectConfig: S.obj({ Protocol: S.str }) })),
    }),
  ),
  attributes: S.answer({ Attributes: S.list(z.looseObject({ Key: S.str, Value: S.str })) }),
});

/**
 * An Application, Network or Gateway Load Balancer with its listeners (DescribeListeners) and
 * attributes. Per listener: whether it carries TLS, whether an HTTP listener only redirects to
 * HTTPS, and the lowest TLS version its security policy accepts (null for an unknown policy).
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'elbv2',
  produces: [TYPE, 'load_balancer'],
  raw: RAW,
  normalise(raw, scope) {
    const lb = requireItem<LoadBalancer>(raw, TYPE);
    const arn = requireString(lb, 'LoadBalancerArn', TYPE, 'item.LoadBalancerArn');
    const name = str(lb.LoadBalancerName) ?? arn;
    const listeners = Array.isArray(raw.listeners) ? records(raw.listeners) : null;
    const attrs = attributeMap(raw);
    const logs = attrs?.['access_logs.s3.enabled'];
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'load_balancer',
        reference: arn,
        name,
        service: 'elasticloadbalancing',
        ext: {
          type: str(lb.Type),
          scheme: str(lb.Scheme),
          dns_name: str(lb.DNSName),
          security_groups: strings(lb.SecurityGroups),
          listeners:
            listeners === null
              ? null
              : listeners.map((l) => {
                  const protocol = str(l.Protocol);
                  const policy = str(l.SslPolicy);
                  return {
                    port: num(l.Port),
                    protocol,
                    tls: protocol !== null && TLS_PROTOCOLS.has(protocol),
                    redirects_to_https: protocol === 'HTTP' ? redirectsToHttps(l) : false,
                    ssl_policy: policy,
                    min_tls_version: elbPolicyMinTls(policy),
                  };
                }),
          access_logs_enabled: attrs === null ? null : logs === 'true',
          access_logs_bucket: attrs?.['access_logs.s3.bucket'] || null,
          drop_invalid_header_fields:
            attrs === null ? null : attrs['routing.http.drop_invalid_header_fields.enabled'] === 'true',
          deletion_protection: attrs === null ? null : attrs['deletion_protection.enabled'] === 'true',
          // an Application Load Balancer's; defensive is the default when the attribute is not listed
          desync_mitigation_mode:
            attrs === null ? null : (attrs['routing.http.desync_mitigation_mode'] ?? 'defensive'),
          availability_zones: records(lb.AvailabilityZones)
            .map((z) => str(z.ZoneName))
            .filter((z): z is string => z !== null),
          unknown_facts: {
            ...unknownReasons({ attributes: enrichment(raw, 'attributes') }),
            ...(listeners === null
              ? {
                  listeners: isErrorFact(raw.listeners)
                    ? raw.listeners.__error
                    : 'listeners was not collected',
                }
              : {}),
          },
        },
        shape: {},
      }),
    ];
  },
});
