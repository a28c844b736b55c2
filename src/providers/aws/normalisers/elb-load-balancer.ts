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
    ListenerDescriptions: S.list(
      z.looseObject({
        Listener: S.obj({ Protocol: S.str, LoadBalancerPort: S.num }),
        PolicyNames: S.strs,
      }),
    ),
  }),
  attributes: S.answer({ LoadBalancerAttributes: S.obj({ AccessLog: S.obj({ Enabled: S.bool }) }) }),
});

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
    const accessLog =
      attributes.state === 'value' ? at(attributes.value, 'LoadBalancerAttributes.AccessLog') : undefined;
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
            };
          }),
          access_logs_enabled:
            attributes.state === 'value' ? (bool(at(accessLog, 'Enabled')) ?? false) : null,
          unknown_facts: unknownReasons({ attributes }),
        },
        shape: {},
      }),
    ];
  },
});
