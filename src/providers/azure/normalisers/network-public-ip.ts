import { at, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/**
 * The resource a public IP is attached to, from its ip configuration's id
 * (`.../networkInterfaces/nic-1/ipConfigurations/ipconfig1` -> the network interface).
 */
function attachedResource(ipConfigurationId: string | null): string | null {
  if (ipConfigurationId === null) return null;
  const parts = ipConfigurationId.split('/');
  // .../providers/{namespace}/{type}/{name}/{child type}/{child name}: drop the child
  return parts.length > 2 ? parts.slice(0, -2).join('/') : ipConfigurationId;
}

/** A public IP address: its address, allocation, SKU, DNS name and what it is attached to. */
export const publicIpAddress = defineArmNormaliser({
  type: 'azure.network.public_ip',
  service: 'network',
  extra: { sku: S.obj({ name: S.str, tier: S.str }) },
  properties: {
    ipAddress: S.str,
    publicIPAllocationMethod: S.str,
    publicIPAddressVersion: S.str,
    ipConfiguration: S.obj({ id: S.str }),
    natGateway: S.obj({ id: S.str }),
    dnsSettings: S.obj({ fqdn: S.str, domainNameLabel: S.str }),
    ddosSettings: S.obj({ protectionMode: S.str }),
  },
  ext: (p, r) => {
    const attachedTo = attachedResource(str(at(p, 'ipConfiguration.id'))) ?? str(at(p, 'natGateway.id'));
    return {
      ip_address: str(p.ipAddress),
      allocation: str(p.publicIPAllocationMethod),
      ip_version: str(p.publicIPAddressVersion),
      sku: str(at(r.item, 'sku.name')),
      attached_to: attachedTo,
      attached: attachedTo !== null,
      fqdn: str(at(p, 'dnsSettings.fqdn')),
      ddos_protection_mode: str(at(p, 'ddosSettings.protectionMode')),
    };
  },
});
