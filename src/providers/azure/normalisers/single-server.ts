import { defineNormaliser, type Normaliser } from '../../../core/provider.js';
import { at, buildRecord, str, tlsVersion } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { armItem, armResource, enabledFlag } from './azure-common.js';

const RAW = S.raw({
  item: armItem({
    version: S.str,
    userVisibleState: S.str,
    fullyQualifiedDomainName: S.str,
    sslEnforcement: S.str,
    minimalTlsVersion: S.str,
    infrastructureEncryption: S.str,
    byokEnforcement: S.str,
    publicNetworkAccess: S.str,
    storageProfile: S.obj({ geoRedundantBackup: S.str }),
  }),
});

/**
 * Azure Database for PostgreSQL / MySQL single servers share one ARM shape:
 * properties.sslEnforcement (Enabled/Disabled) and properties.minimalTlsVersion (TLS1_0, TLS1_1,
 * TLS1_2 or TLSEnforcementDisabled, which accepts any version: '1.0'). The service always
 * encrypts storage at rest, so storage_encrypted is true; infrastructure (double) encryption
 * is in ext.
 */
export function singleServerNormaliser(type: string, service: string, engine: string): Normaliser {
  return defineNormaliser({
    type,
    cloud: 'azure',
    service,
    produces: [type, 'rdbms'],
    raw: RAW,
    normalise(raw, scope) {
      const s = armResource(raw, type);
      const p = s.properties;
      const minimal = str(p.minimalTlsVersion);
      return [
        buildRecord({
          raw,
          scope,
          origin: type,
          extType: type,
          recordType: 'rdbms',
          reference: s.id,
          name: s.name,
          region: s.region,
          service,
          tags: s.tags,
          ext: {
            resource_group: s.resourceGroup,
            version: str(p.version),
            state: str(p.userVisibleState),
            fqdn: str(p.fullyQualifiedDomainName),
            ssl_enforcement: str(p.sslEnforcement),
            minimal_tls_version: minimal,
            infrastructure_encryption: enabledFlag(p.infrastructureEncryption),
            byok_enforcement: enabledFlag(p.byokEnforcement),
            public_network_access: str(p.publicNetworkAccess),
            geo_redundant_backup: enabledFlag(at(p, 'storageProfile.geoRedundantBackup')),
          },
          shape: {
            engine,
            tls_enforced: enabledFlag(p.sslEnforcement),
            min_tls_version: minimal === 'TLSEnforcementDisabled' ? '1.0' : tlsVersion(minimal),
            storage_encrypted: true,
            publicly_accessible: enabledFlag(p.publicNetworkAccess),
          },
        }),
      ];
    },
  });
}
