import { managedDisk, managementLock, publicIp } from './azure/estate-inventory.js';

/**
 * The demo's managed disks, public IP addresses and management locks of one subscription,
 * per type, as raw collection items. Production has a passing and a failing resource for each
 * check that reads them; development has none of them (its storage account is unlocked).
 */
export function azureInventory(sub: string, production: boolean): [string, { item: unknown }[]][] {
  const wrap = (items: unknown[]) => items.map((item) => ({ item }));
  if (!production)
    return [
      ['azure.compute.disk', []],
      ['azure.network.public_ip', []],
      ['azure.authorization.lock', []],
    ];
  const rg = (group: string) => `/subscriptions/${sub}/resourceGroups/${group}`;
  return [
    [
      'azure.compute.disk',
      wrap([
        managedDisk(sub, 'shop-rg', 'acme-shop-vm_OsDisk', {
          vm: 'acme-shop-vm',
          networkAccessPolicy: 'DenyAll',
          publicNetworkAccess: 'Disabled',
        }),
        // detached from a retired VM, with a download URL someone opened
        managedDisk(sub, 'legacy-rg', 'acme-legacy-data', { state: 'ActiveSAS' }),
      ]),
    ],
    [
      'azure.network.public_ip',
      wrap([
        publicIp(
          sub,
          'hub-rg',
          'acme-hub-bastion-ip',
          `${rg('hub-rg')}/providers/Microsoft.Network/bastionHosts/acme-hub-bastion/bastionHostIpConfigurations/IpConf`,
        ),
        publicIp(sub, 'legacy-rg', 'acme-legacy-lb-ip'),
      ]),
    ],
    ['azure.authorization.lock', wrap([managementLock(rg('monitoring'), 'keep-monitoring', 'CanNotDelete')])],
  ];
}
