import { defineNormaliser } from '../../../core/provider.js';
import { ageDays, collectedAt } from '../../gcp/gcp-facts.js';
import {
  at,
  bool,
  buildRecord,
  type Enrichment,
  enrichment,
  num,
  records,
  str,
  tlsVersion,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';

const TYPE = 'azure.storage.account';

const RAW = S.raw({
  collected_at: S.str,
  blobService: S.answer({
    properties: S.obj({
      deleteRetentionPolicy: S.obj({ enabled: S.bool, days: S.num }),
      containerDeleteRetentionPolicy: S.obj({ enabled: S.bool, days: S.num }),
      isVersioningEnabled: S.bool,
    }),
  }),
  fileService: S.answer({
    properties: S.obj({
      shareDeleteRetentionPolicy: S.obj({ enabled: S.bool, days: S.num }),
      protocolSettings: S.obj({ smb: S.obj({ versions: S.str, channelEncryption: S.str }) }),
    }),
  }),
  item: armItem(
    {
      encryption: S.obj({
        services: S.obj({ blob: S.obj({ enabled: S.bool }), file: S.obj({ enabled: S.bool }) }),
        keySource: S.str,
        requireInfrastructureEncryption: S.bool,
      }),
      supportsHttpsTrafficOnly: S.bool,
      minimumTlsVersion: S.str,
      networkAcls: S.obj({ defaultAction: S.str, bypass: S.str }),
      allowSharedKeyAccess: S.bool,
      allowBlobPublicAccess: S.bool,
      publicNetworkAccess: S.str,
      allowCrossTenantReplication: S.bool,
      defaultToOAuthAuthentication: S.bool,
      keyPolicy: S.obj({ keyExpirationPeriodInDays: S.num }),
      keyCreationTime: S.obj({ key1: S.str, key2: S.str }),
      privateEndpointConnections: S.list(
        S.obj({ properties: S.obj({ privateLinkServiceConnectionState: S.obj({ status: S.str }) }) }),
      ),
    },
    { kind: S.str, sku: S.obj({ name: S.str }) },
  ),
});

/** A service property of a service Azure answered; null when the service was not read. */
function serviceFact<T>(service: Enrichment, read: (properties: unknown) => T): T | null {
  return service.state === 'value' ? read(service.value.properties) : null;
}

/** A retention policy's enabled flag; a policy Azure leaves out is off. */
const policyOn = (props: unknown, path: string) => bool(at(props, `${path}.enabled`)) ?? false;

/**
 * An SMB setting's allowed values ("SMB3.0;SMB3.1.1"); empty or left out, Azure allows every
 * value it supports, listed in `all`.
 */
function smbValues(props: unknown, field: string, all: string[]): string[] {
  const v = str(at(props, `protocolSettings.smb.${field}`));
  const list = (v ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return list.length === 0 ? all : list;
}

/** What Azure Files allows when an account leaves the SMB setting empty (api-version 2023-05-01). */
const SMB_VERSIONS = ['SMB2.1', 'SMB3.0', 'SMB3.1.1'];
const SMB_CHANNEL_ENCRYPTION = ['AES-128-CCM', 'AES-128-GCM', 'AES-256-GCM'];

/**
 * The two access keys' creation times (keyCreationTime, set when a key is created or
 * regenerated) and their ages in days at collection. Azure leaves a key's time null on
 * accounts created before it began recording them (2021) until that key is regenerated: such a
 * key is listed in `unrecorded`, and the age of the oldest key is then unknown (null).
 */
function accessKeyAges(p: Record<string, unknown>, now: number) {
  const created: Record<string, string | null> = {};
  const unrecorded: string[] = [];
  const ages: number[] = [];
  for (const key of ['key1', 'key2']) {
    const t = str(at(p, `keyCreationTime.${key}`));
    const age = ageDays(t, now);
    created[key] = t;
    if (age === null) unrecorded.push(key);
    else ages.push(age);
  }
  return { created, unrecorded, oldest: unrecorded.length > 0 ? null : Math.max(...ages) };
}

/** Redundancy SKUs that keep a copy in a second region. */
const GEO_REDUNDANT = /(?:^|_)(?:GRS|RAGRS|GZRS|RAGZRS)$/i;

/**
 * A storage account ('storage'). public_access is allowBlobPublicAccess (whether containers may
 * allow anonymous reads); network exposure (networkAcls.defaultAction) is in ext. Soft delete,
 * versioning and SMB settings come from the blob and file service reads (`blobService`,
 * `fileService`): unknown (null, with the reason in unknown_facts) when a read failed or was
 * not made; a policy the service answer leaves out is off.
 *
 * Settings Azure leaves out of the answer when they keep their default are read as that
 * default, as Azure documents it for the pinned api-version (2023-05-01): shared key access
 * and public network access are allowed, cross-tenant replication is allowed (accounts from
 * before December 2023), Entra authorisation in the portal is off, anonymous
 * blob access is off (the default since 2023-01-01), no key expiry policy is set.
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
    const sku = str(at(sa.item, 'sku.name'));
    const bypass = str(at(p, 'networkAcls.bypass'));
    const blobService = enrichment(raw, 'blobService');
    const fileService = enrichment(raw, 'fileService');
    const versioning = serviceFact(blobService, (b) => bool(at(b, 'isVersioningEnabled')) ?? false);
    const keyAges = accessKeyAges(p, collectedAt(raw));
    const approvedEndpoints = records(p.privateEndpointConnections).filter(
      (c) => str(at(c, 'properties.privateLinkServiceConnectionState.status'))?.toLowerCase() === 'approved',
    ).length;
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
          sku,
          geo_redundant: sku === null ? null : GEO_REDUNDANT.test(sku),
          https_only: bool(p.supportsHttpsTrafficOnly),
          // without minimumTlsVersion Azure accepts TLS 1.0; a spelling we cannot read stays unknown
          minimum_tls_version:
            p.minimumTlsVersion === undefined || p.minimumTlsVersion === null
              ? '1.0'
              : tlsVersion(p.minimumTlsVersion),
          network_default_action: str(at(p, 'networkAcls.defaultAction')),
          key_source: keySource,
          customer_managed_key: keySource === null ? null : keySource.toLowerCase() === 'microsoft.keyvault',
          infrastructure_encryption: bool(at(p, 'encryption.requireInfrastructureEncryption')),
          allow_shared_key_access: bool(p.allowSharedKeyAccess),
          shared_key_access_allowed: bool(p.allowSharedKeyAccess) ?? true,
          public_network_access: str(p.publicNetworkAccess),
          public_network_access_enabled:
            (str(p.publicNetworkAccess) ?? 'Enabled').toLowerCase() !== 'disabled',
          blob_anonymous_access_allowed: bool(p.allowBlobPublicAccess) ?? false,
          // unset on accounts created before December 2023: cross-tenant replication is then allowed
          cross_tenant_replication: bool(p.allowCrossTenantReplication) ?? true,
          entra_authorization_default: bool(p.defaultToOAuthAuthentication) ?? false,
          // without networkAcls.bypass Azure applies its default, AzureServices
          trusted_services_bypass:
            bypass === null ? true : bypass.split(/\s*,\s*/).some((b) => b.toLowerCase() === 'azureservices'),
          key_expiration_days: num(at(p, 'keyPolicy.keyExpirationPeriodInDays')),
          key_rotation_reminder: num(at(p, 'keyPolicy.keyExpirationPeriodInDays')) !== null,
          key_creation_times: [str(at(p, 'keyCreationTime.key1')), str(at(p, 'keyCreationTime.key2'))].filter(
            (t): t is string => t !== null,
          ),
          access_key_created: keyAges.created,
          access_key_oldest_days: keyAges.oldest,
          access_key_creation_unrecorded: keyAges.unrecorded,
          private_endpoints: approvedEndpoints,
          private_endpoint_connected: approvedEndpoints > 0,
          has_blob_service:
            raw.blobService !== undefined || str(sa.item.kind)?.toLowerCase() !== 'filestorage',
          has_file_service:
            raw.fileService !== undefined ||
            !['blobstorage', 'blockblobstorage'].includes(str(sa.item.kind)?.toLowerCase() ?? ''),
          blob_soft_delete: serviceFact(blobService, (b) => policyOn(b, 'deleteRetentionPolicy')),
          blob_soft_delete_days: serviceFact(blobService, (b) => num(at(b, 'deleteRetentionPolicy.days'))),
          container_soft_delete: serviceFact(blobService, (b) =>
            policyOn(b, 'containerDeleteRetentionPolicy'),
          ),
          blob_versioning: versioning,
          file_share_soft_delete: serviceFact(fileService, (f) => policyOn(f, 'shareDeleteRetentionPolicy')),
          smb_versions: serviceFact(fileService, (f) => smbValues(f, 'versions', SMB_VERSIONS)),
          smb_channel_encryption: serviceFact(fileService, (f) =>
            smbValues(f, 'channelEncryption', SMB_CHANNEL_ENCRYPTION),
          ),
          unknown_facts: unknownReasons({
            blob_soft_delete: blobService,
            container_soft_delete: blobService,
            blob_versioning: blobService,
            file_share_soft_delete: fileService,
            smb_versions: fileService,
            smb_channel_encryption: fileService,
          }),
        },
        shape: {
          encrypted: blob === null && file === null ? null : blob !== false && file !== false,
          public_access: bool(p.allowBlobPublicAccess),
          versioning,
        },
      }),
    ];
  },
});
