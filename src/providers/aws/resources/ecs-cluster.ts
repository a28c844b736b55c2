import { type Cluster, ECSClient } from '@aws-sdk/client-ecs';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { buildRecord, keyValueTags, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { describeClusters } from '../collectors/ecs.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ecs.cluster';

/** ECS clusters: ListClusters, then DescribeClusters with their settings, 100 clusters a call. */
const collector = defineCollector({
  type: TYPE,
  service: 'ecs',
  client: ECSClient,
  scope: 'region',
  list: {
    permission: 'ecs:ListClusters',
    alsoCalls: ['ecs:DescribeClusters'],
    all: (client, ctx) => describeClusters(client, ctx),
  },
  getOne: { ids: (raw) => itemIds(raw, 'clusterName', 'clusterArn') },
});

const RAW = S.raw({
  item: S.obj({
    clusterArn: S.str,
    clusterName: S.str,
    status: S.str,
    settings: S.list(S.obj({ name: S.str, value: S.str })),
    tags: S.list(S.obj({ key: S.str, value: S.str })),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ecs',
  produces: [TYPE, 'container_cluster'],
  raw: RAW,
  normalise(raw, scope) {
    const c = requireItem<Cluster>(raw, TYPE);
    const arn = requireString(c, 'clusterArn', TYPE, 'item.clusterArn');
    const name = str(c.clusterName) ?? arn;
    const insights = records(c.settings).find((s) => str(s.name) === 'containerInsights');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'container_cluster',
        reference: arn,
        name,
        service: 'ecs',
        tags: keyValueTags(records(c.tags).map((t) => ({ Key: t.key, Value: t.value }))),
        ext: {
          cluster_name: name,
          status: str(c.status),
          // no settings in the answer: unknown; settings without it: off (the default)
          container_insights: Array.isArray(c.settings)
            ? insights
              ? str(insights.value)
              : 'disabled'
            : null,
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
    events: {
      CreateCluster: ['responseElements.cluster.clusterName', 'requestParameters.clusterName'],
      ...eventsAt(['UpdateCluster', 'UpdateClusterSettings', 'DeleteCluster'], ['requestParameters.cluster']),
    },
    normalise: (v) => (v.startsWith('arn:') ? v.split('/').pop() : v),
  },
  asff: 'AwsEcsCluster',
  pacing: { rate: 20, burst: 50 },
});
