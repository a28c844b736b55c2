import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { at, buildRecord, requireItem, requireString, str, tagMap } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { defineGcpResource } from '../resource.js';

const TYPE = 'gcp.dataproc.cluster';

const RAW = S.raw({
  item: S.obj({
    clusterName: S.str,
    clusterUuid: S.str,
    projectId: S.str,
    labels: S.strMap,
    status: S.obj({ state: S.str }),
    config: S.obj({
      encryptionConfig: S.obj({ gcePdKmsKeyName: S.str, kmsKey: S.str }),
    }),
  }),
  region: S.str,
});

/**
 * A Dataproc cluster. Its disks use a customer-managed key when config.encryptionConfig names
 * one (gcePdKmsKeyName for the persistent disks, kmsKey for them and the cluster's data).
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'dataproc',
  produces: [TYPE, 'cluster'],
  raw: RAW,
  normalise(raw, scope) {
    const c = requireItem(raw, TYPE);
    const name = requireString(c, 'clusterName', TYPE, 'item.clusterName');
    const region = typeof raw.region === 'string' ? raw.region : scope.region;
    const key =
      str(at(c, 'config.encryptionConfig.kmsKey')) ?? str(at(c, 'config.encryptionConfig.gcePdKmsKeyName'));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'cluster',
        reference: `https://dataproc.googleapis.com/v1/projects/${str(c.projectId) ?? scope.account}/regions/${region}/clusters/${name}`,
        name,
        region,
        service: 'dataproc',
        tags: tagMap(c.labels),
        ext: { cluster_uuid: str(c.clusterUuid), state: str(at(c, 'status.state')), kms_key: key },
        shape: {},
      }),
    ];
  },
});

interface Region {
  name?: string;
}

/** The region each listed cluster came from (the answer does not repeat it), for `raw.region`. */
const listedIn = new WeakMap<object, string>();

/**
 * Dataproc clusters are listed per region (the API has no aggregated list): the project's
 * Compute Engine regions (compute.regions.list, once), then each region's clusters (paged).
 */
const collector = defineGcpCollector<Record<string, unknown>>({
  type: TYPE,
  api: 'dataproc',
  list: {
    permission: 'dataproc.clusters.list',
    alsoCalls: ['compute.regions.list'],
    all: async function* (r, ctx) {
      const compute = ctx.reader('compute');
      const regions = await compute.list<Region>(
        compute.path('compute/v1/projects/{project}/regions'),
        'items',
      );
      for (const region of regions) {
        if (!region.name) continue;
        const path = r.path('v1/projects/{project}/regions/{region}/clusters', { region: region.name });
        for await (const page of r.pages<Record<string, unknown>>(path, 'clusters')) {
          for (const cluster of page) {
            listedIn.set(cluster, region.name);
            yield cluster;
          }
        }
      }
    },
  },
  derive: { region: (item) => listedIn.get(item) },
  getOne: { ids: (raw) => itemIds(raw, 'clusterName', 'clusterUuid') },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      [
        'google.cloud.dataproc.v1.ClusterController.CreateCluster',
        'google.cloud.dataproc.v1.ClusterController.UpdateCluster',
      ],
      ['protoPayload.resourceName'],
    ),
    normalise: (v) => v.split('/clusters/')[1]?.split('/')[0] || undefined,
  },
});
