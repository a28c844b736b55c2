import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt } from '../../kit/resource.js';
import { at, buildRecord, enrichment, records, requireItem, str, tagMap } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineGcpCollector } from '../collector.js';
import { defineGcpResource } from '../resource.js';
import { type DatasetListItem, datasetIdOf, listDatasets } from './bigquery-common.js';

const TYPE = 'gcp.bigquery.dataset';
const PUBLIC = new Set(['allUsers', 'allAuthenticatedUsers']);

const RAW = S.raw({
  item: S.obj({
    id: S.str,
    datasetReference: S.obj({ datasetId: S.str, projectId: S.str }),
    location: S.str,
  }),
  dataset: S.answer({
    selfLink: S.str,
    location: S.str,
    labels: S.strMap,
    access: S.list(
      z.looseObject({
        role: S.str,
        specialGroup: S.str,
        iamMember: S.str,
        userByEmail: S.str,
        domain: S.str,
      }),
    ),
    defaultEncryptionConfiguration: S.obj({ kmsKeyName: S.str }),
  }),
});

/**
 * A BigQuery dataset, from its datasets.get answer (`raw.dataset`: the list gives neither the
 * access entries nor the default key). A public grant is an access entry to allUsers or
 * allAuthenticatedUsers (iamMember, or the specialGroup allAuthenticatedUsers); facts read from
 * an answer that could not be read are null, with the reason in ext.dataset_error.
 */
const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'gcp',
  service: 'bigquery',
  produces: [TYPE, 'dataset'],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    const datasetId = str(at(item, 'datasetReference.datasetId'));
    if (!datasetId) throw new Error(`${TYPE}: missing required field item.datasetReference.datasetId`);
    const project = str(at(item, 'datasetReference.projectId')) ?? scope.account;
    const got = enrichment(raw, 'dataset');
    const ds = got.state === 'value' ? got.value : null;
    const publicGrants = ds
      ? records(ds.access).flatMap((a) => {
          const member = str(a.iamMember) ?? str(a.specialGroup);
          return member && PUBLIC.has(member) ? [{ member, role: str(a.role) ?? '?' }] : [];
        })
      : null;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'dataset',
        reference: `https://bigquery.googleapis.com/bigquery/v2/projects/${project}/datasets/${datasetId}`,
        name: datasetId,
        region: (str(ds?.location) ?? str(item.location) ?? scope.region).toLowerCase(),
        service: 'bigquery',
        tags: tagMap(ds?.labels),
        ext: {
          dataset_id: datasetId,
          public_grants: publicGrants,
          default_kms_key: ds ? str(at(ds, 'defaultEncryptionConfiguration.kmsKeyName')) : null,
          dataset_error:
            got.state === 'unknown' ? got.reason : got.state === 'absent' ? 'the dataset is gone' : null,
        },
        shape: {},
      }),
    ];
  },
});

/**
 * The datasets of a project: one paged list (datasets.list), then each dataset's datasets.get
 * for its access entries and default key. Both need bigquery.datasets.get.
 */
const collector = defineGcpCollector<DatasetListItem>({
  type: TYPE,
  api: 'bigquery',
  list: { permission: 'bigquery.datasets.get', all: (r, ctx) => listDatasets(r, ctx) },
  enrich: {
    dataset: {
      permission: 'bigquery.datasets.get',
      absentOn: ['absent'],
      call: (r, item) =>
        r.get(r.path(`bigquery/v2/projects/{project}/datasets/{dataset}`, { dataset: datasetIdOf(item) })),
    },
  },
  getOne: {
    ids: (raw) => {
      const id = (raw.item as DatasetListItem | undefined)?.datasetReference?.datasetId;
      return id ? [id] : [];
    },
  },
});

export default defineGcpResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      [
        'datasetservice.insert',
        'datasetservice.update',
        'datasetservice.patch',
        'datasetservice.delete',
        'google.iam.v1.IAMPolicy.SetIamPolicy',
      ],
      ['protoPayload.resourceName'],
    ),
    normalise: (v) => v.split('/datasets/')[1]?.split('/')[0] || undefined,
  },
});
