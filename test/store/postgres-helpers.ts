import pg from 'pg';

/*
 * The PostgreSQL server the store tests use: $CLOUDWARD_TEST_PG_URL, or a local server.
 * Each test gets its own schema, dropped when the file's tests end.
 */

export const PG_URL = process.env.CLOUDWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when a server answers at PG_URL within 2 s; prints why the tests are skipped if not. */
export async function pgAvailable(suite: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.log(
      `[${suite}] skipped: no PostgreSQL answers within 2 s at ${redacted(PG_URL)} (${why}); set CLOUDWARD_TEST_PG_URL to run it`,
    );
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

let seq = 0;
const created: string[] = [];

/** A schema name no other test or test run uses. */
export function freshSchema(): string {
  const name = `cw_test_${process.pid}_${Date.now().toString(36)}_${seq++}`;
  created.push(name);
  return name;
}

/** Runs SQL directly against the server, bypassing the store. */
export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<R>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Drops every schema freshSchema() handed out. */
export async function dropSchemas(): Promise<void> {
  const names = created.splice(0);
  if (names.length === 0) return;
  // one transaction per schema: dropping dozens of store schemas at once needs more locks than
  // the server's lock table holds ("out of shared memory")
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const n of names) await client.query(`DROP SCHEMA IF EXISTS "${n}" CASCADE`);
  } finally {
    await client.end();
  }
}
