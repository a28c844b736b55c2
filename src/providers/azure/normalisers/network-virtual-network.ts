import { z } from 'zod';
import { at, bool, records, str, strings } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/**
 * Subnets Azure does not let a network security group be attached to (or whose service
 * manages its own filtering): the gateway, Azure Firewall and Route Server subnets.
 */
export const SUBNETS_WITHOUT_NSG = new Set(
  ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'].map((n) =>
    n.toLowerCase(),
  ),
);

/**
 * A virtual network with its subnets (the list answers them inline, api-version 2024-05-01):
 * each subnet's network security group, and the subnets that could have one but have none;
 * DDoS Network Protection, which needs both the flag and a protection plan.
 */
export default defineArmNormaliser({
  type: 'azure.network.virtual_network',
  service: 'network',
  properties: {
    addressSpace: S.obj({ addressPrefixes: S.strs }),
    subnets: S.list(
      z.looseObject({
        name: S.str,
        id: S.str,
        properties: S.obj({ addressPrefix: S.str, networkSecurityGroup: S.obj({ id: S.str }) }),
      }),
    ),
    enableDdosProtection: S.bool,
    ddosProtectionPlan: S.obj({ id: S.str }),
  },
  ext: (p) => {
    const subnets = records(p.subnets).map((s) => ({
      name: str(s.name) ?? '(unnamed)',
      address_prefix: str(at(s, 'properties.addressPrefix')),
      network_security_group: str(at(s, 'properties.networkSecurityGroup.id')),
    }));
    const ddosPlan = str(at(p, 'ddosProtectionPlan.id'));
    return {
      address_prefixes: strings(at(p, 'addressSpace.addressPrefixes')),
      subnets,
      subnets_without_nsg: subnets
        .filter((s) => s.network_security_group === null && !SUBNETS_WITHOUT_NSG.has(s.name.toLowerCase()))
        .map((s) => s.name),
      // Resource Manager answers enableDdosProtection false, or leaves it out, when it is off
      ddos_protection: (bool(p.enableDdosProtection) ?? false) && ddosPlan !== null,
      ddos_protection_plan: ddosPlan,
    };
  },
});
