import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  records,
  requireItem,
  requireString,
  str,
  strings,
  tagMap,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { aggregatedList, defineGcpCollector } from '../collector.js';
import { COMPUTE_API, lastSegment, zoneRegion } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';
import { metadataValue, readProjectMetadata, truthy } from './compute-metadata.js';

const TYPE = 'gcp.compute.instance';
const FULL_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** The default service account Compute Engine creates in every project: PROJECT_NUMBER-compute@developer... */
const DEFAULT_SA = /^\d+-compute@developer\.gserviceaccount\.com$/;

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
        deviceName: S.str,
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
  projectMetadata: S.answer({
    commonInstanceMetadata: S.obj({ items: S.list(z.looseObject({ key: S.str, value: S.str })) }),
  }),
});

/**
 * A Compute Engine instance ('compute'). Compute Engine encrypts every disk at rest, so
 * os_disk_encrypted is true; ext.cmek says whether the boot disk uses a customer key
 * (disks[].diskEncryptionKey with kmsKeyName or a customer-supplied key), ext.disks_without_csek
 * which attached disks have no customer-supplied key (sha256). Metadata settings are the
 * instance's own (null when unset) and, when collected (`raw.projectMetadata`, the project's
 * compute settings), the project-wide value an instance inherits.
 */
const normaliser = defineNormaliser({
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
    const defaultAccounts = serviceAccounts.filter((a) => DEFAULT_SA.test(str(a.email) ?? ''));
    const status = str(inst.status);
    const labels = tagMap(inst.labels);
    const project = enrichment(raw, 'projectMetadata');
    const projectValue = (key: string): boolean | null =>
      project.state === 'value'
        ? (truthy(metadataValue(at(project.value, 'commonInstanceMetadata'), key)) ?? false)
        : null;
    const disks = records(inst.disks);
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
        tags: labels,
        ext: {
          instance_id: str(inst.id),
          zone: zone ? lastSegment(zone) : null,
          machine_type: str(inst.machineType) ? lastSegment(str(inst.machineType) ?? '') : null,
          cmek,
          boot_disk: bootDisk ? str(bootDisk.source) : null,
          network_tags: strings(at(inst, 'tags.items')),
          service_accounts: serviceAccounts.map((a) => str(a.email)),
          full_api_access: serviceAccounts.some((a) => strings(a.scopes).includes(FULL_SCOPE)),
          default_service_account: defaultAccounts.length > 0,
          default_service_account_full_access: defaultAccounts.some((a) =>
            strings(a.scopes).includes(FULL_SCOPE),
          ),
          gke_node: 'goog-gke-node' in labels,
          disks_without_csek: disks
            .filter((d) => str(at(d, 'diskEncryptionKey.sha256')) === null)
            .map((d) => str(d.deviceName) ?? str(d.source) ?? '?'),
          can_ip_forward: bool(inst.canIpForward),
          deletion_protection: bool(inst.deletionProtection),
          secure_boot: bool(at(inst, 'shieldedInstanceConfig.enableSecureBoot')),
          vtpm: bool(at(inst, 'shieldedInstanceConfig.enableVtpm')),
          integrity_monitoring: bool(at(inst, 'shieldedInstanceConfig.enableIntegrityMonitoring')),
          confidential_compute: bool(at(inst, 'confidentialInstanceConfig.enableConfidentialCompute')),
          serial_port_enabled: truthy(metadataValue(inst.metadata, 'serial-port-enable')),
          os_login: truthy(metadataValue(inst.metadata, 'enable-oslogin')),
          block_project_ssh_keys: truthy(metadataValue(inst.metadata, 'block-project-ssh-keys')),
          project_serial_port_enabled: projectValue('serial-port-enable'),
          project_os_login: projectValue('enable-oslogin'),
          project_metadata_error: project.state === 'unknown' ? project.reason : null,
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

/**
 * The instances of every zone: one aggregatedList read (paged), plus one read of the project's
 * compute settings (its project-wide metadata) shared by all of them.
 */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'compute',
  list: aggregatedList(
    'compute.instances.list',
    'compute/v1/projects/{project}/aggregated/instances',
    'instances',
  ),
  enrich: {
    projectMetadata: {
      permission: 'compute.projects.get',
      cacheKey: () => 'project',
      call: (r, _item, ctx) => readProjectMetadata(r, ctx),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'name', 'id') },
});

const INSTANCE_METHODS = [
  'insert',
  'setMetadata',
  'setServiceAccount',
  'setShieldedInstanceIntegrityPolicy',
  'updateShieldedInstanceConfig',
  'addAccessConfig',
  'deleteAccessConfig',
  'update',
  'delete',
].flatMap((m) => [`v1.compute.instances.${m}`, `beta.compute.instances.${m}`]);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(INSTANCE_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});
