import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  type Enrichment,
  enrichment,
  type Json,
  num,
  records,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource } from './azure-common.js';
import { RESOURCE_DIAGNOSTIC_SETTING, settingsSending } from './resource-diagnostics.js';

const TYPE = 'azure.keyvault.vault';

/** A key or secret as the Resource Manager list answers it: metadata only, never a value. */
const ENTRY = z.looseObject({
  name: S.str,
  properties: S.obj({ attributes: S.obj({ enabled: S.bool, exp: S.num }) }),
});

/** A key's rotation policy, as the collector keeps it from the key's Resource Manager GET. */
const KEY_ROTATION = z.looseObject({
  name: S.str,
  rotationPolicy: S.obj({
    lifetimeActions: S.list(z.looseObject({ action: S.obj({ type: S.str }) })),
  }),
});

/** A certificate as the collector keeps it: list attributes and its policy's validity, no content. */
const CERTIFICATE = z.looseObject({
  name: S.str,
  attributes: S.obj({ enabled: S.bool, nbf: S.num, exp: S.num }),
  policy: S.obj({ validity_months: S.num, issuer: S.str }),
});

const RAW = S.raw({
  certificates: S.answerList(CERTIFICATE),
  keys: S.answerList(ENTRY),
  secrets: S.answerList(ENTRY),
  keyRotation: S.answerList(KEY_ROTATION),
  diagnostics: S.answerList(RESOURCE_DIAGNOSTIC_SETTING),
  item: armItem({
    enableRbacAuthorization: S.bool,
    enablePurgeProtection: S.bool,
    enableSoftDelete: S.bool,
    softDeleteRetentionInDays: S.num,
    publicNetworkAccess: S.str,
    networkAcls: S.obj({ defaultAction: S.str }),
    privateEndpointConnections: S.list(
      S.obj({ properties: S.obj({ privateLinkServiceConnectionState: S.obj({ status: S.str }) }) }),
    ),
  }),
});

export interface VaultEntry {
  name: string;
  enabled: boolean;
  /** the expiry, ISO 8601; null when none is set */
  expires: string | null;
}

/** The keys or secrets answer: the list, or why it is unknown. */
function entries(raw: Json, key: string): { list: VaultEntry[] | null; state: Enrichment } {
  const v = raw[key];
  if (!Array.isArray(v)) {
    const state = enrichment(raw, key);
    if (state.state === 'absent') return { list: [], state };
    return {
      list: null,
      state: state.state === 'value' ? { state: 'unknown', reason: `${key} is not a list` } : state,
    };
  }
  const list = records(v).map((e) => {
    const exp = num(at(e, 'properties.attributes.exp'));
    return {
      name: str(e.name) ?? '(unnamed)',
      // Azure leaves enabled out only for items it enables by default
      enabled: bool(at(e, 'properties.attributes.enabled')) ?? true,
      expires: exp === null ? null : new Date(exp * 1000).toISOString(),
    };
  });
  return { list, state: { state: 'value', value: {} } };
}

const withoutExpiry = (list: VaultEntry[] | null) =>
  list === null ? null : list.filter((e) => e.enabled && e.expires === null).map((e) => e.name);

export interface VaultCertificate {
  name: string;
  enabled: boolean;
  /** the issuance policy's validity in months; null when neither the policy nor the dates say */
  validity_months: number | null;
  /** where validity_months comes from: the policy, or the current version's dates */
  validity_from: 'policy' | 'dates' | null;
  expires: string | null;
}

const MONTH_SECONDS = (365.25 / 12) * 86_400;

/**
 * The certificates of the vault from the data-plane reads: each one's validity is its issuance
 * policy's (x509_props.validity_months), or, for a policy that does not say, the current
 * version's notBefore to expiry in whole months (rounded). Null with the reason when the vault
 * refused or the reads failed.
 */
function vaultCertificates(raw: Json): { list: VaultCertificate[] | null; state: Enrichment } {
  const v = raw.certificates;
  if (!Array.isArray(v)) {
    const state = enrichment(raw, 'certificates');
    return {
      list: null,
      state: state.state === 'unknown' ? state : { state: 'unknown', reason: 'certificates is not a list' },
    };
  }
  const list = records(v).map((c) => {
    const months = num(at(c, 'policy.validity_months'));
    const nbf = num(at(c, 'attributes.nbf'));
    const exp = num(at(c, 'attributes.exp'));
    const fromDates = nbf !== null && exp !== null ? Math.round((exp - nbf) / MONTH_SECONDS) : null;
    const validity = months ?? fromDates;
    return {
      name: str(c.name) ?? '(unnamed)',
      enabled: bool(at(c, 'attributes.enabled')) ?? true,
      validity_months: validity,
      validity_from: months !== null ? 'policy' : fromDates !== null ? 'dates' : null,
      expires: exp === null ? null : new Date(exp * 1000).toISOString(),
    } satisfies VaultCertificate;
  });
  return { list, state: { state: 'value', value: {} } };
}

