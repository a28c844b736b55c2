import { at, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineArmNormaliser } from './azure-common.js';

/** Disk states in which a SAS export URL is live: anyone holding the URL can download the disk. */
const EXPORT_STATES = new Set(['activesas', 'activesasfrozen']);

/**
 * A managed disk: whether it is attached, who may export it over which network, and its
 * encryption. `networkAccessPolicy` absent means Azure's default, AllowAll.
 */
export const managedDisk = defineArmNormaliser({
  type: 'azure.compute.disk',
  service: 'compute',
  extra: { managedBy: S.str, sku: S.obj({ name: S.str }) },
  properties: {
    diskState: S.str,
    osType: S.str,
    diskSizeGB: S.num,
    networkAccessPolicy: S.str,
    publicNetworkAccess: S.str,
    diskAccessId: S.str,
    encryption: S.obj({ type: S.str, diskEncryptionSetId: S.str }),
  },
  ext: (p, r) => {
    const state = str(p.diskState);
    const policy = str(p.networkAccessPolicy) ?? 'AllowAll';
    const publicAccess = str(p.publicNetworkAccess);
    return {
      disk_state: state,
      attached:
        state === null ? null : state.toLowerCase() !== 'unattached' && state.toLowerCase() !== 'reserved',
      export_url_active: state === null ? null : EXPORT_STATES.has(state.toLowerCase()),
      managed_by: str(r.item.managedBy),
      os_type: str(p.osType),
      size_gb: typeof p.diskSizeGB === 'number' ? p.diskSizeGB : null,
      sku: str(at(r.item, 'sku.name')),
      network_access_policy: policy,
      public_network_access: publicAccess,
      // the portal's "Enable public access from all networks": AllowAll, public access not disabled
      exportable_from_any_network:
        policy.toLowerCase() === 'allowall' && publicAccess?.toLowerCase() !== 'disabled',
      disk_access_id: str(p.diskAccessId),
      encryption_type: str(at(p, 'encryption.type')),
      disk_encryption_set_id: str(at(p, 'encryption.diskEncryptionSetId')),
    };
  },
});
