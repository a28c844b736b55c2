import {
  type DBCluster,
  DBClusterNotFoundFault,
  paginateDescribeDBClusters,
  RDSClient,
} from '@aws-sdk/client-rds';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  keyValueTags,
  num,
  records,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.rds.db_cluster';

/**
 * RDS DB clusters (DescribeDBClusters): Aurora and Multi-AZ DB clusters, and the DocumentDB and
 * Neptune clusters the same API lists (told apart by `engine`). Everything the checks read is in
 * the listing: no per-cluster call.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'rds',
  client: RDSClient,
  scope: 'region',
  list: {
    permission: 'rds:DescribeDBClusters',
    paginate: (client) => paginateDescribeDBClusters({ client, pageSize: 100 }, {}),
    items: (page) => page.DBClusters,
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'DBClusterIdentifier', 'DBClusterArn'),
    narrow: {
      DescribeDBClustersCommand: (input, id) => {
        input.DBClusterIdentifier = id;
        return true;
      },
    },
    absentOn: [DBClusterNotFoundFault, 'DBClusterNotFoundFault'],
  },
});

const RAW = S.raw({
  item: S.obj({
    DBClusterIdentifier: S.str,
    DBClusterArn: S.str,
    Engine: S.str,
    EngineVersion: S.str,
    EngineMode: S.str,
    DeletionProtection: S.bool,
    IAMDatabaseAuthenticationEnabled: S.bool,
    BacktrackWindow: S.num,
    MultiAZ: S.bool,
    CopyTagsToSnapshot: S.bool,
    MasterUsername: S.str,
    StorageEncrypted: S.bool,
    KmsKeyId: S.str,
    EnabledCloudwatchLogsExports: S.strs,
    AutoMinorVersionUpgrade: S.bool,
    BackupRetentionPeriod: S.num,
    Port: S.num,
    AvailabilityZones: S.strs,
    DBClusterMembers: S.list(z.looseObject({ DBInstanceIdentifier: S.str })),
    TagList: S.keyValueTags,
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'rds',
  produces: [TYPE, 'database_cluster'],
  raw: RAW,
  normalise(raw, scope) {
    const c = requireItem<DBCluster>(raw, TYPE);
    const id = requireString(c, 'DBClusterIdentifier', TYPE, 'item.DBClusterIdentifier');
    const strings = (v: unknown): string[] | null =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'database_cluster',
        reference:
          str(c.DBClusterArn) ?? awsArn('rds', scope.region, scope.account, `cluster:${id}`, scope.partition),
        name: id,
        service: 'rds',
        tags: keyValueTags(c.TagList),
        ext: {
          engine: str(c.Engine),
          engine_version: str(c.EngineVersion),
          engine_mode: str(c.EngineMode),
          deletion_protection: bool(c.DeletionProtection),
          iam_auth: bool(c.IAMDatabaseAuthenticationEnabled),
          // absent when backtracking was never configured: 0, off
          backtrack_window_seconds: num(c.BacktrackWindow) ?? 0,
          multi_az: bool(c.MultiAZ),
          copy_tags_to_snapshot: bool(c.CopyTagsToSnapshot),
          master_username: str(c.MasterUsername),
          storage_encrypted: bool(c.StorageEncrypted),
          kms_key_id: str(c.KmsKeyId),
          // absent when nothing is exported
          log_exports: strings(c.EnabledCloudwatchLogsExports) ?? [],
          auto_minor_version_upgrade: bool(c.AutoMinorVersionUpgrade),
          backup_retention_days: num(c.BackupRetentionPeriod),
          port: num(c.Port),
          availability_zones: strings(c.AvailabilityZones),
          members: records(c.DBClusterMembers)
            .map((m) => str(m.DBInstanceIdentifier))
            .filter((m): m is string => m !== null),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      [
        'CreateDBCluster',
        'ModifyDBCluster',
        'DeleteDBCluster',
        'RestoreDBClusterFromSnapshot',
        'RestoreDBClusterToPointInTime',
      ],
      ['requestParameters.dBClusterIdentifier'],
    ),
  },
  asff: 'AwsRdsDbCluster',
});
