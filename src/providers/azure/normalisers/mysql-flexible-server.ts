import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, buildRecord, str, tlsVersion, unknownReasons } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource, enabledFlag } from './azure-common.js';
import { firewallFacts } from './database-firewall.js';
import { listAnswer } from './list-answer.js';
import { onOff, serverParameters, tls12OrLater } from './server-parameters.js';

const TYPE = 'azure.mysql.flexible_server';

const RAW = S.raw({
  item: armItem({
    version: S.str,
    state: S.str,
    fullyQualifiedDomainName: S.str,
    dataEncryption: S.obj({ type: S.str }),
    network: S.obj({ publicNetworkAccess: S.str, delegatedSubnetResourceId: S.str }),
    backup: S.obj({ geoRedundantBackup: S.str }),
  }),
  parameters: S.answerList(z.looseObject({ name: S.str, properties: S.obj({ value: S.str }) }), 'value'),
  firewallRules: S.answerList(
    z.looseObject({ name: S.str, properties: S.obj({ startIpAddress: S.str, endIpAddress: S.str }) }),
    'value',
  ),
});

/**
 * Azure Database for MySQL flexible server ('rdbms'). TLS and audit logging are server
 * parameters in `raw.parameters` (the configurations list, one call per server):
 * require_secure_transport (ON/OFF), tls_version (the versions allowed, "TLSv1.2,TLSv1.3"),
 * audit_log_enabled and audit_log_events (the event classes logged, "CONNECTION,DDL"). A fact
 * is null when the list was not read or does not hold its parameter. Storage is always
 * encrypted at rest.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'azure',
  service: 'mysql',
  produces: [TYPE, 'rdbms'],
  raw: RAW,
  normalise(raw, scope) {
    const s = armResource(raw, TYPE);
    const p = s.properties;
    const params = serverParameters(raw);
    const firewall = listAnswer(raw, 'firewallRules');
    const requireTls = params.value('require_secure_transport');
    const tls = params.value('tls_version');
    const events = params.value('audit_log_events');
    const eventList =
      events === null
        ? null
        : events
            .split(',')
            .map((e) => e.trim().toUpperCase())
            .filter((e) => e !== '');
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
        service: 'mysql',
        tags: s.tags,
        ext: {
          resource_group: s.resourceGroup,
          version: str(p.version),
          state: str(p.state),
          fqdn: str(p.fullyQualifiedDomainName),
          parameters_read: params.read,
          require_secure_transport: requireTls,
          tls_version: tls,
          min_tls_1_2: tls12OrLater(tlsVersion(tls)),
          audit_log_enabled: onOff(params.value('audit_log_enabled')),
          audit_log_events: eventList,
          audit_log_connection_events: eventList === null ? null : eventList.includes('CONNECTION'),
          data_encryption_type: str(at(p, 'dataEncryption.type')),
          public_network_access: str(at(p, 'network.publicNetworkAccess')),
          delegated_subnet: str(at(p, 'network.delegatedSubnetResourceId')),
          geo_redundant_backup: enabledFlag(at(p, 'backup.geoRedundantBackup')),
          ...firewallFacts(firewall.list),
          unknown_facts: unknownReasons({
            require_secure_transport: params.state,
            min_tls_1_2: params.state,
            audit_log_enabled: params.state,
            audit_log_connection_events: params.state,
            firewall_allows_any_ip: firewall.state,
            firewall_allows_azure_services: firewall.state,
          }),
        },
        shape: {
          engine: 'mysql',
          tls_enforced: onOff(requireTls),
          min_tls_version: tlsVersion(tls),
          storage_encrypted: true,
          publicly_accessible: enabledFlag(at(p, 'network.publicNetworkAccess')),
        },
      }),
    ];
  },
});
