import type { Enrichment } from '../../normalise-kit.js';
import { isRecord, type Json, records, str } from '../../normalise-kit.js';

/**
 * Who may restore a manual snapshot, from the `restore` attribute of
 * DescribeDB(Cluster)SnapshotAttributes: "all" makes it public; account ids share it with them.
 * Null when the attributes could not be read.
 */
export function restoreAttribute(e: Enrichment, resultKey: string, listKey: string): string[] | null {
  if (e.state !== 'value') return e.state === 'absent' ? [] : null;
  const result: Json = isRecord(e.value[resultKey]) ? (e.value[resultKey] as Json) : {};
  const restore = records(result[listKey]).find((a) => str(a.AttributeName) === 'restore');
  const values = restore?.AttributeValues;
  return Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
}
