import {
  ElastiCacheClient,
  paginateDescribeReplicationGroups,
  type ReplicationGroup,
  ReplicationGroupNotFoundFault,
} from '@aws-sdk/client-elasticache';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { bool, buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.elasticache.replication_group';

/** ElastiCache (Redis OSS / Valkey) replication groups: DescribeReplicationGroups has every fact. */
const collector = defineCollector({
  type: TYPE,
  service: 'elasticache',
  client: ElastiCacheClient,
  scope: 'region',
  list: {
    permission: 'elasticache:DescribeReplicationGroups',
    paginate: (client) => paginateDescribeReplicationGroups({ client, pageSize: 100 }, {}),
    items: (page) => page.ReplicationGroups,
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'ReplicationGroupId', 'ARN'),
    narrow: {
      DescribeReplicationGroupsCommand: (input, id) => {
        if (id.startsWith('arn:')) return false;
        input.ReplicationGroupId = id;
        return true;
      },
    },
    absentOn: [ReplicationGroupNotFoundFault, 'ReplicationGroupNotFoundFault'],
  },
});

const RAW = S.raw({
  item: S.obj({
    ReplicationGroupId: S.str,
    ARN: S.str,
    Engine: S.str,
    AutomaticFailover: S.str,
    MultiAZ: S.str,
    AtRestEncryptionEnabled: S.bool,
    TransitEncryptionEnabled: S.bool,
    TransitEncryptionMode: S.str,
    AuthTokenEnabled: S.bool,
    SnapshotRetentionLimit: S.num,
    UserGroupIds: S.strs,
    KmsKeyId: S.str,
    ClusterEnabled: S.bool,
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'elasticache',
  produces: [TYPE, 'cache_cluster'],
  raw: RAW,
  normalise(raw, scope) {
    const g = requireItem<ReplicationGroup>(raw, TYPE);
    const id = requireString(g, 'ReplicationGroupId', TYPE, 'item.ReplicationGroupId');
    const userGroups = Array.isArray(g.UserGroupIds)
      ? g.UserGroupIds.filter((x) => typeof x === 'string')
      : [];
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'cache_cluster',
        reference:
          str(g.ARN) ??
          awsArn('elasticache', scope.region, scope.account, `replicationgroup:${id}`, scope.partition),
        name: id,
        service: 'elasticache',
        ext: {
          // older answers leave the engine out: replication groups were Redis only
          engine: str(g.Engine) ?? 'redis',
          automatic_failover: str(g.AutomaticFailover),
          automatic_failover_enabled:
            str(g.AutomaticFailover) === null ? null : str(g.AutomaticFailover) === 'enabled',
          multi_az: str(g.MultiAZ),
          at_rest_encryption: bool(g.AtRestEncryptionEnabled) ?? false,
          transit_encryption: bool(g.TransitEncryptionEnabled) ?? false,
          transit_encryption_mode: str(g.TransitEncryptionMode),
          auth_token: bool(g.AuthTokenEnabled) ?? false,
          user_groups: userGroups,
          snapshot_retention_days: num(g.SnapshotRetentionLimit),
          kms_key_id: str(g.KmsKeyId),
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
      ['CreateReplicationGroup', 'ModifyReplicationGroup', 'DeleteReplicationGroup'],
      ['requestParameters.replicationGroupId'],
    ),
  },
  asff: 'AwsElastiCacheReplicationGroup',
  // ElastiCache publishes no rate for its describe calls
  pacing: { rate: 10, burst: 20 },
});
