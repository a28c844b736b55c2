import type { LoadBalancerDescription } from '@aws-sdk/client-elastic-load-balancing';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  num,
  records,
  requireItem,
  requireString,
  str,
  strings,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.elb.load_balancer';

const RAW = S.raw({
  item: S.obj({
    LoadBalancerName: S.str,
    Scheme: S.str,
    DNSName: S.str,
    SecurityGroups: S.strs,
    AvailabilityZones: S.strs,
    ListenerDescriptions: S.list(
      z.looseObject({
        Listener: S.obj({ Protocol: S.str, LoadBalancerPort: S.num, SSLCertificateId: S.str }),
        PolicyNames: S.strs,
      }),
    ),
  }),
  attributes: S.answer({
    LoadBalancerAttributes: S.obj({
      AccessLog: S.obj({ Enabled: S.bool }),
      ConnectionDraining: S.obj({ Enabled: S.bool, Timeout: S.num }),
      CrossZoneLoadBalancing: S.obj({ Enabled: S.bool }),
      AdditionalAttributes: S.list(z.looseObject({ Key: S.str, Value: S.str })),
    }),
  }),
  policies: S.answer({
    PolicyDescriptions: S.list(
      z.looseObject({
        PolicyName: S.str,
        PolicyTypeName: S.str,
        PolicyAttributeDescriptions: S.list(z.looseObject({ AttributeName: S.str, AttributeValue: S.str })),
      }),
    ),
  }),
});

const hasTlsListener = (item: unknown) =>
  records(at(item, 'ListenerDescriptions')).some((d) =>
    ['HTTPS', 'SSL'].includes(str(at(d, 'Listener.Protocol'))?.toUpperCase() ?? ''),
  );

/**
 * The predefined security policy each SSL negotiation policy of the load balancer copies
 * (its Reference-Security-Policy attribute), by policy name; null for a custom policy.
 */
function referencedPolicies(raw: Record<string, unknown>): Map<string, string | null> | null {
  const e = enrichment(raw, 'policies');
  // not asked for because the load balancer has no HTTPS or SSL listener: nothing to read
  if (raw.policies === undefined && !hasTlsListener(raw.item)) return new Map();
  if (e.state !== 'value') return null;
  const out = new Map<string, string | null>();
  for (const p of records(e.value.PolicyDescriptions)) {
    const name = str(p.PolicyName);
    if (name === null || str(p.PolicyTypeName) !== 'SSLNegotiationPolicyType') continue;
    const ref = records(p.PolicyAttributeDescriptions).find(
      (a) => str(a.AttributeName) === 'Reference-Security-Policy',
    );
    out.set(name, ref ? str(ref.AttributeValue) : null);
  }
  return out;
}

/** The desync mitigation mode; AWS leaves the attribute out while it is the default, defensive. */
function desyncMode(attrs: unknown): string {
  const extra = records(at(attrs, 'AdditionalAttributes')).find(
    (a) => str(a.Key) === 'elb.http.desyncmitigationmode',
  );
  return (extra && str(extra.Value)) || 'defensive';
}

/** A Classic Load Balancer with its attributes (DescribeLoadBalancerAttributes). */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'elb',
  produces: [TYPE, 'load_balancer'],
  raw: RAW,
  normalise(raw, scope) {
    const lb = requireItem<LoadBalancerDescription>(raw, TYPE);
    const name = requireString(lb, 'LoadBalancerName', TYPE, 'item.LoadBalancerName');
    const attributes = enrichment(raw, 'attributes');
    const attrs = attributes.state === 'value' ? at(attributes.value, 'LoadBalancerAttributes') : undefined;
    const accessLog = at(attrs, 'AccessLog');
    const readAttr = <T>(read: () => T): T | null => (attributes.state === 'value' ? read() : null);
    const policies = referencedPolicies(raw);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'load_balancer',
        reference: awsArn(
          'elasticloadbalancing',
          scope.region,
          scope.account,
          `loadbalancer/${name}`,
          scope.partition,
        ),
        name,
        service: 'elasticloadbalancing',
        ext: {
          type: 'classic',
          scheme: str(lb.Scheme),
          dns_name: str(lb.DNSName),
          security_groups: strings(lb.SecurityGroups),
          listeners: records(lb.ListenerDescriptions).map((d) => {
            const protocol = str(at(d, 'Listener.Protocol'))?.toUpperCase() ?? null;
            return {
              port: num(at(d, 'Listener.LoadBalancerPort')),
              protocol,
              tls: protocol === 'HTTPS' || protocol === 'SSL',
              policies: strings(d.PolicyNames),
              certificate_id: str(at(d, 'Listener.SSLCertificateId')),
            };
          }),
          availability_zones: strings(lb.AvailabilityZones),
          connection_draining: readAttr(() => bool(at(attrs, 'ConnectionDraining.Enabled')) ?? false),
          cross_zone_load_balancing: readAttr(
            () => bool(at(attrs, 'CrossZoneLoadBalancing.Enabled')) ?? false,
          ),
          desync_mitigation_mode: readAttr(() => desyncMode(attrs)),
          // per HTTPS/SSL listener, the predefined policy its SSL negotiation policy copies (null: custom)
          listener_security_policies:
            policies === null
              ? null
              : records(lb.ListenerDescriptions)
                  .filter((d) =>
                    ['HTTPS', 'SSL'].includes(str(at(d, 'Listener.Protocol'))?.toUpperCase() ?? ''),
                  )
                  .map((d) => ({
                    port: num(at(d, 'Listener.LoadBalancerPort')),
                    policy:
                      strings(d.PolicyNames)
                        .map((n) => policies.get(n))
                        .find((v) => v !== undefined) ?? null,
                  })),
          access_logs_enabled:
            attributes.state === 'value' ? (bool(at(accessLog, 'Enabled')) ?? false) : null,
          unknown_facts: unknownReasons({ attributes, policies: enrichment(raw, 'policies') }),
        },
        shape: {},
      }),
    ];
  },
});
