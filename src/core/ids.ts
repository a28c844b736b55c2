import * as crypto from 'node:crypto';

// One-shot hashing (Node 20.12 and later) skips the Hash object: a detection run computes an id per finding.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Stable finding id: the same check on the same resource always yields the same id. */
export function findingId(checkId: string, reference: string): string {
  return sha256Hex(`${checkId}\0${reference}`).slice(0, 32);
}

/** A run id is a UTC timestamp, as Cloudmarker's audit_version. */
export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z')}`;
}
