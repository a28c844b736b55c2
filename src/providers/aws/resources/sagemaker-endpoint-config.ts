import {
  DescribeEndpointConfigCommand,
  paginateListEndpointConfigs,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  buildRecord,
  enrichment,
  isRecord,
  num,
  records,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.sagemaker.endpoint_config';

/** SageMaker endpoint configurations, each with its production variants (DescribeEndpointConfig). */
const collector = defineCollector({
  type: TYPE,
  service: 'sagemaker',
  client: SageMakerClient,
  scope: 'region',
  list: {
    permission: 'sagemaker:ListEndpointConfigs',
    paginate: (client) => paginateListEndpointConfigs({ client, pageSize: 100 }, {}),
    items: (page) => page.EndpointConfigs,
  },
  enrich: {
    details: {
      permission: 'sagemaker:DescribeEndpointConfig',
      call: (client, c) =>
        client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: c.EndpointConfigName })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'EndpointConfigName', 'EndpointConfigArn') },
});

const RAW = S.raw({
  item: S.obj({ EndpointConfigName: S.str, EndpointConfigArn: S.str }),
  details: S.answer({
    ProductionVariants: S.list(
      S.obj({ VariantName: S.str, InitialInstanceCount: S.num, ServerlessConfig: S.obj({}) }),
    ),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'sagemaker',
  produces: [TYPE, 'ml_endpoint_config'],
  raw: RAW,
  normalise(raw, scope) {
    const c = requireItem(raw, TYPE);
    const name = requireString(c, 'EndpointConfigName', TYPE, 'item.EndpointConfigName');
    const arn = requireString(c, 'EndpointConfigArn', TYPE, 'item.EndpointConfigArn');
    const details = enrichment(raw, 'details');
    const variants = details.state === 'value' ? records(details.value.ProductionVariants) : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'ml_endpoint_config',
        reference: arn,
        name,
        service: 'sagemaker',
        ext: {
          // instance-based variants (serverless ones have no instances to count)
          variants_with_one_instance:
            variants === null
              ? null
              : variants
                  .filter((v) => !isRecord(v.ServerlessConfig) && (num(v.InitialInstanceCount) ?? 1) <= 1)
                  .map((v) => str(v.VariantName) ?? '?'),
          instance_variants:
            variants === null ? null : variants.filter((v) => !isRecord(v.ServerlessConfig)).length,
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
  changedBy: {
    events: eventsAt(
      ['CreateEndpointConfig', 'DeleteEndpointConfig'],
      ['requestParameters.endpointConfigName'],
    ),
  },
  pacing: { rate: 10, burst: 20 },
});
