import { createHash } from 'node:crypto';

/** Stable finding id: the same check on the same resource always yields the same id. */
export function findingId(checkId: string, reference: string): string {
  return createHash('sha256').update(`${checkId}\0${reference}`).digest('hex').slice(0, 32);
}

/** A run id is a UTC timestamp, as Cloudmarker's audit_version. */
export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z')}`;
}
