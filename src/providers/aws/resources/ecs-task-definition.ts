import { ECSClient, type TaskDefinition } from '@aws-sdk/client-ecs';
import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  enrichment,
  isRecord,
  records,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { describeTaskDefinition, familyRevision, latestTaskDefinitions } from '../collectors/ecs.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ecs.task_definition';

/** Environment variables that carry AWS or registry credentials when set in plain text. */
const CREDENTIAL_VARIABLES = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA']);

/**
 * The latest ACTIVE revision of each task definition family (ListTaskDefinitions, grouped by
 * family), each read with DescribeTaskDefinition: ECS has no batch read of task definitions.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ecs',
  client: ECSClient,
  scope: 'region',
  list: {
    permission: 'ecs:ListTaskDefinitions',
    all: (client) => latestTaskDefinitions(client),
  },
  enrich: {
    definition: {
      permission: 'ecs:DescribeTaskDefinition',
      call: (client, t) => describeTaskDefinition(client, t.taskDefinitionArn),
    },
  },
  getOne: {
    ids: (raw) => {
      const arn = itemIds(raw, 'taskDefinitionArn')[0];
      const fr = arn ? familyRevision(arn) : null;
      return arn ? [arn, ...(fr ? [fr[0]] : [])] : [];
    },
  },
});

const RAW = S.raw({
  item: S.obj({ taskDefinitionArn: S.str }),
  definition: S.answer({
    taskDefinition: S.obj({
      family: S.str,
      revision: S.num,
      networkMode: S.str,
      pidMode: S.str,
      containerDefinitions: S.list(
        S.obj({
          name: S.str,
          user: S.str,
          privileged: S.bool,
          readonlyRootFilesystem: S.bool,
          environment: S.list(S.obj({ name: S.str })),
          logConfiguration: S.obj({ logDriver: S.str }),
        }),
      ),
    }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ecs',
  produces: [TYPE, 'container_task_definition'],
  raw: RAW,
  normalise(raw, scope) {
    const t = requireItem(raw, TYPE);
    const arn = requireString(t, 'taskDefinitionArn', TYPE, 'item.taskDefinitionArn');
    const answer = enrichment(raw, 'definition');
    const def: (TaskDefinition & Record<string, unknown>) | null =
      answer.state === 'value' && isRecord(answer.value.taskDefinition)
        ? (answer.value.taskDefinition as TaskDefinition & Record<string, unknown>)
        : null;
    const containers = def ? records(def.containerDefinitions) : null;
    const names = (pick: (c: Record<string, unknown>) => boolean) =>
      containers === null ? null : containers.filter(pick).map((c) => str(c.name) ?? '?');
    const fr = familyRevision(arn);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'container_task_definition',
        reference: arn,
        name: fr ? `${fr[0]}:${fr[1]}` : arn,
        service: 'ecs',
        ext: {
          family: fr?.[0] ?? null,
          revision: fr?.[1] ?? null,
          network_mode: def ? (str(def.networkMode) ?? 'bridge') : null,
          pid_mode: def ? str(def.pidMode) : null,
          containers: containers?.length ?? null,
          privileged_containers: names((c) => bool(c.privileged) === true),
          writable_root_containers: names((c) => bool(c.readonlyRootFilesystem) !== true),
          containers_without_logging: names(
            (c) => !isRecord(c.logConfiguration) || !str(c.logConfiguration.logDriver),
          ),
          // a container that runs as root on the host network: no user, or root/0
          root_containers: names((c) => {
            const user = str(c.user);
            return (
              bool(c.privileged) !== true && (user === null || user === '' || /^(root|0)(:|$)/.test(user))
            );
          }),
          credential_variables: names((c) =>
            records(c.environment).some((e) => CREDENTIAL_VARIABLES.has(str(e.name) ?? '')),
          ),
          unknown_facts: unknownReasons({ definition: answer }),
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
      RegisterTaskDefinition: ['responseElements.taskDefinition.taskDefinitionArn'],
      DeregisterTaskDefinition: ['requestParameters.taskDefinition'],
    },
  },
  asff: 'AwsEcsTaskDefinition',
});
