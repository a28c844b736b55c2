import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, buildRecord, str, tlsVersion, unknownReasons } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource, enabledFlag } from './azure-common.js';
import { firewallFacts } from './database-firewall.js';
import { listAnswer } from './list-answer.js';
import { intValue, onOff, serverParameters, tls12OrLater } from './server-parameters.js';

const TYPE = 'azure.postgresql.flexible_server';

const RAW = S.raw({
  item: armItem({
    version: S.str,
    state: S.str,
    fullyQualifiedDomainName: S.str,
    dataEncryption: S.obj({ type: S.str }),
    network: S.obj({ publicNetworkAccess: S.str, delegatedSubnetResourceId: S.str }),
    authConfig: S.obj({ passwordAuth: S.str, activeDirectoryAuth: S.str }),
    backup: S.obj({ geoRedundantBackup: S.str }),
  }),
  parameters: S.answerList(z.looseObject({ name: S.str, properties: S.obj({ value: S.str }) }), 'value'),
  firewallRules: S.answerList(
    z.looseObject({ name: S.str, properties: S.obj({ startIpAddress: S.str, endIpAddress: S.str }) }),
    'value',
  ),
});

/**
 * Azure Database for PostgreSQL flexible server ('rdbms'). TLS enforcement and the logging and
 * throttling settings are server parameters in `raw.parameters` (the configurations list, one
 * call per server): null when the list was not read or does not hold the parameter. Storage is
 * always encrypted at rest (properties.dataEncryption.type says with which key). Firewall rules
 * (`raw.firewallRules`) apply to servers with public access (not VNet-integrated ones).
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'postgresql',
  produces: [TYPE, 'rdbms'],
  raw: RAW,
  normalise(raw, scope) {
    const s = armResource(raw, TYPE);
    const p = s.properties;
    const params = serverParameters(raw);
    const firewall = listAnswer(raw, 'firewallRules');
    const requireTls = params.value('require_secure_transport');
    const minProtocol = params.value('ssl_min_protocol_version');
    const paramFacts = {
      require_secure_transport: params.state,
      min_tls_1_2: params.state,
      log_checkpoints: params.state,
      connection_throttling: params.state,
      log_retention_days: params.state,
    };
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
        service: 'postgresql',
        tags: s.tags,
        ext: {
          resource_group: s.resourceGroup,
          version: str(p.version),
          state: str(p.state),
          fqdn: str(p.fullyQualifiedDomainName),
          parameters_read: params.read,
          require_secure_transport: requireTls,
          ssl_min_protocol_version: minProtocol,
          min_tls_1_2: tls12OrLater(tlsVersion(minProtocol)),
          log_checkpoints: onOff(params.value('log_checkpoints')),
          connection_throttling: onOff(params.value('connection_throttle.enable')),
          log_retention_days: intValue(params.value('logfiles.retention_days')),
          data_encryption_type: str(at(p, 'dataEncryption.type')),
          public_network_access: str(at(p, 'network.publicNetworkAccess')),
          delegated_subnet: str(at(p, 'network.delegatedSubnetResourceId')),
          password_auth: enabledFlag(at(p, 'authConfig.passwordAuth')),
          entra_auth: enabledFlag(at(p, 'authConfig.activeDirectoryAuth')),
          geo_redundant_backup: enabledFlag(at(p, 'backup.geoRedundantBackup')),
          ...firewallFacts(firewall.list),
          unknown_facts: unknownReasons({
            ...paramFacts,
            firewall_allows_any_ip: firewall.state,
            firewall_allows_azure_services: firewall.state,
          }),
        },
        shape: {
          engine: 'postgres',
          tls_enforced: onOff(requireTls),
          min_tls_version: tlsVersion(minProtocol),
          storage_encrypted: true,
          publicly_accessible: enabledFlag(at(p, 'network.publicNetworkAccess')),
        },
      }),
    ];
  },
});
