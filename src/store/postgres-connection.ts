import type pg from 'pg';
import { messageOf, StoreError } from './errors.js';

/*
 * The PostgreSQL store's address: parsing the URL, the schema it names, a location that is
 * safe to print (never the password), and errors in words a user can act on.
 */

export const DEFAULT_SCHEMA = 'cloudward';

/** Lower-case SQL identifier, so the quoted and unquoted spellings name the same schema. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresAddress {
  /** what pg connects with: the URL without Cloudward's own `schema` parameter */
  connectionString: string;
  /** the schema (namespace) that holds the store's tables */
  schema: string;
  /** the URL with the password replaced by *** and only the schema as query: for messages */
  location: string;
  /** scrubbed from every message, in case a driver or server echoes it */
  password: string;
}

/** The problem of a schema that holds no store, where only an existing store makes sense. */
export function missingPgStore(schema: string): string {
  return `no store here: schema ${schema} holds no Cloudward tables. Check the URL and its ?schema=; \`cloudward scan\` creates a store`;
}

/** Replaces the password in a message, in case anything repeats it. */
export function scrub(text: string, password: string): string {
  // a one- or two-character "password" would garble every message and protects nothing
  if (password.length < 3) return text;
  return text.split(password).join('***');
}

/**
 * Parses `postgres://user:password@host:port/database?schema=name&sslmode=...`.
 * `schema` (an option, else the URL's `schema` parameter, else "cloudward") selects the
 * namespace; every other parameter goes to the driver as it is.
 */
export function parsePostgresUrl(url: string, schemaOption?: string): PostgresAddress {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new StoreError('(no url)', 'the PostgreSQL store URL is empty');
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    // the URL itself is not repeated: it may hold a password
    throw new StoreError(
      '(invalid PostgreSQL URL)',
      'the store URL cannot be parsed; expected postgres://user:password@host:port/database',
    );
  }
  const password = safeDecode(parsed.password);
  const location = redactedLocation(parsed, schemaOption);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreError(
      location,
      `the URL scheme is "${parsed.protocol.replace(/:$/, '')}", expected postgres or postgresql`,
    );
  }
  const schema = schemaOption ?? parsed.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    throw new StoreError(
      location,
      `schema "${schema}" is not a valid name: use lower-case letters, digits and _ (at most 63, not starting with a digit or pg_)`,
    );
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema, location, password };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function redactedLocation(u: URL, schemaOption: string | undefined): string {
  const user = u.username === '' ? '' : `${u.username}${u.password === '' ? '' : ':***'}@`;
  const schema = schemaOption ?? u.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  // other parameters are left out: some (password, sslpassword) are secrets
  return `${u.protocol}//${user}${u.host}${u.pathname}?schema=${encodeURIComponent(schema)}`;
}

function field(err: unknown, name: string): string {
  if (typeof err !== 'object' || err === null || !(name in err)) return '';
  const v = (err as Record<string, unknown>)[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** Turns a driver, network or server error into words a user can act on. */
export function describePgError(err: unknown, connectTimeoutMs: number): string {
  const code = field(err, 'code');
  const detail = messageOf(err);
  const where = [field(err, 'address'), field(err, 'port')].filter((x) => x !== '').join(':');
  if (code === 'ECONNREFUSED') {
    return `cannot connect: nothing listens at ${where || 'the address'} (is PostgreSQL running?)`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot connect: host not found (${detail})`;
  if (code === 'ECONNRESET' || code === 'EPIPE') return `the connection was cut (${detail})`;
  if (/timeout/i.test(detail) && /connect/i.test(detail)) {
    return `cannot connect: no answer within ${connectTimeoutMs / 1000}s (${detail})`;
  }
  if (/terminated unexpectedly/i.test(detail))
    return `the connection was closed by the server or the network (${detail})`;
  if (code === '28P01' || code === '28000') return `authentication failed (${detail})`;
  if (code === '3D000') return `the database does not exist (${detail})`;
  if (code === '42501') return `permission denied (${detail})`;
  if (code === '53300') return `the server has no free connections (${detail})`;
  if (code.startsWith('57P')) return `the server is shutting down or not accepting connections (${detail})`;
  if (code.startsWith('08')) return `connection failure (${detail})`;
  if (code === '40P01') return `deadlock detected and this step was rolled back (${detail})`;
  const more = field(err, 'detail');
  return more === '' ? detail : `${detail} (${more})`;
}

/**
 * What the store's side stores (outbox, detections, dashboards) use of a PostgreSQL store:
 * its pool and schema, its error wrapping (so a closed store closes them too).
 */
export interface PgSession {
  readonly location: string;
  /** the quoted schema, prefixed to every table */
  readonly s: string;
  /** runs `fn`, turning any failure into a StoreError naming the operation; refused once closed */
  run<T>(what: string, fn: () => Promise<T>): Promise<T>;
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
  /** runs `fn` in one transaction on one connection: all of it or none */
  tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T>;
}
