/** Label prefix of a partial scan: a recheck of one resource, not of the whole estate. */
export const PARTIAL_SCAN_PREFIX = 'recheck ';

/** True for a scan written by a recheck (one resource, not the estate). */
export function isPartialScan(scan: { label: string | null }): boolean {
  return scan.label?.startsWith(PARTIAL_SCAN_PREFIX) ?? false;
}
