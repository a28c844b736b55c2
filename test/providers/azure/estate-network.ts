import { NETWORK_API_VERSION } from '../../../src/providers/azure/resources/network-nsg.js';
import { RESOURCES_API_VERSION } from '../../../src/providers/azure/resources/network-virtual-network-gateway.js';
import { rgId } from './estate.js';
import { armList, type FixtureRoutes } from './fixture-server.js';

/**
 * The gateway part of the test estate, in Azure's answer shapes (api-version 2024-05-01):
 * application gateways and their WAF policies (after the recorded exchanges
 * ApplicationGatewayTest.test_find_waf and WAFTest.test_find_by_name in
 * ../shared/data/config/cloud-custodian/azure_vcr_cassettes.jsonl) and virtual network gateways
 * (after the VirtualNetworkGateways_Get example of the REST API specification), found through
 * the subscription's generic resource list (2021-04-01).
 */

const q = (v: string) => `?api-version=${v}`;
const ETAG = 'W/"01546f93-0000-4000-8000-00000000a9a1"';

/** How a planted application gateway is set. */
export interface AppGatewayPlant {
  /** the WAF policy attached, or none (a Standard_v2 gateway) */
  wafPolicy?: string | null;
  http2?: boolean;
  /** the gateway's sslPolicy; undefined leaves it out (Azure's default applies) */
  sslPolicy?: Record<string, unknown>;
  sslProfiles?: { name: string; sslPolicy?: Record<string, unknown> }[];
}

export const STRONG_TLS = { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' };
export const OLD_TLS = { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' };

/** An application gateway as GET .../applicationGateways lists it. */
export function applicationGateway(sub: string, rg: string, name: string, plant: AppGatewayPlant) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Network/applicationGateways/${name}`;
  const child = (kind: string, n: string) => `${id}/${kind}/${n}`;
  const waf = plant.wafPolicy ?? null;
  return {
    name,
    id,
    etag: ETAG,
    type: 'Microsoft.Network/applicationGateways',
    location: 'westeurope',
    tags: { team: 'web' },
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '6e8b5020-0000-4000-8000-00000000a9a2',
      sku: waf
        ? { name: 'WAF_v2', tier: 'WAF_v2', family: 'Generation_1', capacity: 2 }
        : { name: 'Standard_v2', tier: 'Standard_v2', family: 'Generation_1', capacity: 2 },
      operationalState: 'Running',
      gatewayIPConfigurations: [
        {
          name: 'appGatewayIpConfig',
          id: child('gatewayIPConfigurations', 'appGatewayIpConfig'),
          etag: ETAG,
          properties: {
            provisioningState: 'Succeeded',
            subnet: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/virtualNetworks/${rg}-vnet/subnets/agw`,
            },
          },
          type: 'Microsoft.Network/applicationGateways/gatewayIPConfigurations',
        },
      ],
      sslCertificates: [],
      trustedRootCertificates: [],
      trustedClientCertificates: [],
      sslProfiles: (plant.sslProfiles ?? []).map((p) => ({
        name: p.name,
        id: child('sslProfiles', p.name),
        etag: ETAG,
        properties: {
          provisioningState: 'Succeeded',
          ...(p.sslPolicy ? { sslPolicy: p.sslPolicy } : {}),
          clientAuthConfiguration: { verifyClientCertIssuerDN: false, verifyClientRevocation: 'None' },
        },
        type: 'Microsoft.Network/applicationGateways/sslProfiles',
      })),
      frontendIPConfigurations: [
        {
          name: 'appGwPublicFrontendIp',
          id: child('frontendIPConfigurations', 'appGwPublicFrontendIp'),
          etag: ETAG,
          type: 'Microsoft.Network/applicationGateways/frontendIPConfigurations',
          properties: {
            provisioningState: 'Succeeded',
            privateIPAllocationMethod: 'Dynamic',
            publicIPAddress: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/publicIPAddresses/${name}-pip`,
            },
          },
        },
      ],
      frontendPorts: [
        {
          name: 'port_443',
          id: child('frontendPorts', 'port_443'),
          etag: ETAG,
          properties: { provisioningState: 'Succeeded', port: 443 },
          type: 'Microsoft.Network/applicationGateways/frontendPorts',
        },
      ],
      backendAddressPools: [],
      loadDistributionPolicies: [],
      backendHttpSettingsCollection: [],
      httpListeners: [],
      urlPathMaps: [],
      requestRoutingRules: [],
      probes: [],
      rewriteRuleSets: [],
      redirectConfigurations: [],
      privateLinkConfigurations: [],
      privateEndpointConnections: [],
      ...(plant.sslPolicy ? { sslPolicy: plant.sslPolicy } : {}),
      ...(waf ? { firewallPolicy: { id: waf } } : {}),
      enableHttp2: plant.http2 ?? false,
      customErrorConfigurations: [],
    },
  };
}

/** An Application Gateway WAF policy as GET .../ApplicationGatewayWebApplicationFirewallPolicies lists it. */
export function wafPolicy(
  sub: string,
  rg: string,
  name: string,
  opts: { requestBodyCheck: boolean; bots: boolean; gateways?: string[] },
) {
  return {
    name,
    id: `${rgId(sub, rg)}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/${name}`,
    etag: 'W/"733d4388-0000-4000-8000-00000000a9a3"',
    type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    location: 'westeurope',
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      customRules: [],
      policySettings: {
        requestBodyCheck: opts.requestBodyCheck,
        maxRequestBodySizeInKb: 128,
        fileUploadLimitInMb: 100,
        state: 'Enabled',
        mode: 'Prevention',
        requestBodyInspectLimitInKB: 128,
        fileUploadEnforcement: true,
        requestBodyEnforcement: true,
      },
      managedRules: {
        managedRuleSets: [
          { ruleSetType: 'OWASP', ruleSetVersion: '3.2', ruleGroupOverrides: [] },
          ...(opts.bots
            ? [{ ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.0', ruleGroupOverrides: [] }]
            : []),
        ],
        exclusions: [],
      },
      applicationGateways: (opts.gateways ?? []).map((id) => ({ id })),
    },
  };
}

/**
 * A virtual network gateway as GET {id} answers it. `p2s`: the point-to-site authentication
 * types, or null for a site-to-site-only gateway (no vpnClientConfiguration).
 */
export function virtualNetworkGateway(sub: string, rg: string, name: string, p2s: string[] | null) {
  const id = `${rgId(sub, rg)}/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
  const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  return {
    name,
    id,
    etag: 'W/"0a1b2c3d-0000-4000-8000-00000000a9a4"',
    type: 'Microsoft.Network/virtualNetworkGateways',
    location: 'westeurope',
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '0a1b2c3d-0000-4000-8000-00000000a9a5',
      packetCaptureDiagnosticState: 'None',
      enablePrivateIpAddress: false,
      ipConfigurations: [
        {
          name: 'default',
          id: `${id}/ipConfigurations/default`,
          etag: 'W/"0a1b2c3d-0000-4000-8000-00000000a9a4"',
          type: 'Microsoft.Network/virtualNetworkGateways/ipConfigurations',
          properties: {
            provisioningState: 'Succeeded',
            privateIPAllocationMethod: 'Dynamic',
            publicIPAddress: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/publicIPAddresses/${name}-pip`,
            },
            subnet: {
              id: `${rgId(sub, rg)}/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet`,
            },
          },
        },
      ],
      natRules: [],
      enableBgpRouteTranslationForNat: false,
      disableIPSecReplayProtection: false,
      sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ', capacity: 2 },
      gatewayType: 'Vpn',
      vpnType: 'RouteBased',
      enableBgp: false,
      activeActive: false,
      ...(p2s
        ? {
            vpnClientConfiguration: {
              vpnClientProtocols:
                p2s.includes('AAD') && p2s.length === 1 ? ['OpenVPN'] : ['OpenVPN', 'IkeV2'],
              vpnAuthenticationTypes: p2s,
              vpnClientRootCertificates: p2s.includes('Certificate')
                ? [
                    {
                      name: 'p2s-root',
                      id: `${id}/vpnClientRootCertificates/p2s-root`,
                      etag: 'W/"0a1b2c3d-0000-4000-8000-00000000a9a4"',
                      properties: { provisioningState: 'Succeeded', publicCertData: 'MIIC5zCCAc+gAwIBAgIQ' },
                    },
                  ]
                : [],
              vpnClientRevokedCertificates: [],
              vngClientConnectionConfigurations: [],
              radiusServers: [],
              vpnClientIpsecPolicies: [],
              vpnClientAddressPool: { addressPrefixes: ['172.16.201.0/24'] },
              ...(p2s.includes('AAD')
                ? {
                    aadTenant: `https://login.microsoftonline.com/${tenant}/`,
                    aadAudience: 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
                    aadIssuer: `https://sts.windows.net/${tenant}/`,
                  }
                : {}),
            },
          }
        : {}),
      bgpSettings: { asn: 65515, bgpPeeringAddress: '10.0.255.30', peerWeight: 0 },
      vpnGatewayGeneration: 'Generation1',
      allowRemoteVnetTraffic: false,
      allowVirtualWanTraffic: false,
    },
  };
}

