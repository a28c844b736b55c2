import { z } from 'zod';
import { at, isRecord, type Json, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/**
 * How a gateway's point-to-site clients authenticate. `vpnAuthenticationTypes` says it when set;
 * gateways configured before that field existed say it by what they carry instead (root
 * certificates, RADIUS servers, an Entra ID tenant). Empty when nothing tells.
 */
function p2sAuthenticationTypes(c: Json): string[] {
  const declared = strings(c.vpnAuthenticationTypes);
  if (declared.length > 0) return declared;
  const inferred: string[] = [];
  if (records(c.vpnClientRootCertificates).length > 0) inferred.push('Certificate');
  if (str(c.radiusServerAddress) || records(c.radiusServers).length > 0) inferred.push('Radius');
  if (str(c.aadTenant)) inferred.push('AAD');
  return inferred;
}

/**
 * A virtual network gateway (VPN or ExpressRoute) as GET {id} answers it (api-version
 * 2024-05-01): its type and SKU, and its point-to-site configuration (client address pool,
 * protocols and authentication types) when it has one.
 */
export default defineArmNormaliser({
  type: 'azure.network.virtual_network_gateway',
  service: 'network',
  properties: {
    provisioningState: S.str,
    gatewayType: S.str,
    vpnType: S.str,
    sku: S.obj({ name: S.str, tier: S.str }),
    vpnClientConfiguration: S.obj({
      vpnClientAddressPool: S.obj({ addressPrefixes: S.strs }),
      vpnClientProtocols: S.strs,
      vpnAuthenticationTypes: S.strs,
      vpnClientRootCertificates: S.list(z.looseObject({ name: S.str })),
      radiusServerAddress: S.str,
      aadTenant: S.str,
    }),
  },
  ext: (p) => {
    const c = p.vpnClientConfiguration;
    const pool = isRecord(c) ? strings(at(c, 'vpnClientAddressPool.addressPrefixes')) : [];
    const types = isRecord(c) ? p2sAuthenticationTypes(c) : [];
    // point-to-site is configured once the gateway hands client addresses out or names how clients sign in
    const p2s = pool.length > 0 || types.length > 0;
    return {
      gateway_type: str(p.gatewayType),
      vpn_type: str(p.vpnType),
      sku: str(at(p, 'sku.name')),
      point_to_site: p2s,
      p2s_address_pool: pool,
      p2s_protocols: isRecord(c) ? strings(c.vpnClientProtocols) : [],
      p2s_authentication_types: types,
    };
  },
});
