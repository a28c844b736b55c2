import { z } from 'zod';
import { defineNormaliser, type Normaliser } from '../../../core/provider.js';
import { at, buildRecord, type Json, str, tlsVersion, unknownReasons } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource, enabledFlag } from './azure-common.js';
import { firewallFacts } from './database-firewall.js';
import { listAnswer } from './list-answer.js';
import { onOff, type ServerParameters, serverParameters, tls12OrLater } from './server-parameters.js';

/** What sets one flexible server engine apart from the other. */
export interface FlexibleServerEngine {
  type: string;
  service: string;
  /** the engine as the common rdbms shape names it */
  engine: string;
  /** the server parameter that names the lowest TLS version allowed; a fact of the same name */
  tlsParameter: string;
  /** facts read from the engine's own server parameters (null where the list was not read) */
  parameterFacts(params: ServerParameters): Record<string, unknown>;
  /** those of them that stay unknown when the parameters list could not be read */
  needParameters: readonly string[];
  /** properties of the ARM item beyond those both engines answer, and the facts read from them */
  properties?: z.ZodRawShape;
  propertyFacts?(properties: Json): Record<string, unknown>;
}

/**
 * Azure Database for PostgreSQL / MySQL flexible servers ('rdbms') share one ARM shape and read
 * their TLS and logging settings from server parameters in `raw.parameters` (the
 * configurations list, one call per server): require_secure_transport (ON/OFF) and the
 * engine's TLS floor parameter; a parameter fact is null when the list was not read or does not
 * hold it. Storage is always encrypted at rest (properties.dataEncryption.type says with which
 * key). Firewall rules (`raw.firewallRules`) apply to servers with public access (not
 * VNet-integrated ones).
 */
export function flexibleServerNormaliser(e: FlexibleServerEngine): Normaliser {
  const raw = S.raw({
    item: armItem({
      version: S.str,
      state: S.str,
      fullyQualifiedDomainName: S.str,
      dataEncryption: S.obj({ type: S.str }),
      network: S.obj({ publicNetworkAccess: S.str, delegatedSubnetResourceId: S.str }),
      ...e.properties,
      backup: S.obj({ geoRedundantBackup: S.str }),
    }),
    parameters: S.answerList(z.looseObject({ name: S.str, properties: S.obj({ value: S.str }) }), 'value'),
    firewallRules: S.answerList(
      z.looseObject({ name: S.str, properties: S.obj({ startIpAddress: S.str, endIpAddress: S.str }) }),
      'value',
    ),
  });
  return defineNormaliser({
    type: e.type,
    cloud: 'azure',
    service: e.service,
    produces: [e.type, 'rdbms'],
    raw,
    normalise(raw, scope) {
      const s = armResource(raw, e.type);
      const p = s.properties;
      const params = serverParameters(raw);
      const firewall = listAnswer(raw, 'firewallRules');
      const requireTls = params.value('require_secure_transport');
      const tls = params.value(e.tlsParameter);
      return [
        buildRecord({
          raw,
          scope,
          origin: e.type,
          extType: e.type,
          recordType: 'rdbms',
          reference: s.id,
          name: s.name,
          region: s.region,
          service: e.service,
          tags: s.tags,
          ext: {
            resource_group: s.resourceGroup,
            version: str(p.version),
            state: str(p.state),
            fqdn: str(p.fullyQualifiedDomainName),
            parameters_read: params.read,
            require_secure_transport: requireTls,
            [e.tlsParameter]: tls,
            min_tls_1_2: tls12OrLater(tlsVersion(tls)),
            ...e.parameterFacts(params),
            data_encryption_type: str(at(p, 'dataEncryption.type')),
            public_network_access: str(at(p, 'network.publicNetworkAccess')),
            delegated_subnet: str(at(p, 'network.delegatedSubnetResourceId')),
            ...e.propertyFacts?.(p),
            geo_redundant_backup: enabledFlag(at(p, 'backup.geoRedundantBackup')),
            ...firewallFacts(firewall.list),
            unknown_facts: unknownReasons({
              require_secure_transport: params.state,
              min_tls_1_2: params.state,
              ...Object.fromEntries(e.needParameters.map((f) => [f, params.state])),
              firewall_allows_any_ip: firewall.state,
              firewall_allows_azure_services: firewall.state,
            }),
          },
          shape: {
            engine: e.engine,
            tls_enforced: onOff(requireTls),
            min_tls_version: tlsVersion(tls),
            storage_encrypted: true,
            publicly_accessible: enabledFlag(at(p, 'network.publicNetworkAccess')),
          },
        }),
      ];
    },
  });
}
