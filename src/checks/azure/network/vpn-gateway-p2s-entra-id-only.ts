import { defineCheck } from '../../../core/check.js';
import { error, fail, notApplicable, pass } from '../../../core/result.js';
import { extBool, extList, extStr } from '../../facts.js';

const GATEWAY = 'azure.network.virtual_network_gateway';

export default defineCheck({
  id: 'azure.network.vpn_gateway_p2s_entra_id_only',
  title: 'VPN gateway point-to-site connections authenticate with Entra ID only',
  severity: 'medium',
  resource: GATEWAY,
  facts: { [GATEWAY]: ['gateway_type', 'point_to_site', 'p2s_authentication_types'] },
  triggers: ['Microsoft.Network/virtualNetworkGateways/write'],
  description:
    'The VPN gateway lets point-to-site clients authenticate with certificates or RADIUS, alone or beside Microsoft Entra ID. Gateways without point-to-site configuration (site-to-site only, ExpressRoute) are not applicable.',
  risk: 'Certificate and RADIUS sign-ins bypass Entra ID: no conditional access, no MFA, and a leaked client certificate keeps working until it is revoked on the gateway.',
  remediation: {
    text: 'Set the point-to-site tunnel type to OpenVPN and the authentication type to Microsoft Entra ID only, with the tenant, audience and issuer of the Azure VPN client application.',
    cli: 'az network vnet-gateway update --name <gateway> --resource-group <group> --vpn-auth-type AAD --client-protocol OpenVPN --aad-tenant <tenant url> --aad-audience <audience> --aad-issuer <issuer>',
  },
  references: ['https://learn.microsoft.com/azure/vpn-gateway/point-to-site-entra-gateway'],
  evaluate(r) {
    const name = r.com.name;
    const type = extStr(r, 'gateway_type');
    if (type !== null && type.toLowerCase() !== 'vpn')
      return notApplicable(`${name} is an ${type} gateway, without point-to-site connections`);
    const p2s = extBool(r, 'point_to_site');
    if (p2s === null) return error(`${name}: its point-to-site configuration could not be read`);
    if (!p2s) return notApplicable(`${name} has no point-to-site configuration`);
    const types = extList<string>(r, 'p2s_authentication_types');
    if (types === null || types.length === 0)
      return error(`${name}: Azure's answer does not say how point-to-site clients authenticate`);
    const others = types.filter((t) => t.toLowerCase() !== 'aad');
    if (others.length === 0) return pass(`${name}: point-to-site clients authenticate with Entra ID only`);
    return fail(
      `${name}: point-to-site clients may authenticate with ${types.join(', ')}, not Entra ID only`,
      {
        evidence: { authentication_types: types },
      },
    );
  },
});
