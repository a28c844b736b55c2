import type { DBInstance, Parameter } from '@aws-sdk/client-rds';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
  buildRecord,
  type Json,
  keyValueTags,
  listEnrichment,
  num,
  records,
  requireItem,
  requireString,
  str,
  tlsVersion,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn } from './aws-common.js';

const TYPE = 'aws.rds.db_instance';

/** The parameter that makes the engine refuse unencrypted connections, by engine family. */
function tlsParameterFor(engine: string): { name: string; minVersion: string | null } | null {
  if (engine.startsWith('aurora')) return null; // set in the cluster parameter group, not read here
  if (engine === 'postgres') return { name: 'rds.force_ssl', minVersion: 'ssl_min_protocol_version' };
  if (engine === 'mysql' || engine === 'mariadb')
    return { name: 'require_secure_transport', minVersion: 'tls_version' };
  if (engine.startsWith('sqlserver')) return { name: 'rds.force_ssl', minVersion: null };
  return null; // oracle and db2 enforce TLS through option groups / listeners
}

const isOn = (v: string): boolean => ['1', 'on', 'true'].includes(v.trim().toLowerCase());

const RAW = S.raw({
  item: S.obj({
    DBInstanceIdentifier: S.str,
    DBInstanceArn: S.str,
    Engine: S.str,
    EngineVersion: S.str,
    DBInstanceClass: S.str,
    DBClusterIdentifier: S.str,
    DBParameterGroups: S.list(z.looseObject({ DBParameterGroupName: S.str })),
    KmsKeyId: S.str,
    MultiAZ: S.bool,
    BackupRetentionPeriod: S.num,
    DeletionProtection: S.bool,
    IAMDatabaseAuthenticationEnabled: S.bool,
    AutoMinorVersionUpgrade: S.bool,
    CACertificateIdentifier: S.str,
    Endpoint: S.obj({ Address: S.str, Port: S.num }),
    DbInstancePort: S.num,
    EnabledCloudwatchLogsExports: S.strs,
    VpcSecurityGroups: S.list(z.looseObject({ VpcSecurityGroupId: S.str })),
    StorageEncrypted: S.bool,
    PubliclyAccessible: S.bool,
    TagList: S.keyValueTags,
    MonitoringInterval: S.num,
    CopyTagsToSnapshot: S.bool,
    MasterUsername: S.str,
    ReadReplicaSourceDBInstanceIdentifier: S.str,
    DBSubnetGroup: S.obj({ VpcId: S.str }),
  }),
  parameters: S.answerList(z.looseObject({ ParameterName: S.str, ParameterValue: S.str }), 'Parameters'),
});

/**
 * An RDS DB instance ('rdbms'). tls_enforced reads the engine's TLS parameter from the first
 * DB parameter group: a parameter that is absent, has no value (engine default) or is 0/OFF
 * means not enforced. It is null when the parameters were not read or the read failed, and for
 * Aurora and Oracle, whose TLS settings live elsewhere.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'rds',
  produces: [TYPE, 'rdbms'],
  raw: RAW,
  normalise(raw, scope) {
    const db = requireItem<DBInstance>(raw, TYPE);
    const id = requireString(db, 'DBInstanceIdentifier', TYPE, 'item.DBInstanceIdentifier');
    const engine = requireString(db, 'Engine', TYPE, 'item.Engine');
    const params = listEnrichment(raw, 'parameters', 'Parameters') as (Parameter & Json)[] | null;
    const tlsParam = tlsParameterFor(engine);
    const paramValue = (name: string): string | null => {
      const p = params?.find((x) => str(x.ParameterName) === name);
      return p ? str(p.ParameterValue) : null;
    };

    let tlsEnforced: boolean | null = null;
    let tlsValue: string | null = null;
    let minTls: string | null = null;
    if (tlsParam && params) {
      tlsValue = paramValue(tlsParam.name);
      tlsEnforced = tlsValue !== null && isOn(tlsValue);
      minTls = tlsParam.minVersion ? tlsVersion(paramValue(tlsParam.minVersion)) : null;
    }
    const paramGroup = records(db.DBParameterGroups)[0];

    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'rdbms',
        reference:
          str(db.DBInstanceArn) ?? awsArn('rds', scope.region, scope.account, `db:${id}`, scope.partition),
        name: id,
        service: 'rds',
        tags: keyValueTags(db.TagList),
        ext: {
          engine_version: str(db.EngineVersion),
          instance_class: str(db.DBInstanceClass),
          cluster_identifier: str(db.DBClusterIdentifier),
          parameter_group: paramGroup ? str(paramGroup.DBParameterGroupName) : null,
          parameters_read: params !== null,
          tls_parameter: tlsParam ? { name: tlsParam.name, value: tlsValue } : null,
          kms_key_id: str(db.KmsKeyId),
          multi_az: bool(db.MultiAZ),
          backup_retention_days: num(db.BackupRetentionPeriod),
          deletion_protection: bool(db.DeletionProtection),
          iam_auth: bool(db.IAMDatabaseAuthenticationEnabled),
          auto_minor_version_upgrade: bool(db.AutoMinorVersionUpgrade),
          ca_certificate: str(db.CACertificateIdentifier),
          endpoint: str(at(db, 'Endpoint.Address')),
          port: num(at(db, 'Endpoint.Port')) ?? num(db.DbInstancePort),
          log_exports: Array.isArray(db.EnabledCloudwatchLogsExports)
            ? db.EnabledCloudwatchLogsExports.filter((x): x is string => typeof x === 'string')
            : [],
          monitoring_interval: num(db.MonitoringInterval),
          copy_tags_to_snapshot: bool(db.CopyTagsToSnapshot),
          master_username: str(db.MasterUsername),
          read_replica_source: str(db.ReadReplicaSourceDBInstanceIdentifier),
          vpc_id: str(at(db, 'DBSubnetGroup.VpcId')),
          vpc_security_groups: records(db.VpcSecurityGroups)
            .map((g) => str(g.VpcSecurityGroupId))
            .filter((g): g is string => g !== null),
        },
        shape: {
          engine,
          tls_enforced: tlsEnforced,
          min_tls_version: minTls,
          storage_encrypted: bool(db.StorageEncrypted),
          publicly_accessible: bool(db.PubliclyAccessible),
        },
      }),
    ];
  },
});
