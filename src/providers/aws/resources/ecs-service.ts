import { ECSClient, type Service } from '@aws-sdk/client-ecs';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { at, buildRecord, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { describeServices } from '../collectors/ecs.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ecs.service';

/** ECS services: ListServices per cluster, then DescribeServices, 10 services a call. */
const collector = defineCollector({
  type: TYPE,
  service: 'ecs',
  client: ECSClient,
  scope: 'region',
  list: {
    permission: 'ecs:ListServices',
    alsoCalls: ['ecs:ListClusters', 'ecs:DescribeServices'],
    all: (client, ctx) => describeServices(client, ctx),
  },
  getOne: { ids: (raw) => itemIds(raw, 'serviceName', 'serviceArn') },
});

const NETWORK = S.obj({ awsvpcConfiguration: S.obj({ assignPublicIp: S.str }) });

const RAW = S.raw({
  item: S.obj({
    serviceArn: S.str,
    serviceName: S.str,
    clusterArn: S.str,
    launchType: S.str,
    platformVersion: S.str,
    platformFamily: S.str,
    capacityProviderStrategy: S.list(S.obj({ capacityProvider: S.str })),
    networkConfiguration: NETWORK,
    taskSets: S.list(S.obj({ id: S.str, taskSetArn: S.str, networkConfiguration: NETWORK })),
  }),
});

const publicIp = (v: unknown): boolean => str(at(v, 'awsvpcConfiguration.assignPublicIp')) === 'ENABLED';

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ecs',
  produces: [TYPE, 'container_service'],
  raw: RAW,
  normalise(raw, scope) {
    const s = requireItem<Service>(raw, TYPE);
    const arn = requireString(s, 'serviceArn', TYPE, 'item.serviceArn');
    const name = str(s.serviceName) ?? arn;
    const providers = records(s.capacityProviderStrategy).flatMap((p) => str(p.capacityProvider) ?? []);
    const fargate = str(s.launchType) === 'FARGATE' || providers.some((p) => p.startsWith('FARGATE'));
    const taskSets = records(s.taskSets);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'container_service',
        reference: arn,
        name,
        service: 'ecs',
        ext: {
          service_name: name,
          cluster_arn: str(s.clusterArn),
          launch_type: str(s.launchType),
          fargate,
          platform_version: str(s.platformVersion),
          platform_family: str(s.platformFamily),
          assigns_public_ip: publicIp(s.networkConfiguration),
          task_sets: taskSets.length,
          task_sets_with_public_ip: taskSets
            .filter((t) => publicIp(t.networkConfiguration))
            .map((t) => str(t.id) ?? str(t.taskSetArn) ?? '?'),
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
      CreateService: ['responseElements.service.serviceName', 'requestParameters.serviceName'],
      ...eventsAt(['UpdateService', 'DeleteService'], ['requestParameters.service']),
      ...eventsAt(['CreateTaskSet', 'UpdateTaskSet', 'DeleteTaskSet'], ['requestParameters.service']),
    },
    normalise: (v) => (v.startsWith('arn:') ? v.split('/').pop() : v),
  },
  asff: 'AwsEcsService',
});
