import {
  DescribeStateMachineCommand,
  paginateListStateMachines,
  SFNClient,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  enrichment,
  isRecord,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.states.state_machine';

/**
 * Step Functions state machines: ListStateMachines gives ARNs and names; the logging
 * configuration comes from one DescribeStateMachine per machine (no batch read). The
 * definition is not kept: only the logging and tracing settings are read.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'states',
  client: SFNClient,
  scope: 'region',
  list: {
    permission: 'states:ListStateMachines',
    paginate: (client) => paginateListStateMachines({ client, pageSize: 1000 }, {}),
    items: (page) => page.stateMachines,
  },
  enrich: {
    settings: {
      permission: 'states:DescribeStateMachine',
      absentOn: [StateMachineDoesNotExist],
      call: async (client, m) => {
        const a = await client.send(new DescribeStateMachineCommand({ stateMachineArn: m.stateMachineArn }));
        return {
          loggingConfiguration: a.loggingConfiguration ?? null,
          tracingConfiguration: a.tracingConfiguration ?? null,
        };
      },
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'stateMachineArn', 'name') },
});

const RAW = S.raw({
  item: S.obj({ stateMachineArn: S.str, name: S.str, type: S.str }),
  settings: S.answer({
    loggingConfiguration: S.obj({ level: S.str, includeExecutionData: S.bool }),
    tracingConfiguration: S.obj({ enabled: S.bool }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'states',
  produces: [TYPE, 'workflow'],
  raw: RAW,
  normalise(raw, scope) {
    const m = requireItem(raw, TYPE);
    const arn = requireString(m, 'stateMachineArn', TYPE, 'item.stateMachineArn');
    const settings = enrichment(raw, 'settings');
    const v = settings.state === 'value' ? settings.value : null;
    const logging = v && isRecord(v.loggingConfiguration) ? v.loggingConfiguration : null;
    const unknown = unknownReasons({ settings });
    if (settings.state === 'absent')
      unknown.settings = 'the state machine was deleted while it was being read';
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'workflow',
        reference: arn,
        name: str(m.name) ?? arn,
        service: 'states',
        ext: {
          machine_type: str(m.type),
          // no logging configuration in the answer: logging is OFF
          log_level: v ? (logging ? (str(logging.level) ?? 'OFF') : 'OFF') : null,
          tracing_enabled: v
            ? isRecord(v.tracingConfiguration)
              ? (bool(v.tracingConfiguration.enabled) ?? false)
              : false
            : null,
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
      CreateStateMachine: ['responseElements.stateMachineArn'],
      ...eventsAt(['UpdateStateMachine', 'DeleteStateMachine'], ['requestParameters.stateMachineArn']),
    },
  },
  asff: 'AwsStepFunctionStateMachine',
  pacing: { rate: 10, burst: 20 },
});