/** A resource as the subscription's generic resource list (GET /subscriptions/{id}/resources) names it. */
function genericResource(r: { id: string; name: string; type: string; location: string }) {
  return { id: r.id, name: r.name, type: r.type, location: r.location, tags: {} };
}

export const gatewayListKeys = {
  applicationGateways: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Network/applicationGateways${q(NETWORK_API_VERSION)}`,
  wafPolicies: (sub: string) =>
    `arm /subscriptions/${sub}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies${q(NETWORK_API_VERSION)}`,
  resources: (sub: string) => `arm /subscriptions/${sub}/resources${q(RESOURCES_API_VERSION)}`,
};

/** The application gateways, WAF policies and virtual network gateways of a subscription. */
export function networkGatewayRoutes(
  sub: string,
  estate: {
    appGateways?: ReturnType<typeof applicationGateway>[];
    wafPolicies?: ReturnType<typeof wafPolicy>[];
    vpnGateways?: ReturnType<typeof virtualNetworkGateway>[];
  },
): FixtureRoutes {
  const vpn = estate.vpnGateways ?? [];
  const routes: FixtureRoutes = {
    [gatewayListKeys.applicationGateways(sub)]: armList(estate.appGateways ?? [], { pageSize: 2 }),
    [gatewayListKeys.wafPolicies(sub)]: armList(estate.wafPolicies ?? [], { pageSize: 2 }),
    [gatewayListKeys.resources(sub)]: armList(vpn.map(genericResource), { pageSize: 2 }),
  };
  for (const g of vpn) routes[`arm ${g.id}${q(NETWORK_API_VERSION)}`] = { body: g };
  return routes;
}
