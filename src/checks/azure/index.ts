import type { AnyCheck } from '../../core/check.js';
import keyvaultKeysExpireAccessPolicy from './keyvault/keys-expire-access-policy.js';
import keyvaultKeysExpireRbac from './keyvault/keys-expire-rbac.js';
import keyvaultPrivateEndpointUsed from './keyvault/private-endpoint-used.js';
import keyvaultPublicNetworkAccessDisabled from './keyvault/public-network-access-disabled.js';
import keyvaultPurgeProtection from './keyvault/purge-protection.js';
import keyvaultRbacAuthorization from './keyvault/rbac-authorization.js';
import keyvaultSecretsExpireAccessPolicy from './keyvault/secrets-expire-access-policy.js';
import keyvaultSecretsExpireRbac from './keyvault/secrets-expire-rbac.js';
import networkNsgHttpNotOpen from './network/http-not-open.js';
import networkNsgRdpNotOpen from './network/rdp-not-open.js';
import networkNsgSshNotOpen from './network/ssh-not-open.js';
import networkNsgUdpNotOpen from './network/udp-not-open.js';
import storageBlobAnonymousAccessDisabled from './storage/blob-anonymous-access-disabled.js';
import storageBlobSoftDelete from './storage/blob-soft-delete.js';
import storageBlobVersioning from './storage/blob-versioning.js';
import storageContainerSoftDelete from './storage/container-soft-delete.js';
import storageCrossTenantReplicationDisabled from './storage/cross-tenant-replication-disabled.js';
import storageDefaultNetworkActionDeny from './storage/default-network-action-deny.js';
import storageEntraAuthorizationDefault from './storage/entra-authorization-default.js';
import storageFileShareSoftDelete from './storage/file-share-soft-delete.js';
import storageGeoRedundant from './storage/geo-redundant.js';
import storageKeyRotationReminder from './storage/key-rotation-reminder.js';
import storageMinTls12 from './storage/min-tls-1-2.js';
import storagePrivateEndpointUsed from './storage/private-endpoint-used.js';
import storagePublicNetworkAccessDisabled from './storage/public-network-access-disabled.js';
import storageSecureTransferRequired from './storage/secure-transfer-required.js';
import storageSharedKeyAccessDisabled from './storage/shared-key-access-disabled.js';
import storageSmbChannelEncryption from './storage/smb-channel-encryption.js';
import storageSmbVersion from './storage/smb-version.js';
import storageTrustedServicesAllowed from './storage/trusted-services-allowed.js';

/** Every Azure check. Add a new Azure check's import here. */
export const AZURE_CHECKS: AnyCheck[] = [
  storageSecureTransferRequired,
  storageMinTls12,
  storageBlobAnonymousAccessDisabled,
  storageDefaultNetworkActionDeny,
  storagePublicNetworkAccessDisabled,
  storageSharedKeyAccessDisabled,
  storageCrossTenantReplicationDisabled,
  storageTrustedServicesAllowed,
  storageEntraAuthorizationDefault,
  storageKeyRotationReminder,
  storagePrivateEndpointUsed,
  storageGeoRedundant,
  storageFileShareSoftDelete,
  storageSmbVersion,
  storageSmbChannelEncryption,
  storageBlobSoftDelete,
  storageContainerSoftDelete,
  storageBlobVersioning,
  networkNsgRdpNotOpen,
  networkNsgSshNotOpen,
  networkNsgUdpNotOpen,
  networkNsgHttpNotOpen,
  keyvaultKeysExpireRbac,
  keyvaultKeysExpireAccessPolicy,
  keyvaultSecretsExpireRbac,
  keyvaultSecretsExpireAccessPolicy,
  keyvaultPurgeProtection,
  keyvaultRbacAuthorization,
  keyvaultPublicNetworkAccessDisabled,
  keyvaultPrivateEndpointUsed,
];
