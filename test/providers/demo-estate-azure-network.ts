import type { Json } from '../../src/providers/normalise-kit.js';
import {
  applicationGateway,
  OLD_TLS,
  STRONG_TLS,
  virtualNetworkGateway,
  wafPolicy,
} from './azure/estate-network.js';

/**
 * The demo's Azure gateways, as raw items: Production's shop gateway behind a WAF policy with
 * HTTP/2 and a TLS 1.2 floor, and a legacy gateway without either on the 2015 TLS policy; a
 * WAF policy with bot protection and request body inspection beside one with neither; a VPN
 * gateway whose point-to-site clients sign in with Entra ID only and one that also takes
 * certificates.
 */
export function networkGateways(sub: string): [type: string, items: Json[]][] {
  const wafGood = wafPolicy(sub, 'web-rg', 'acme-shop-waf', { requestBodyCheck: true, bots: true });
  const wafBad = wafPolicy(sub, 'legacy-rg', 'acme-legacy-waf', { requestBodyCheck: false, bots: false });
  const located = <T extends { location: string }>(item: T): T => ({ ...item, location: 'eastus' });
  return [
    [
      'azure.network.application_gateway',
      [
        applicationGateway(sub, 'web-rg', 'acme-shop-agw', {
          wafPolicy: wafGood.id,
          http2: true,
          sslPolicy: STRONG_TLS,
        }),
        applicationGateway(sub, 'legacy-rg', 'acme-legacy-agw', { sslPolicy: OLD_TLS }),
      ].map((item) => ({ item: located(item) })),
    ],
    ['azure.network.waf_policy', [wafGood, wafBad].map((item) => ({ item: located(item) }))],
    [
      'azure.network.virtual_network_gateway',
      [
        virtualNetworkGateway(sub, 'hub-rg', 'acme-hub-vpngw', ['AAD']),
        virtualNetworkGateway(sub, 'branch-rg', 'acme-branch-vpngw', ['Certificate']),
      ].map((item) => ({ item: located(item) })),
    ],
  ];
}

/** The gateway types of a subscription that has none. */
export const NO_NETWORK_GATEWAYS: [type: string, items: Json[]][] = [
  ['azure.network.application_gateway', []],
  ['azure.network.waf_policy', []],
  ['azure.network.virtual_network_gateway', []],
];
