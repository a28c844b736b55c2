// SQL the benchmarks run on PostgreSQL outside the store they measure (VACUUM ANALYZE, DROP SCHEMA).

/** Runs `text` on the server at `url`, on a connection of its own; pg is loaded only when called. */
export async function pgExec(url, text) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
