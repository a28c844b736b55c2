import type { ResourceRecord } from '../core/record.js';

/** Typed readers of normalised ext facts; a fact of the wrong type reads as null (unknown). */

export const extBool = (r: ResourceRecord, key: string): boolean | null =>
  typeof r.ext[key] === 'boolean' ? (r.ext[key] as boolean) : null;

export const extNum = (r: ResourceRecord, key: string): number | null =>
  typeof r.ext[key] === 'number' ? (r.ext[key] as number) : null;

export const extStr = (r: ResourceRecord, key: string): string | null =>
  typeof r.ext[key] === 'string' ? (r.ext[key] as string) : null;

export function extList<T = Record<string, unknown>>(r: ResourceRecord, key: string): T[] | null {
  return Array.isArray(r.ext[key]) ? (r.ext[key] as T[]) : null;
}

/** Why a fact is unknown, from ext.unknown_facts when the normaliser recorded it. */
export function whyUnknown(r: ResourceRecord, ...keys: string[]): string {
  const facts = r.ext.unknown_facts;
  if (typeof facts === 'object' && facts !== null) {
    for (const k of keys) {
      const why = (facts as Record<string, unknown>)[k];
      if (typeof why === 'string') return `: ${why}`;
    }
  }
  return '';
}

/** The subject of one scope-check result. */
export const about = (r: ResourceRecord) => ({
  reference: r.com.reference,
  name: r.com.name,
  record_type: r.ext.record_type,
});
