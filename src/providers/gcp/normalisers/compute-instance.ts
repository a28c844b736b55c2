import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  records,
  requireItem,
  requireString,
  str,
  strings,
  tagMap,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { COMPUTE_API, lastSegment, zoneRegion } from './gcp-common.js';

const TYPE = 'gcp.compute.instance';
const FULL_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** A metadata item's value ("serial-port-enable", "enable-oslogin"...), from the instance's own metadata. */
function metadataValue(inst: Record<string, unknown>, key: string): string | null {
  const item = records(at(inst, 'metadata.items')).find((i) => str(i.key) === key);
  return item ? str(item.value) : null;
}

const truthy = (v: string | null): boolean | null =>
  v === null ? null : ['true', '1', 'yes'].includes(v.toLowerCase());

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    id: S.str,
    zone: S.str,
    selfLink: S.str,
    status: S.str,
    machineType: S.str,
    labels: S.strMap,
    tags: S.obj({ items: S.strs }),
    disks: S.list(
      z.looseObject({
        boot: S.bool,
        source: S.str,
        diskEncryptionKey: S.obj({ kmsKeyName: S.str, sha256: S.str }),
      }),
    ),
    networkInterfaces: S.list(
      z.looseObject({
        accessConfigs: S.list(z.looseObject({ natIP: S.str })),
        ipv6AccessConfigs: S.list(z.looseObject({ externalIpv6: S.str })),
      }),
    ),
    serviceAccounts: S.list(z.looseObject({ email: S.str, scopes: S.strs })),
    canIpForward: S.bool,
    deletionProtection: S.bool,
    shieldedInstanceConfig: S.obj({
      enableSecureBoot: S.bool,
      enableVtpm: S.bool,
      enableIntegrityMonitoring: S.bool,
    }),
    confidentialInstanceConfig: S.obj({ enableConfidentialCompute: S.bool }),
    metadata: S.obj({ items: S.list(z.looseObject({ key: S.str, value: S.str })) }),
  }),
});

/**
 * A Compute Engine instance ('compute'). Compute Engine encrypts every disk at rest, so
 * os_disk_encrypted is true; ext.cmek says whether the boot disk uses a customer key
 * (disks[].diskEncryptionKey with kmsKeyName or a customer-supplied key).
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'compute',
  produces: [TYPE, 'compute'],
  raw: RAW,
  normalise(raw, scope) {
    const inst = requireItem(raw, TYPE);
    const name = requireString(inst, 'name', TYPE, 'item.name');
    const zone = str(inst.zone);
    const region = zone ? zoneRegion(zone) : scope.region;
    const reference =
      str(inst.selfLink) ??
      `${COMPUTE_API}/projects/${scope.account}/zones/${zone ? lastSegment(zone) : '-'}/instances/${name}`;
    const bootDisk = records(inst.disks).find((d) => bool(d.boot) === true);
    const key = bootDisk ? at(bootDisk, 'diskEncryptionKey') : undefined;
    const cmek = bootDisk ? str(at(key, 'kmsKeyName')) !== null || str(at(key, 'sha256')) !== null : null;
    const interfaces = records(inst.networkInterfaces);
    const publicIps = [
      ...interfaces.flatMap((n) => records(n.accessConfigs).map((a) => str(a.natIP))),
      ...interfaces.flatMap((n) => records(n.ipv6AccessConfigs).map((a) => str(a.externalIpv6))),
    ].filter((ip): ip is string => ip !== null);
    const serviceAccounts = records(inst.serviceAccounts);
    const status = str(inst.status);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'compute',
        reference,
        name,
        region,
        service: 'compute',
        tags: tagMap(inst.labels),
        ext: {
          instance_id: str(inst.id),
          zone: zone ? lastSegment(zone) : null,
          machine_type: str(inst.machineType) ? lastSegment(str(inst.machineType) ?? '') : null,
          cmek,
          boot_disk: bootDisk ? str(bootDisk.source) : null,
          network_tags: strings(at(inst, 'tags.items')),
          service_accounts: serviceAccounts.map((a) => str(a.email)),
          full_api_access: serviceAccounts.some((a) => strings(a.scopes).includes(FULL_SCOPE)),
          can_ip_forward: bool(inst.canIpForward),
          deletion_protection: bool(inst.deletionProtection),
          secure_boot: bool(at(inst, 'shieldedInstanceConfig.enableSecureBoot')),
          vtpm: bool(at(inst, 'shieldedInstanceConfig.enableVtpm')),
          integrity_monitoring: bool(at(inst, 'shieldedInstanceConfig.enableIntegrityMonitoring')),
          confidential_compute: bool(at(inst, 'confidentialInstanceConfig.enableConfidentialCompute')),
          serial_port_enabled: truthy(metadataValue(inst, 'serial-port-enable')),
          os_login: truthy(metadataValue(inst, 'enable-oslogin')),
          block_project_ssh_keys: truthy(metadataValue(inst, 'block-project-ssh-keys')),
        },
        shape: {
          os_disk_encrypted: true,
          public_ips: publicIps,
          state: status ? status.toLowerCase() : null,
        },
      }),
    ];
  },
});
