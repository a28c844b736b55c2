import datasetCmek from '../../../src/checks/gcp/bigquery/dataset-default-cmek.js';
import datasetPublic from '../../../src/checks/gcp/bigquery/dataset-not-public.js';
import tableCmek from '../../../src/checks/gcp/bigquery/table-cmek.js';
import clusterCmek from '../../../src/checks/gcp/dataproc/cluster-cmek.js';
import bigqueryDataset from '../../../src/providers/gcp/resources/bigquery-dataset.js';
import bigqueryTable from '../../../src/providers/gcp/resources/bigquery-table.js';
import dataprocCluster from '../../../src/providers/gcp/resources/dataproc-cluster.js';
import { checkTester } from '../../helpers/check-tester.js';
import {
  dataprocCluster as clusterAnswer,
  dataset,
  datasetListItem,
  table,
  tableListItem,
} from '../../providers/gcp/estate-workloads.js';
import { failedRead, P, recordOf, without } from './records.js';

const KEY = `projects/${P}/locations/eu/keyRings/r/cryptoKeys/k`;
const ds = (answer: unknown) =>
  recordOf(bigqueryDataset, { item: datasetListItem(P, 'ds'), dataset: answer });
const tb = (answer: unknown, type = 'TABLE') =>
  recordOf(bigqueryTable, {
    item: tableListItem(P, 'ds', 't', type),
    ...(type === 'VIEW' ? {} : { table: answer }),
  });

checkTester(datasetPublic, {
  pass: [{ name: 'project groups only', input: ds(dataset(P, 'ds')) }],
  fail: [
    {
      name: 'allUsers reads it',
      input: ds(dataset(P, 'ds', { publicMember: { role: 'READER', iamMember: 'allUsers' } })),
      message: 'allUsers has READER',
    },
    {
      name: 'the special group allAuthenticatedUsers',
      input: ds(
        dataset(P, 'ds', { publicMember: { role: 'WRITER', specialGroup: 'allAuthenticatedUsers' } }),
      ),
      message: 'allAuthenticatedUsers has WRITER',
    },
  ],
  error: [
    {
      name: 'datasets.get failed',
      input: ds(failedRead('bigquery.datasets.get')),
      message: 'PERMISSION_DENIED',
    },
  ],
});

checkTester(datasetCmek, {
  pass: [{ name: 'a default key', input: ds(dataset(P, 'ds', { kmsKey: KEY })) }],
  fail: [{ name: 'Google-managed', input: ds(dataset(P, 'ds')) }],
  error: [{ name: 'datasets.get failed', input: ds(failedRead('bigquery.datasets.get')) }],
});

checkTester(tableCmek, {
  pass: [{ name: 'a Cloud KMS key', input: tb(table(P, 'ds', 't', KEY)) }],
  fail: [{ name: 'Google-managed', input: tb(table(P, 'ds', 't')), message: 'ds.t' }],
  error: [{ name: 'tables.get failed', input: tb(failedRead('bigquery.tables.get')) }],
  not_applicable: [{ name: 'a view', input: tb(undefined, 'VIEW') }],
});

const cluster = (key?: string) =>
  recordOf(dataprocCluster, { item: clusterAnswer(P, 'c', key), region: 'us-central1' });

checkTester(clusterCmek, {
  pass: [{ name: 'a Cloud KMS key', input: cluster(KEY) }],
  fail: [{ name: 'Google-managed', input: cluster(), message: 'us-central1' }],
  error: [{ name: 'not read', input: without(cluster(), 'kms_key') }],
});
