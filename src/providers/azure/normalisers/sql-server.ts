import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  num,
  str,
  tlsVersion,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource, enabledFlag } from './azure-common.js';
import { firewallFacts } from './database-firewall.js';
import { listAnswer } from './list-answer.js';

const TYPE = 'azure.sql.server';

const FIREWALL_RULE = z.looseObject({
  name: S.str,
  properties: S.obj({ startIpAddress: S.str, endIpAddress: S.str }),
});

const RAW = S.raw({
  item: armItem({
    minimalTlsVersion: S.str,
    version: S.str,
    state: S.str,
    fullyQualifiedDomainName: S.str,
    publicNetworkAccess: S.str,
  }),
  auditing: S.answer({
    properties: S.obj({ state: S.str, retentionDays: S.num, isAzureMonitorTargetEnabled: S.bool }),
  }),
  encryptionProtector: S.answer({ properties: S.obj({ serverKeyType: S.str, serverKeyName: S.str }) }),
  administrators: S.answerList(
    z.looseObject({ properties: S.obj({ administratorType: S.str, login: S.str }) }),
    'value',
  ),
  firewallRules: S.answerList(FIREWALL_RULE, 'value'),
});

/**
 * An Azure SQL logical server ('rdbms'). TLS is enforced when minimalTlsVersion is set to a
 * version; "None" (or unset) accepts any TLS version, reported as min_tls_version '1.0'.
 * storage_encrypted is null: transparent data encryption is a per-database setting.
 *
 * Live scans add the server's auditing policy, TDE protector, Entra ID administrators and
 * firewall rules (one read each). Azure answers an auditing policy and a TDE protector for
 * every server, so "not found" there reads as the default (auditing off, service-managed key);
 * a read that failed or was not made leaves its facts unknown (null, with the reason in
 * unknown_facts). A snapshot without these reads has them unknown.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'sql',
  produces: [TYPE, 'rdbms'],
  raw: RAW,
  normalise(raw, scope) {
    const s = armResource(raw, TYPE);
    const minimal = str(s.properties.minimalTlsVersion);
    const versioned = minimal !== null && minimal.toLowerCase() !== 'none' ? tlsVersion(minimal) : null;
    const minTls = minimal === null || minimal.toLowerCase() === 'none' ? '1.0' : versioned;
    const auditing = enrichment(raw, 'auditing');
    const protector = enrichment(raw, 'encryptionProtector');
    const admins = listAnswer(raw, 'administrators');
    const firewall = listAnswer(raw, 'firewallRules');
    const auditOn =
      auditing.state === 'absent'
        ? false
        : auditing.state === 'value'
          ? enabledFlag(at(auditing.value, 'properties.state'))
          : null;
    const keyType = protector.state === 'value' ? str(at(protector.value, 'properties.serverKeyType')) : null;
    const entraAdmins =
      admins.list === null
        ? null
        : admins.list.filter(
            (a) => str(at(a, 'properties.administratorType'))?.toLowerCase() === 'activedirectory',
          );
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'rdbms',
        reference: s.id,
        name: s.name,
        region: s.region,
        service: 'sql',
        tags: s.tags,
        ext: {
          resource_group: s.resourceGroup,
          version: str(s.properties.version),
          state: str(s.properties.state),
          fqdn: str(s.properties.fullyQualifiedDomainName),
          minimal_tls_version: minimal,
          min_tls_1_2: minTls === null ? null : Number(minTls) >= 1.2,
          public_network_access: str(s.properties.publicNetworkAccess),
          // without publicNetworkAccess the server takes connections from public networks its firewall allows
          public_network_access_enabled:
            (str(s.properties.publicNetworkAccess) ?? 'Enabled').toLowerCase() !== 'disabled',
          auditing_enabled: auditOn,
          // 0 keeps audit records without limit
          audit_retention_days:
            auditOn === true && auditing.state === 'value'
              ? (num(at(auditing.value, 'properties.retentionDays')) ?? 0)
              : null,
          audit_to_log_analytics:
            auditing.state === 'value'
              ? (bool(at(auditing.value, 'properties.isAzureMonitorTargetEnabled')) ?? false)
              : null,
          tde_protector_type: keyType,
          tde_customer_managed_key:
            protector.state === 'absent'
              ? false
              : keyType === null
                ? null
                : keyType.toLowerCase() === 'azurekeyvault',
          entra_admin_configured: entraAdmins === null ? null : entraAdmins.length > 0,
          entra_admin_login: entraAdmins?.[0] ? str(at(entraAdmins[0], 'properties.login')) : null,
          ...firewallFacts(firewall.list),
          unknown_facts: unknownReasons({
            auditing_enabled: auditing,
            audit_retention_days: auditing,
            tde_customer_managed_key: protector,
            entra_admin_configured: admins.state,
            firewall_allows_any_ip: firewall.state,
            firewall_allows_azure_services: firewall.state,
          }),
        },
        shape: {
          engine: 'sqlserver',
          tls_enforced: minimal !== null && minimal.toLowerCase() !== 'none',
          // "None" means no minimum: TLS 1.0 is accepted; a value we cannot read is unknown
          min_tls_version: minTls,
          storage_encrypted: null,
          publicly_accessible: enabledFlag(s.properties.publicNetworkAccess),
        },
      }),
    ];
  },
});
