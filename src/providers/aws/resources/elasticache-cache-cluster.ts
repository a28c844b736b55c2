import {
  type CacheCluster,
  CacheClusterNotFoundFault,
  ElastiCacheClient,
  paginateDescribeCacheClusters,
} from '@aws-sdk/client-elasticache';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { bool, buildRecord, num, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.elasticache.cache_cluster';

/** ElastiCache cache clusters (nodes of replication groups and standalone Memcached / Redis OSS clusters). */
const collector = defineCollector({
  type: TYPE,
  service: 'elasticache',
  client: ElastiCacheClient,
  scope: 'region',
  list: {
    permission: 'elasticache:DescribeCacheClusters',
    paginate: (client) => paginateDescribeCacheClusters({ client, pageSize: 100 }, {}),
    items: (page) => page.CacheClusters,
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'CacheClusterId', 'ARN'),
    narrow: {
      DescribeCacheClustersCommand: (input, id) => {
        if (id.startsWith('arn:')) return false;
        input.CacheClusterId = id;
        return true;
      },
    },
    absentOn: [CacheClusterNotFoundFault, 'CacheClusterNotFound'],
  },
});

const RAW = S.raw({
  item: S.obj({
    CacheClusterId: S.str,
    ARN: S.str,
    Engine: S.str,
    EngineVersion: S.str,
    ReplicationGroupId: S.str,
    AutoMinorVersionUpgrade: S.bool,
    CacheSubnetGroupName: S.str,
    SnapshotRetentionLimit: S.num,
    AtRestEncryptionEnabled: S.bool,
    TransitEncryptionEnabled: S.bool,
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'elasticache',
  produces: [TYPE, 'cache_node'],
  raw: RAW,
  normalise(raw, scope) {
    const c = requireItem<CacheCluster>(raw, TYPE);
    const id = requireString(c, 'CacheClusterId', TYPE, 'item.CacheClusterId');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'cache_node',
        reference:
          str(c.ARN) ?? awsArn('elasticache', scope.region, scope.account, `cluster:${id}`, scope.partition),
        name: id,
        service: 'elasticache',
        ext: {
          engine: str(c.Engine),
          engine_version: str(c.EngineVersion),
          replication_group: str(c.ReplicationGroupId),
          auto_minor_version_upgrade: bool(c.AutoMinorVersionUpgrade),
          // absent: launched outside a VPC (EC2-Classic)
          subnet_group: str(c.CacheSubnetGroupName),
          snapshot_retention_days: num(c.SnapshotRetentionLimit),
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
      ['CreateCacheCluster', 'ModifyCacheCluster', 'DeleteCacheCluster'],
      ['requestParameters.cacheClusterId'],
    ),
  },
  asff: 'AwsElastiCacheCacheCluster',
});
