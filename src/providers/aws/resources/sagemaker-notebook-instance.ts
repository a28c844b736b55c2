import {
  DescribeNotebookInstanceCommand,
  paginateListNotebookInstances,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  buildRecord,
  enrichment,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.sagemaker.notebook_instance';

/**
 * SageMaker notebook instances: ListNotebookInstances, then DescribeNotebookInstance for the
 * network, root access and platform settings the list does not carry (no batch read).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'sagemaker',
  client: SageMakerClient,
  scope: 'region',
  list: {
    permission: 'sagemaker:ListNotebookInstances',
    paginate: (client) => paginateListNotebookInstances({ client, pageSize: 100 }, {}),
    items: (page) => page.NotebookInstances,
  },
  enrich: {
    details: {
      permission: 'sagemaker:DescribeNotebookInstance',
      call: (client, n) =>
        client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: n.NotebookInstanceName })),
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'NotebookInstanceName', 'NotebookInstanceArn') },
});

const RAW = S.raw({
  item: S.obj({ NotebookInstanceName: S.str, NotebookInstanceArn: S.str, NotebookInstanceStatus: S.str }),
  details: S.answer({
    DirectInternetAccess: S.str,
    SubnetId: S.str,
    RootAccess: S.str,
    PlatformIdentifier: S.str,
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'sagemaker',
  produces: [TYPE, 'notebook'],
  raw: RAW,
  normalise(raw, scope) {
    const n = requireItem(raw, TYPE);
    const name = requireString(n, 'NotebookInstanceName', TYPE, 'item.NotebookInstanceName');
    const arn = requireString(n, 'NotebookInstanceArn', TYPE, 'item.NotebookInstanceArn');
    const details = enrichment(raw, 'details');
    const d = details.state === 'value' ? details.value : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'notebook',
        reference: arn,
        name,
        service: 'sagemaker',
        ext: {
          status: str(n.NotebookInstanceStatus),
          // the API defaults: direct internet access and root access are Enabled unless turned off
          direct_internet_access: d ? (str(d.DirectInternetAccess) ?? 'Enabled') === 'Enabled' : null,
          subnet_id: d ? str(d.SubnetId) : null,
          in_vpc: d ? str(d.SubnetId) !== null : null,
          root_access: d ? (str(d.RootAccess) ?? 'Enabled') === 'Enabled' : null,
          platform: d ? str(d.PlatformIdentifier) : null,
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
      ['CreateNotebookInstance', 'UpdateNotebookInstance', 'DeleteNotebookInstance'],
      ['requestParameters.notebookInstanceName'],
    ),
  },
  asff: 'AwsSageMakerNotebookInstance',
  pacing: { rate: 10, burst: 20 },
});
