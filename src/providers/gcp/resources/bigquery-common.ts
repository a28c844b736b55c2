import type { ApiReader, GcpCollectContext } from '../collector.js';

/** A dataset as datasets.list gives it: its reference only (access and keys need datasets.get). */
export interface DatasetListItem {
  id?: string;
  datasetReference?: { datasetId?: string; projectId?: string };
  location?: string;
  [k: string]: unknown;
}

export const DATASETS_PATH = 'bigquery/v2/projects/{project}/datasets';

/** The project's datasets, listed once per project however many collectors need them (datasets.list, paged). */
export function listDatasets(r: ApiReader, ctx: GcpCollectContext): Promise<DatasetListItem[]> {
  return ctx.memo('bigquery.datasets.list', () => r.list<DatasetListItem>(r.path(DATASETS_PATH), 'datasets'));
}

export function datasetIdOf(d: DatasetListItem): string {
  const id = d.datasetReference?.datasetId;
  if (!id) throw new Error(`a BigQuery dataset without datasetReference.datasetId (${String(d.id)})`);
  return id;
}
