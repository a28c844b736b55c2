import {
  type Cluster,
  DescribeClusterCommand,
  EKSClient,
  paginateListClusters,
  ResourceNotFoundException,
} from '@aws-sdk/client-eks';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  enrichment,
  isRecord,
  records,
  requireItem,
  requireString,
  str,
  strings,
  tagMap,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.eks.cluster';

/**
 * EKS clusters: ListClusters gives names only and EKS has no batch read, so each cluster's
 * endpoint access, version, secrets encryption and control plane logging come from one
 * DescribeCluster call. A cluster deleted in between answers ResourceNotFoundException (absent).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'eks',
  client: EKSClient,
  scope: 'region',
  list: {
    permission: 'eks:ListClusters',
    paginate: (client) => paginateListClusters({ client, pageSize: 100 }, {}),
    items: (page) => page.clusters?.map((name) => ({ name })),
  },
  enrich: {
    cluster: {
      permission: 'eks:DescribeCluster',
      absentOn: [ResourceNotFoundException],
      call: (client, c) => client.send(new DescribeClusterCommand({ name: c.name })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'name') },
});

const RAW = S.raw({
  item: S.obj({ name: S.str }),
  cluster: S.answer({
    cluster: S.obj({
      arn: S.str,
      version: S.str,
      resourcesVpcConfig: S.obj({
        endpointPublicAccess: S.bool,
        endpointPrivateAccess: S.bool,
        publicAccessCidrs: S.strs,
      }),
      encryptionConfig: S.list(S.obj({ resources: S.strs })),
      logging: S.obj({ clusterLogging: S.list(S.obj({ types: S.strs, enabled: S.bool })) }),
      tags: S.strMap,
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'eks',
  produces: [TYPE, 'kubernetes_cluster'],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    const name = requireString(item, 'name', TYPE, 'item.name');
    const answer = enrichment(raw, 'cluster');
    const c: (Cluster & Record<string, unknown>) | null =
      answer.state === 'value' && isRecord(answer.value.cluster)
        ? (answer.value.cluster as Cluster & Record<string, unknown>)
        : null;
    const vpc = c && isRecord(c.resourcesVpcConfig) ? c.resourcesVpcConfig : null;
    const logging = c && isRecord(c.logging) ? records(c.logging.clusterLogging) : null;
    const unknown = unknownReasons({ cluster: answer });
    if (answer.state === 'absent') unknown.cluster = 'the cluster was deleted while it was being read';
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'kubernetes_cluster',
        reference:
          (c && str(c.arn)) ?? awsArn('eks', scope.region, scope.account, `cluster/${name}`, scope.partition),
        name,
        service: 'eks',
        tags: c ? tagMap(c.tags) : {},
        ext: {
          cluster_name: name,
          version: c ? str(c.version) : null,
          endpoint_public_access: vpc ? bool(vpc.endpointPublicAccess) : null,
          public_access_cidrs: vpc ? strings(vpc.publicAccessCidrs) : null,
          secrets_encrypted: c
            ? records(c.encryptionConfig).some((e) => strings(e.resources).includes('secrets'))
            : null,
          enabled_log_types:
            logging === null
              ? null
              : [
                  ...new Set(
                    logging.filter((l) => bool(l.enabled) === true).flatMap((l) => strings(l.types)),
                  ),
                ].sort(),
          unknown_facts: unknown,
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
      CreateCluster: ['requestParameters.name', 'responseElements.cluster.name'],
      ...eventsAt(
        ['DeleteCluster', 'UpdateClusterConfig', 'UpdateClusterVersion', 'AssociateEncryptionConfig'],
        ['requestParameters.name'],
      ),
    },
  },
  asff: 'AwsEksCluster',
  pacing: { rate: 10, burst: 20 },
});
