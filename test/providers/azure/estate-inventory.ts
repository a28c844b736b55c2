import { LOCKS_API_VERSION } from '../../../src/providers/azure/resources/authorization-lock.js';
import { DISK_API_VERSION } from '../../../src/providers/azure/resources/compute-vm.js';
import { NETWORK_API_VERSION } from '../../../src/providers/azure/resources/network-nsg.js';
import { rgId as rg } from './estate.js';

/** Managed disks, public IP addresses and management locks as Resource Manager lists them. */

/** A managed disk as GET .../Microsoft.Compute/disks lists it (2024-03-02). */
export function managedDisk(
  sub: string,
  group: string,
  name: string,
  opts: { state?: string; vm?: string; networkAccessPolicy?: string; publicNetworkAccess?: string } = {},
) {
  const state = opts.state ?? (opts.vm ? 'Attached' : 'Unattached');
  return {
    name,
    id: `${rg(sub, group)}/providers/Microsoft.Compute/disks/${name}`,
    type: 'Microsoft.Compute/disks',
    location: 'westeurope',
    tags: {},
    ...(opts.vm
      ? { managedBy: `${rg(sub, group)}/providers/Microsoft.Compute/virtualMachines/${opts.vm}` }
      : {}),
    sku: { name: 'Premium_LRS', tier: 'Premium' },
    properties: {
      osType: 'Linux',
      hyperVGeneration: 'V2',
      creationData: { createOption: 'FromImage' },
      diskSizeGB: 30,
      diskIOPSReadWrite: 120,
      diskMBpsReadWrite: 25,
      encryption: { type: 'EncryptionAtRestWithPlatformKey' },
      ...(opts.networkAccessPolicy ? { networkAccessPolicy: opts.networkAccessPolicy } : {}),
      ...(opts.publicNetworkAccess ? { publicNetworkAccess: opts.publicNetworkAccess } : {}),
      timeCreated: '2026-03-02T09:14:05.1234567+00:00',
      provisioningState: 'Succeeded',
      diskState: state,
      diskSizeBytes: 32212254720,
      uniqueId: '6f1d2b7e-0000-4000-8000-00000000d001',
    },
  };
}

export const diskListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Compute/disks?api-version=${DISK_API_VERSION}`;

/** A public IP address as GET .../publicIPAddresses lists it (2024-05-01); `attachedTo` is an ip configuration id. */
export function publicIp(sub: string, group: string, name: string, attachedTo?: string) {
  return {
    name,
    id: `${rg(sub, group)}/providers/Microsoft.Network/publicIPAddresses/${name}`,
    etag: 'W/"2192f9e7-0000-4000-8000-00000000e001"',
    location: 'westeurope',
    tags: {},
    zones: ['1', '2', '3'],
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: 'b8cc4cae-0000-4000-8000-00000000e002',
      ipAddress: '20.31.44.7',
      publicIPAddressVersion: 'IPv4',
      publicIPAllocationMethod: 'Static',
      idleTimeoutInMinutes: 4,
      ipTags: [],
      ddosSettings: { protectionMode: 'VirtualNetworkInherited' },
      ...(attachedTo ? { ipConfiguration: { id: attachedTo } } : {}),
    },
    type: 'Microsoft.Network/publicIPAddresses',
    sku: { name: 'Standard', tier: 'Regional' },
  };
}

export const publicIpListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Network/publicIPAddresses?api-version=${NETWORK_API_VERSION}`;

/** A management lock as GET .../Microsoft.Authorization/locks lists it (2020-05-01); `scope` is what it protects. */
export function managementLock(scope: string, name: string, level: 'CanNotDelete' | 'ReadOnly') {
  return {
    properties: { level, notes: 'Protects production data' },
    id: `${scope}/providers/Microsoft.Authorization/locks/${name}`,
    type: 'Microsoft.Authorization/locks',
    name,
  };
}

export const lockListKey = (sub: string) =>
  `arm /subscriptions/${sub}/providers/Microsoft.Authorization/locks?api-version=${LOCKS_API_VERSION}`;
