import { isIP } from 'node:net';

/**
 * Small typed readers for the fields of a parsed log record. A field of the wrong type is a
 * FieldError naming the field and what was found, so the source can report it and skip only
 * that event.
 */

export class FieldError extends Error {}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}

/** A string field; undefined when absent or null; FieldError when present with another type. */
export function optString(obj: Obj, key: string, path = key): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new FieldError(`${path}: expected a string, found ${kind(v)}`);
  return v;
}

export function reqString(obj: Obj, key: string, path = key): string {
  const v = optString(obj, key, path);
  if (v === undefined) throw new FieldError(`${path}: missing`);
  return v;
}

export function optObject(obj: Obj, key: string, path = key): Obj | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) throw new FieldError(`${path}: expected an object, found ${kind(v)}`);
  return v;
}

/** A string, or the `value` of an object like Azure's `{value, localizedValue}`. */
export function optStringOrValue(obj: Obj, key: string, path = key): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (isObj(v)) return optString(v, 'value', `${path}.value`);
  throw new FieldError(`${path}: expected a string or {value}, found ${kind(v)}`);
}

/** The first of several spellings of a field that is present (camelCase or snake_case exports). */
export function firstKey(obj: Obj, ...keys: string[]): string {
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== null) return k;
  return keys[0] ?? '';
}

const PLAIN_UTC = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

// A log's events come many to the second: the last plain UTC text and its ISO form are kept, so the
// next event of that second makes no new string (nor runs the test again).
let lastPlainIn = '';
let lastPlainOut = '';

/** An ISO time in UTC from a timestamp string; FieldError when it is not a time. */
export function isoTime(value: string, path: string): string {
  // CloudTrail's own format (2024-05-01T12:00:00Z) is already ISO UTC: skip the Date round trip
  if (value.length === 20) {
    if (value === lastPlainIn) return lastPlainOut;
    if (PLAIN_UTC.test(value)) {
      lastPlainIn = value;
      lastPlainOut = `${value.slice(0, 19)}.000Z`;
      return lastPlainOut;
    }
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new FieldError(`${path}: not a valid time: ${JSON.stringify(value.slice(0, 60))}`);
  return new Date(ms).toISOString();
}

/** The value when it is an IPv4 / IPv6 address; null for service names such as "AWS Internal". */
export function ipOrNull(v: string | undefined | null): string | null {
  if (!v) return null;
  return isIP(v) !== 0 ? v : null;
}