/**
 * The enabled keys without automatic rotation (no lifetime action of type rotate in the key's
 * rotation policy): from the per-key reads, so unknown when the keys or those reads are.
 */
function keysWithoutRotation(
  raw: Json,
  keys: { list: VaultEntry[] | null; state: Enrichment },
): { names: string[] | null; state: Enrichment } {
  if (keys.list === null) return { names: null, state: keys.state };
  const enabled = keys.list.filter((k) => k.enabled).map((k) => k.name);
  if (enabled.length === 0) return { names: [], state: { state: 'value', value: {} } };
  const v = raw.keyRotation;
  if (!Array.isArray(v)) {
    const state = enrichment(raw, 'keyRotation');
    return {
      names: null,
      state: state.state === 'unknown' ? state : { state: 'unknown', reason: 'keyRotation is not a list' },
    };
  }
  const rotating = new Set(
    records(v)
      .filter((k) =>
        records(at(k, 'rotationPolicy.lifetimeActions')).some(
          (a) => str(at(a, 'action.type'))?.toLowerCase() === 'rotate',
        ),
      )
      .map((k) => str(k.name)),
  );
  return { names: enabled.filter((n) => !rotating.has(n)), state: { state: 'value', value: {} } };
}

/**
 * A key vault ('azure.keyvault.vault') with the expiry of its keys and secrets, read from the
 * Resource Manager lists (metadata only: the collector keeps no secret value), the automatic
 * rotation of its keys, and whether a diagnostic setting sends its audit log (the AuditEvent
 * category, or the audit or allLogs group) anywhere. Its certificates come from the Key Vault
 * data plane (names, dates and the issuance policy's validity; never content). Settings Azure
 * leaves out when they keep their default (api-version 2023-07-01) read as that default:
 * access policies rather than RBAC, no purge protection, public network access enabled.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'keyvault',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const v = armResource(raw, TYPE);
    const p = v.properties;
    const keys = entries(raw, 'keys');
    const secrets = entries(raw, 'secrets');
    const rotation = keysWithoutRotation(raw, keys);
    const certificates = vaultCertificates(raw);
    const audit = settingsSending(raw, 'diagnostics', {
      categories: ['AuditEvent'],
      groups: ['audit', 'allLogs'],
    });
    const approvedEndpoints = records(p.privateEndpointConnections).filter(
      (c) => str(at(c, 'properties.privateLinkServiceConnectionState.status'))?.toLowerCase() === 'approved',
    ).length;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: TYPE,
        reference: v.id,
        name: v.name,
        region: v.region,
        service: 'keyvault',
        tags: v.tags,
        ext: {
          resource_group: v.resourceGroup,
          rbac_authorization: bool(p.enableRbacAuthorization) ?? false,
          purge_protection: bool(p.enablePurgeProtection) ?? false,
          soft_delete: bool(p.enableSoftDelete) ?? true,
          soft_delete_retention_days: num(p.softDeleteRetentionInDays),
          public_network_access: str(p.publicNetworkAccess),
          public_network_access_enabled:
            (str(p.publicNetworkAccess) ?? 'Enabled').toLowerCase() !== 'disabled',
          network_default_action: str(at(p, 'networkAcls.defaultAction')),
          private_endpoints: approvedEndpoints,
          private_endpoint_connected: approvedEndpoints > 0,
          keys: keys.list,
          secrets: secrets.list,
          keys_without_expiry: withoutExpiry(keys.list),
          secrets_without_expiry: withoutExpiry(secrets.list),
          keys_without_rotation: rotation.names,
          certificates: certificates.list,
          audit_logging: audit.names === null ? null : audit.names.length > 0,
          audit_log_settings: audit.names,
          unknown_facts: unknownReasons({
            keys_without_expiry: keys.state,
            secrets_without_expiry: secrets.state,
            keys_without_rotation: rotation.state,
            certificates: certificates.state,
            audit_logging: audit.state,
          }),
        },
        shape: {},
      }),
    ];
  },
});
