import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, str, tlsVersion } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';

const TYPE = 'azure.storage.account';

const RAW = S.raw({
  item: armItem(
    {
      encryption: S.obj({
        services: S.obj({ blob: S.obj({ enabled: S.bool }), file: S.obj({ enabled: S.bool }) }),
        keySource: S.str,
        requireInfrastructureEncryption: S.bool,
      }),
      supportsHttpsTrafficOnly: S.bool,
      minimumTlsVersion: S.str,
      networkAcls: S.obj({ defaultAction: S.str }),
      allowSharedKeyAccess: S.bool,
      allowBlobPublicAccess: S.bool,
      publicNetworkAccess: S.str,
    },
    { kind: S.str, sku: S.obj({ name: S.str }) },
  ),
});

/**
 * A storage account ('storage'). public_access is allowBlobPublicAccess (whether containers may
 * allow anonymous reads); network exposure (networkAcls.defaultAction) is in ext. Blob
 * versioning is a blob service property, not part of the account, so versioning is null.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'storage',
  produces: [TYPE, 'storage'],
  raw: RAW,
  normalise(raw, scope) {
    const sa = armResource(raw, TYPE);
    const p = sa.properties;
    const blob = bool(at(p, 'encryption.services.blob.enabled'));
    const file = bool(at(p, 'encryption.services.file.enabled'));
    const keySource = str(at(p, 'encryption.keySource'));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'storage',
        reference: sa.id,
        name: sa.name,
        region: sa.region,
        service: 'storage',
        tags: sa.tags,
        ext: {
          resource_group: sa.resourceGroup,
          kind: str(sa.item.kind),
          sku: str(at(sa.item, 'sku.name')),
          https_only: bool(p.supportsHttpsTrafficOnly),
          minimum_tls_version: tlsVersion(p.minimumTlsVersion),
          network_default_action: str(at(p, 'networkAcls.defaultAction')),
          key_source: keySource,
          customer_managed_key: keySource === null ? null : keySource.toLowerCase() === 'microsoft.keyvault',
          infrastructure_encryption: bool(at(p, 'encryption.requireInfrastructureEncryption')),
          allow_shared_key_access: bool(p.allowSharedKeyAccess),
          public_network_access: str(p.publicNetworkAccess),
        },
        shape: {
          encrypted: blob === null && file === null ? null : blob !== false && file !== false,
          public_access: bool(p.allowBlobPublicAccess),
          versioning: null,
        },
      }),
    ];
  },
});
