import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, buildRecord, listEnrichment, str, tlsVersion } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource, enabledFlag } from './azure-common.js';

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
});

/**
 * Azure Database for PostgreSQL flexible server ('rdbms'). TLS enforcement is the server
 * parameter require_secure_transport in `raw.parameters` (the configurations list): null when
 * the list was not read or does not hold it. Storage is always encrypted at rest
 * (properties.dataEncryption.type says with which key).
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
    const params = listEnrichment(raw, 'parameters', 'value');
    const paramValue = (name: string): string | null => {
      const c = params?.find((x) => str(x.name) === name);
      return c ? str(at(c, 'properties.value')) : null;
    };
    const requireTls = paramValue('require_secure_transport');
    const minProtocol = paramValue('ssl_min_protocol_version');
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
          parameters_read: params !== null,
          require_secure_transport: requireTls,
          ssl_min_protocol_version: minProtocol,
          data_encryption_type: str(at(p, 'dataEncryption.type')),
          public_network_access: str(at(p, 'network.publicNetworkAccess')),
          delegated_subnet: str(at(p, 'network.delegatedSubnetResourceId')),
          password_auth: enabledFlag(at(p, 'authConfig.passwordAuth')),
          entra_auth: enabledFlag(at(p, 'authConfig.activeDirectoryAuth')),
          geo_redundant_backup: enabledFlag(at(p, 'backup.geoRedundantBackup')),
        },
        shape: {
          engine: 'postgres',
          tls_enforced: requireTls === null ? null : ['on', '1', 'true'].includes(requireTls.toLowerCase()),
          min_tls_version: tlsVersion(minProtocol),
          storage_encrypted: true,
          publicly_accessible: enabledFlag(at(p, 'network.publicNetworkAccess')),
        },
      }),
    ];
  },
});
