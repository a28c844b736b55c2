import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  records,
  requireItem,
  requireString,
  str,
  tagMap,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector, pagedList } from '../collector.js';
import { lastSegment } from '../normalisers/gcp-common.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.sql.instance';
const ENFORCED_MODES = new Set(['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED']);

/** MYSQL_8_0 -> mysql, POSTGRES_15 -> postgres, SQLSERVER_2019_STANDARD -> sqlserver. */
function engineOf(databaseVersion: string | null): string {
  if (!databaseVersion) return 'unknown';
  const family = databaseVersion.split('_')[0]?.toLowerCase() ?? '';
  return family === 'postgres' ? 'postgres' : family;
}

const RAW = S.raw({
  item: S.obj({
    name: S.str,
    project: S.str,
    selfLink: S.str,
    region: S.str,
    databaseVersion: S.str,
    state: S.str,
    instanceType: S.str,
    settings: S.obj({
      tier: S.str,
      userLabels: S.strMap,
      ipConfiguration: S.obj({
        sslMode: S.str,
        requireSsl: S.bool,
        ipv4Enabled: S.bool,
        privateNetwork: S.str,
        authorizedNetworks: S.list(z.looseObject({ value: S.str })),
      }),
      backupConfiguration: S.obj({ enabled: S.bool }),
      deletionProtectionEnabled: S.bool,
      databaseFlags: S.list(z.looseObject({ name: S.str, value: S.str })),
    }),
    diskEncryptionConfiguration: S.obj({ kmsKeyName: S.str }),
  }),
});

/**
 * A Cloud SQL instance ('rdbms'). TLS is enforced when settings.ipConfiguration.sslMode is
 * ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED, or, for answers without sslMode, the
 * legacy requireSsl is true. Cloud SQL always encrypts storage (ext.cmek for a customer key);
 * publicly_accessible is whether the instance has a public IPv4 address.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'sql',
  produces: [TYPE, 'rdbms'],
  raw: RAW,
  normalise(raw, scope) {
    const db = requireItem(raw, TYPE);
    const name = requireString(db, 'name', TYPE, 'item.name');
    const ip = at(db, 'settings.ipConfiguration');
    const sslMode = str(at(ip, 'sslMode'));
    const requireSsl = bool(at(ip, 'requireSsl'));
    const tlsEnforced = sslMode !== null ? ENFORCED_MODES.has(sslMode) : requireSsl;
    const networks = records(at(ip, 'authorizedNetworks'))
      .map((n) => str(n.value))
      .filter((v): v is string => v !== null);
    const project = str(db.project) ?? scope.account;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'rdbms',
        reference:
          str(db.selfLink) ??
          `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${name}`,
        name,
        region: str(db.region) ?? scope.region,
        service: 'sql',
        tags: tagMap(at(db, 'settings.userLabels')),
        ext: {
          database_version: str(db.databaseVersion),
          state: str(db.state),
          tier: str(at(db, 'settings.tier')),
          ssl_mode: sslMode,
          require_ssl: requireSsl,
          authorized_networks: networks,
          open_to_internet: networks.some((n) => n === '0.0.0.0/0' || n === '::/0'),
          private_network: str(at(ip, 'privateNetwork')),
          cmek: str(at(db, 'diskEncryptionConfiguration.kmsKeyName')) !== null,
          backups_enabled: bool(at(db, 'settings.backupConfiguration.enabled')),
          ipv4_enabled: bool(at(ip, 'ipv4Enabled')),
          instance_type: str(db.instanceType),
          deletion_protection: bool(at(db, 'settings.deletionProtectionEnabled')),
          database_flags: Object.fromEntries(
            records(at(db, 'settings.databaseFlags')).map((f) => [str(f.name) ?? '', str(f.value)]),
          ),
        },
        shape: {
          engine: engineOf(str(db.databaseVersion)),
          tls_enforced: tlsEnforced,
          min_tls_version: null,
          storage_encrypted: true,
          publicly_accessible: bool(at(ip, 'ipv4Enabled')),
        },
      }),
    ];
  },
});

/** Cloud SQL instances of a project: one paged list (the Admin API v1), no per-item call. */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'sqladmin',
  list: pagedList('cloudsql.instances.list', 'v1/projects/{project}/instances', 'items'),
  getOne: { ids: (raw) => itemIds(raw, 'name') },
});

/** Cloud SQL's audit log names a change cloudsql.instances.create / update / delete, on projects/P/instances/NAME. */
const SQL_METHODS = ['create', 'update', 'delete'].map((m) => `cloudsql.instances.${m}`);

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(SQL_METHODS, ['protoPayload.resourceName']),
    normalise: (v) => lastSegment(v) || undefined,
  },
});
