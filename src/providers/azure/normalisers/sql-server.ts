import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, str, tlsVersion } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource, enabledFlag } from './azure-common.js';

const TYPE = 'azure.sql.server';

const RAW = S.raw({
  item: armItem({
    minimalTlsVersion: S.str,
    version: S.str,
    state: S.str,
    fullyQualifiedDomainName: S.str,
    publicNetworkAccess: S.str,
  }),
});

/**
 * An Azure SQL logical server ('rdbms'). TLS is enforced when minimalTlsVersion is set to a
 * version; "None" (or unset) accepts any TLS version, reported as min_tls_version '1.0'.
 * storage_encrypted is null: transparent data encryption is a per-database setting.
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
          public_network_access: str(s.properties.publicNetworkAccess),
        },
        shape: {
          engine: 'sqlserver',
          tls_enforced: minimal !== null && minimal.toLowerCase() !== 'none',
          // "None" means no minimum: TLS 1.0 is accepted; a value we cannot read is unknown
          min_tls_version: minimal === null || minimal.toLowerCase() === 'none' ? '1.0' : versioned,
          storage_encrypted: null,
          publicly_accessible: enabledFlag(s.properties.publicNetworkAccess),
        },
      }),
    ];
  },
});
