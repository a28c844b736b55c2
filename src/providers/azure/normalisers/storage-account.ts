import { defineNormaliser } from '../../../core/provider.js';
import { at, bool, buildRecord, str, tlsVersion } from '../../normalise-kit.js';
import { armResource } from './azure-common.js';

const TYPE = 'azure.storage.account';

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
