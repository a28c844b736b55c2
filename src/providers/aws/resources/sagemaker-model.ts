import { DescribeModelCommand, paginateListModels, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  bool,
  buildRecord,
  enrichment,
  requireItem,
  requireString,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.sagemaker.model';

/**
 * SageMaker models, each with its network isolation setting (DescribeModel). Only the settings
 * are kept: container environment variables, which may hold credentials, never are.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'sagemaker',
  client: SageMakerClient,
  scope: 'region',
  list: {
    permission: 'sagemaker:ListModels',
    paginate: (client) => paginateListModels({ client, pageSize: 100 }, {}),
    items: (page) => page.Models,
  },
  enrich: {
    details: {
      permission: 'sagemaker:DescribeModel',
      call: async (client, m) => {
        const a = await client.send(new DescribeModelCommand({ ModelName: m.ModelName }));
        return { EnableNetworkIsolation: a.EnableNetworkIsolation ?? false, VpcConfig: a.VpcConfig ?? null };
      },
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'ModelName', 'ModelArn') },
});

const RAW = S.raw({
  item: S.obj({ ModelName: S.str, ModelArn: S.str }),
  details: S.answer({ EnableNetworkIsolation: S.bool }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'sagemaker',
  produces: [TYPE, 'ml_model'],
  raw: RAW,
  normalise(raw, scope) {
    const m = requireItem(raw, TYPE);
    const name = requireString(m, 'ModelName', TYPE, 'item.ModelName');
    const arn = requireString(m, 'ModelArn', TYPE, 'item.ModelArn');
    const details = enrichment(raw, 'details');
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'ml_model',
        reference: arn,
        name,
        service: 'sagemaker',
        ext: {
          network_isolation:
            details.state === 'value' ? (bool(details.value.EnableNetworkIsolation) ?? false) : null,
          unknown_facts: unknownReasons({ details }),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: { events: eventsAt(['CreateModel', 'DeleteModel'], ['requestParameters.modelName']) },
  pacing: { rate: 10, burst: 20 },
});
