import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt } from '../../kit/resource.js';
import { at, buildRecord, enrichment, requireItem, str, tagMap } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { defineGcpResource } from '../resource.js';
import { datasetIdOf, listDatasets } from './bigquery-common.js';

const TYPE = 'gcp.bigquery.table';

interface TableListItem {
  id?: string;
  type?: string;
  tableReference?: { projectId?: string; datasetId?: string; tableId?: string };
  [k: string]: unknown;
}

const RAW = S.raw({
  item: S.obj({
    id: S.str,
    type: S.str,
    tableReference: S.obj({ projectId: S.str, datasetId: S.str, tableId: S.str }),
  }),
  table: S.answer({
    location: S.str,
    labels: S.strMap,
    encryptionConfiguration: S.obj({ kmsKeyName: S.str }),
  }),
});

/**
 * A BigQuery table, from its tables.get answer (`raw.table`: the list does not give the key).
 * A table without encryptionConfiguration is encrypted with a Google-managed key. Views hold
 * no data and are not read (`type` VIEW: kms_key stays null, not_encrypted_data true).
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'bigquery',
  produces: [TYPE, 'table'],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    const ref = at(item, 'tableReference');
    const tableId = str(at(ref, 'tableId'));
    const datasetId = str(at(ref, 'datasetId'));
    if (!tableId || !datasetId)
      throw new Error(`${TYPE}: missing required field item.tableReference.tableId`);
    const project = str(at(ref, 'projectId')) ?? scope.account;
    const kind = str(item.type) ?? 'TABLE';
    const got = enrichment(raw, 'table');
    const t = got.state === 'value' ? got.value : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'table',
        reference: `https://bigquery.googleapis.com/bigquery/v2/projects/${project}/datasets/${datasetId}/tables/${tableId}`,
        name: `${datasetId}.${tableId}`,
        region: (str(t?.location) ?? scope.region).toLowerCase(),
        service: 'bigquery',
        tags: tagMap(t?.labels),
        ext: {
          dataset_id: datasetId,
          table_id: tableId,
          table_type: kind,
          holds_data: kind !== 'VIEW',
          kms_key: t ? str(at(t, 'encryptionConfiguration.kmsKeyName')) : null,
          table_error:
            kind === 'VIEW'
              ? null
              : got.state === 'unknown'
                ? got.reason
                : got.state === 'absent'
                  ? 'the table is gone'
                  : null,
        },
        shape: {},
      }),
    ];
  },
});

/**
 * The tables of every dataset of a project: the datasets list (shared with the datasets'
 * collector), each dataset's tables.list (paged), then tables.get of each table that holds
 * data, for its key.
 */
const collector = defineGcpCollector<TableListItem>({
  type: TYPE,
  api: 'bigquery',
  list: {
    permission: 'bigquery.tables.list',
    alsoCalls: ['bigquery.datasets.get'],
    all: async function* (r, ctx) {
      for (const d of await listDatasets(r, ctx)) {
        const path = r.path('bigquery/v2/projects/{project}/datasets/{dataset}/tables', {
          dataset: datasetIdOf(d),
        });
        for await (const page of r.pages<TableListItem>(path, 'tables')) yield* page;
      }
    },
  },
  enrich: {
    table: {
      permission: 'bigquery.tables.get',
      absentOn: ['absent'],
      when: (item) => item.type !== 'VIEW',
      call: (r, item) =>
        r.get(
          r.path('bigquery/v2/projects/{project}/datasets/{dataset}/tables/{table}', {
            dataset: String(item.tableReference?.datasetId),
            table: String(item.tableReference?.tableId),
          }),
        ),
    },
  },
  getOne: {
    ids: (raw) => {
      const ref = (raw.item as TableListItem | undefined)?.tableReference;
      return ref?.datasetId && ref.tableId ? [`${ref.datasetId}.${ref.tableId}`] : [];
    },
  },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      ['tableservice.insert', 'tableservice.update', 'tableservice.patch'],
      ['protoPayload.resourceName'],
    ),
    normalise: (v) => {
      const m = /datasets\/([^/]+)\/tables\/([^/]+)/.exec(v);
      return m ? `${m[1]}.${m[2]}` : undefined;
    },
  },
});
