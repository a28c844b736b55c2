import type pg from 'pg';
import { messageOf, StoreError } from './errors.js';

export interface PgMigration {
  /** 1, 2, 3...: applied in this order, each exactly once */
  version: number;
  name: string;
  /** the step's SQL, given the quoted schema name to qualify every table with */
  sql: (schema: string) => string;
}

/** The schema name as a quoted identifier (names are checked to be plain lower-case words). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/*
 * The schema, as an ordered list of steps. Never edit a released step: add a new one.
 * It mirrors the SQLite store's tables: columns for everything a query filters or sorts on,
 * JSONB for records. *_ms columns are epoch milliseconds of the ISO text beside them, so
 * ordering is the same as SQLite's whatever offset format a timestamp was written in.
 * Keys and sorted text use COLLATE "C" (byte order, like SQLite) whatever the database's locale.
 * A running scan holds a lease (token, expiry on the server's clock) instead of a pid, because
 * writers on several machines share the database.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'scans with leases, inventory, results, findings, events, mutes',
    sql: (s) => `
CREATE TABLE ${s}.scans (
  id               text COLLATE "C" PRIMARY KEY,
  audit_key        text COLLATE "C" NOT NULL,
  label            text,
  started_at       text NOT NULL,
  started_ms       bigint NOT NULL,
  finished_at      text,
  status           text NOT NULL CHECK (status IN ('running', 'complete', 'aborted')),
  counts           jsonb NOT NULL,
  errors           jsonb NOT NULL,
  lease_token      text,
  lease_host       text,
  lease_pid        integer,
  lease_expires_at timestamptz
);
CREATE INDEX scans_by_audit ON ${s}.scans (audit_key, status, started_ms);
CREATE INDEX scans_by_start ON ${s}.scans (status, started_ms);
CREATE INDEX scans_running ON ${s}.scans (lease_expires_at) WHERE status = 'running';

CREATE TABLE ${s}.resources (
  seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scan_id         text COLLATE "C" NOT NULL REFERENCES ${s}.scans (id) ON DELETE CASCADE,
  reference       text COLLATE "C" NOT NULL,
  name            text COLLATE "C" NOT NULL,
  ext_record_type text COLLATE "C" NOT NULL,
  com_record_type text COLLATE "C" NOT NULL,
  cloud           text NOT NULL,
  account         text NOT NULL,
  region          text NOT NULL,
  record          jsonb NOT NULL
);
CREATE INDEX resources_by_scan ON ${s}.resources (scan_id, seq);
CREATE INDEX resources_by_reference ON ${s}.resources (reference);
CREATE INDEX resources_by_name ON ${s}.resources (name);

CREATE TABLE ${s}.results (
  seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scan_id       text COLLATE "C" NOT NULL REFERENCES ${s}.scans (id) ON DELETE CASCADE,
  finding_id    text COLLATE "C" NOT NULL,
  check_id      text COLLATE "C" NOT NULL,
  reference     text COLLATE "C" NOT NULL,
  resource_name text NOT NULL,
  cloud         text NOT NULL,
  account       text NOT NULL,
  region        text NOT NULL,
  status        text NOT NULL CHECK (status IN ('pass', 'fail', 'error', 'manual', 'not_applicable')),
  severity      text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  message       text NOT NULL
);
CREATE INDEX results_by_scan ON ${s}.results (scan_id, seq);
CREATE INDEX results_by_finding ON ${s}.results (finding_id);

CREATE TABLE ${s}.findings (
  audit_key     text COLLATE "C" NOT NULL,
  finding_id    text COLLATE "C" NOT NULL,
  check_id      text COLLATE "C" NOT NULL,
  reference     text COLLATE "C" NOT NULL,
  name          text COLLATE "C" NOT NULL,
  message       text NOT NULL,
  state         text NOT NULL CHECK (state IN ('new', 'open', 'regressed', 'resolved')),
  first_seen    text NOT NULL,
  last_seen     text NOT NULL,
  last_seen_ms  bigint NOT NULL,
  resolved_at   text,
  severity      text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  severity_rank integer NOT NULL,
  cloud         text COLLATE "C" NOT NULL,
  account       text COLLATE "C" NOT NULL,
  search_fold   text[] NOT NULL,
  record        jsonb NOT NULL,
  PRIMARY KEY (audit_key, finding_id)
);
CREATE INDEX findings_by_id ON ${s}.findings (finding_id);
CREATE INDEX findings_by_rank ON ${s}.findings (severity_rank DESC, last_seen_ms DESC);

CREATE TABLE ${s}.finding_events (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  finding_id text COLLATE "C" NOT NULL,
  audit_key  text COLLATE "C" NOT NULL,
  scan_id    text COLLATE "C" NOT NULL,
  state      text NOT NULL CHECK (state IN ('new', 'open', 'regressed', 'resolved', 'muted')),
  at         text NOT NULL
);
CREATE INDEX finding_events_by_finding ON ${s}.finding_events (finding_id, audit_key, id);
CREATE INDEX finding_events_by_scan ON ${s}.finding_events (scan_id, state);

CREATE TABLE ${s}.mutes (
  finding_id text COLLATE "C" PRIMARY KEY,
  owner      text NOT NULL,
  reason     text NOT NULL,
  created_at text NOT NULL,
  expires_at text,
  expires_ms bigint
);
`,
  },
  {
    version: 2,
    name: 'dashboard reads: finding facts as columns, counts, list and search indexes, scan accounts, dashboards',
    // The facts the dashboard filters, groups and searches on become STORED generated columns
    // (no writer changes) behind one covering index in list order. finding_search.search_text
    // (written by the store, folded by JavaScript like search_fold) gets a trigram index when the
    // pg_trgm extension can be created; without it a search reads every row, but still answers.
    // data_version changes in the transaction of every commit a dashboard cache depends on.
    sql: (s) => `
ALTER TABLE ${s}.findings
  ADD COLUMN status text COLLATE "C" GENERATED ALWAYS AS (COALESCE(record->'com'->>'status', 'fail')) STORED,
  ADD COLUMN region text COLLATE "C" GENERATED ALWAYS AS (COALESCE(record->'com'->>'region', '')) STORED,
  ADD COLUMN service text COLLATE "C" GENERATED ALWAYS AS (COALESCE(record->'com'->>'service', '')) STORED,
  ADD COLUMN origin text COLLATE "C" GENERATED ALWAYS AS (COALESCE(record->'com'->>'origin_type', 'check')) STORED,
  ADD COLUMN title text GENERATED ALWAYS AS (COALESCE(record->'ext'->>'check_title', check_id)) STORED,
  ADD COLUMN description text GENERATED ALWAYS AS (COALESCE(record->'com'->>'description', '')) STORED;
-- the searchable text lives beside the findings, rewritten only when it changes: a finding seen
-- again (a new row version each scan) then costs its trigram index nothing
CREATE TABLE ${s}.finding_search (
  audit_key   text COLLATE "C" NOT NULL,
  finding_id  text COLLATE "C" NOT NULL,
  search_text text NOT NULL,
  PRIMARY KEY (audit_key, finding_id)
);
INSERT INTO ${s}.finding_search
  SELECT audit_key, finding_id, lower(concat_ws(chr(31), name, reference, check_id, title, description))
    FROM ${s}.findings;
DROP INDEX ${s}.findings_by_rank;
CREATE INDEX findings_list ON ${s}.findings (severity_rank DESC, last_seen_ms DESC, finding_id, audit_key)
  INCLUDE (state, status, cloud, account, check_id, service, region, origin);
DO $cw$
DECLARE nsp text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('cloudward pg_trgm'));
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): finding searches read every row', SQLERRM;
  END;
  SELECT n.nspname INTO nsp FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
   WHERE e.extname = 'pg_trgm';
  IF nsp IS NOT NULL THEN
    EXECUTE format('CREATE INDEX finding_search_text ON ${s.replaceAll("'", "''")}.finding_search USING gin (search_text %I.gin_trgm_ops)', nsp);
  END IF;
END
$cw$;

-- finding counts per audit and facet values, kept by statement triggers over the rows each
-- statement wrote: a count or a facet over the list's usual filters sums a few rows
CREATE TABLE ${s}.finding_counts (
  audit_key     text COLLATE "C" NOT NULL,
  state         text COLLATE "C" NOT NULL,
  status        text COLLATE "C" NOT NULL,
  severity_rank integer NOT NULL,
  cloud         text COLLATE "C" NOT NULL,
  account       text COLLATE "C" NOT NULL,
  service       text COLLATE "C" NOT NULL,
  origin        text COLLATE "C" NOT NULL,
  n             bigint NOT NULL,
  PRIMARY KEY (audit_key, state, status, severity_rank, cloud, account, service, origin)
);
INSERT INTO ${s}.finding_counts
  SELECT audit_key, state, status, severity_rank, cloud, account, service, origin, COUNT(*)
    FROM ${s}.findings GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
CREATE FUNCTION ${s}.cw_count_findings() RETURNS trigger LANGUAGE plpgsql AS $cw$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE ${s}.finding_counts c SET n = c.n - o.n
      FROM (SELECT audit_key, state, status, severity_rank, cloud, account, service, origin, COUNT(*) AS n
              FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) o
     WHERE c.audit_key = o.audit_key AND c.state = o.state AND c.status = o.status
       AND c.severity_rank = o.severity_rank AND c.cloud = o.cloud AND c.account = o.account
       AND c.service = o.service AND c.origin = o.origin;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO ${s}.finding_counts AS c
      SELECT audit_key, state, status, severity_rank, cloud, account, service, origin, COUNT(*)
        FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (audit_key, state, status, severity_rank, cloud, account, service, origin)
      DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$cw$;
CREATE TRIGGER findings_count_insert AFTER INSERT ON ${s}.findings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.cw_count_findings();
CREATE TRIGGER findings_count_update AFTER UPDATE ON ${s}.findings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.cw_count_findings();
CREATE TRIGGER findings_count_delete AFTER DELETE ON ${s}.findings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.cw_count_findings();

ALTER TABLE ${s}.finding_events ADD COLUMN severity_rank integer NOT NULL DEFAULT 0;
UPDATE ${s}.finding_events e SET severity_rank = f.severity_rank
  FROM ${s}.findings f WHERE f.audit_key = e.audit_key AND f.finding_id = e.finding_id;
CREATE INDEX finding_events_changes ON ${s}.finding_events (scan_id, severity_rank DESC, id) WHERE state <> 'open';

ALTER TABLE ${s}.scans ADD COLUMN accounts jsonb NOT NULL DEFAULT '[]';

CREATE TABLE ${s}.dashboards (
  id          text COLLATE "C" PRIMARY KEY,
  name        text NOT NULL,
  description text NOT NULL,
  widgets     jsonb NOT NULL,
  created_at  text NOT NULL,
  updated_at  text NOT NULL
);

CREATE TABLE ${s}.data_version (
  one     boolean PRIMARY KEY DEFAULT true CHECK (one),
  version bigint NOT NULL
);
INSERT INTO ${s}.data_version (one, version) VALUES (true, 0);
CREATE FUNCTION ${s}.cw_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $cw$
BEGIN
  UPDATE ${s}.data_version SET version = version + 1;
  RETURN NULL;
END
$cw$;
CREATE TRIGGER scans_data_version AFTER UPDATE OF status OR DELETE ON ${s}.scans
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.cw_bump_data_version();
CREATE TRIGGER mutes_data_version AFTER INSERT OR UPDATE OR DELETE ON ${s}.mutes
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.cw_bump_data_version();
CREATE TRIGGER dashboards_data_version AFTER INSERT OR UPDATE OR DELETE ON ${s}.dashboards
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.cw_bump_data_version();
`,
  },
  {
    version: 3,
    name: 'notification outbox, detections',
    // The tables SQLite migrations 3 and 4 make, so a PostgreSQL store keeps everything. The
    // payload and record stay JSON text (sent and shown as written; JSONB would reorder keys).
    sql: (s) => `
CREATE TABLE ${s}.outbox (
  id              text COLLATE "C" PRIMARY KEY,
  notifier        text COLLATE "C" NOT NULL,
  dedup_key       text COLLATE "C" NOT NULL,
  payload         text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  max_attempts    integer NOT NULL,
  created_at      text NOT NULL,
  created_ms      bigint NOT NULL,
  next_attempt_at text NOT NULL,
  next_attempt_ms bigint NOT NULL,
  lease_token     text,
  lease_owner     text,
  lease_until_ms  bigint,
  delivered_at    text,
  last_error      text
);
CREATE INDEX outbox_due ON ${s}.outbox (status, next_attempt_ms);
CREATE INDEX outbox_by_key ON ${s}.outbox (notifier, dedup_key, status);

CREATE TABLE ${s}.outbox_keys (
  notifier   text COLLATE "C" NOT NULL,
  dedup_key  text COLLATE "C" NOT NULL,
  outbox_id  text COLLATE "C" NOT NULL REFERENCES ${s}.outbox (id) ON DELETE CASCADE,
  created_ms bigint NOT NULL
);
CREATE INDEX outbox_keys_lookup ON ${s}.outbox_keys (notifier, dedup_key, created_ms);
CREATE INDEX outbox_keys_by_row ON ${s}.outbox_keys (outbox_id);

CREATE TABLE ${s}.detections (
  finding_id    text COLLATE "C" PRIMARY KEY,
  rule_id       text COLLATE "C" NOT NULL,
  rule_title    text NOT NULL,
  severity      text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  severity_rank integer NOT NULL,
  time          text NOT NULL,
  time_ms       bigint NOT NULL,
  cloud         text NOT NULL,
  account       text NOT NULL,
  region        text NOT NULL,
  actor         text,
  source_ip     text,
  action        text,
  event_id      text NOT NULL,
  source        text NOT NULL,
  detected_at   text NOT NULL,
  record        text NOT NULL
);
CREATE INDEX detections_by_time ON ${s}.detections (time_ms);
CREATE INDEX detections_by_rule ON ${s}.detections (rule_id, time_ms);
CREATE INDEX detections_by_actor ON ${s}.detections (actor, time_ms);
CREATE INDEX detections_by_source_ip ON ${s}.detections (source_ip, time_ms);
`,
  },
  {
    version: 4,
    name: 'incidents and detection state',
    // mirrors SQLite migration 6; records are JSONB (read back as objects, never shown as written)
    sql: (s) => `
CREATE TABLE ${s}.incidents (
  id               text COLLATE "C" PRIMARY KEY,
  principal_key    text COLLATE "C" NOT NULL,
  principal        text COLLATE "C" NOT NULL,
  severity_rank    integer NOT NULL,
  first_ms         bigint NOT NULL,
  last_ms          bigint NOT NULL,
  version          integer NOT NULL,
  notified_version integer NOT NULL DEFAULT 0,
  notified_at      text,
  record           jsonb NOT NULL
);
CREATE INDEX incidents_by_principal ON ${s}.incidents (principal_key, last_ms);
CREATE INDEX incidents_by_last ON ${s}.incidents (last_ms);
CREATE INDEX incidents_unnotified ON ${s}.incidents (first_ms) WHERE version > notified_version;

CREATE TABLE ${s}.detection_state (
  kind       text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  value      jsonb NOT NULL,
  expires_ms bigint NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX detection_state_expiry ON ${s}.detection_state (expires_ms);
`,
  },
  {
    version: 5,
    name: 'saved queries',
    // mirrors SQLite migration 7
    sql: (s) => `
CREATE TABLE ${s}.saved_queries (
  name        text COLLATE "C" PRIMARY KEY,
  sql         text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at  text NOT NULL,
  updated_at  text NOT NULL
);
`,
  },
  {
    version: 6,
    name: 'remediation actions',
    // mirrors SQLite migration 8
    sql: (s) => `
CREATE TABLE ${s}.remediation_actions (
  id         text COLLATE "C" PRIMARY KEY,
  state      text COLLATE "C" NOT NULL,
  target_key text COLLATE "C" NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL,
  record     jsonb NOT NULL
);
CREATE INDEX remediation_actions_by_target ON ${s}.remediation_actions (target_key, created_ms);
CREATE INDEX remediation_actions_by_created ON ${s}.remediation_actions (created_ms);
`,
  },
  {
    version: 7,
    name: 'scale-out scan units',
    sql: (s) => `
CREATE TABLE ${s}.scale_scans (
  scan_id     text COLLATE "C" PRIMARY KEY,
  audit_key   text NOT NULL,
  plan        jsonb NOT NULL,
  created_at  text NOT NULL,
  finished_at text
);
CREATE TABLE ${s}.scale_units (
  scan_id      text COLLATE "C" NOT NULL REFERENCES ${s}.scale_scans(scan_id) ON DELETE CASCADE,
  unit_key     text COLLATE "C" NOT NULL,
  provider_ord integer NOT NULL,
  account      text COLLATE "C" NOT NULL,
  region       text NOT NULL,
  status       text NOT NULL DEFAULT 'waiting',
  attempts     integer NOT NULL DEFAULT 0,
  writes       integer NOT NULL DEFAULT 0,
  error        text,
  worker       text,
  finished_at  text,
  PRIMARY KEY (scan_id, unit_key)
);
CREATE TABLE ${s}.scale_collections (
  scan_id      text COLLATE "C" NOT NULL,
  unit_key     text COLLATE "C" NOT NULL,
  provider_ord integer NOT NULL,
  account      text COLLATE "C" NOT NULL,
  account_ord  integer NOT NULL,
  account_name text,
  seq          integer NOT NULL,
  collection   text NOT NULL,
  PRIMARY KEY (scan_id, provider_ord, account, seq),
  FOREIGN KEY (scan_id, unit_key) REFERENCES ${s}.scale_units(scan_id, unit_key) ON DELETE CASCADE
);
CREATE TABLE ${s}.scale_accounts (
  scan_id      text COLLATE "C" NOT NULL REFERENCES ${s}.scale_scans(scan_id) ON DELETE CASCADE,
  provider_ord integer NOT NULL,
  account      text COLLATE "C" NOT NULL,
  account_ord  integer NOT NULL,
  evaluation   text,
  failure      text,
  PRIMARY KEY (scan_id, provider_ord, account)
);
`,
  },
  {
    version: 8,
    name: 'watch replicas',
    sql: (s) => `
CREATE TABLE ${s}.watch_leases (
  name       text COLLATE "C" PRIMARY KEY,
  holder     text NOT NULL,
  token      text NOT NULL,
  term       bigint NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE ${s}.watch_checkpoints (
  source     text COLLATE "C" NOT NULL,
  key        text COLLATE "C" NOT NULL,
  value      text NOT NULL,
  holder     text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (source, key)
);
CREATE TABLE ${s}.watch_runs (
  audit_key  text COLLATE "C" NOT NULL,
  tick       text COLLATE "C" NOT NULL,
  token      text NOT NULL,
  holder     text NOT NULL,
  status     text NOT NULL,
  claims     integer NOT NULL DEFAULT 1,
  claimed_at timestamptz NOT NULL,
  scan_id    text,
  PRIMARY KEY (audit_key, tick)
);
`,
  },
  {
    version: 9,
    name: 'outbox recordings',
    // as SQLite's migration 9: which scans' alerts are in the outbox, per notifier
    sql: (s) => `
CREATE TABLE ${s}.outbox_recordings (
  recording  text COLLATE "C" NOT NULL,
  notifier   text COLLATE "C" NOT NULL,
  created_ms bigint NOT NULL,
  PRIMARY KEY (recording, notifier)
);
CREATE INDEX outbox_recordings_by_created ON ${s}.outbox_recordings (created_ms);
`,
  },
  {
    version: 10,
    name: 'abandoned scale-out scans',
    // abandoned: why the scan was given up (its units no longer run); committing: its commit began,
    // so it is not abandoned under its committer
    sql: (s) => `
ALTER TABLE ${s}.scale_scans ADD COLUMN abandoned text;
ALTER TABLE ${s}.scale_scans ADD COLUMN committing boolean NOT NULL DEFAULT false;
`,
  },
];

export function latestPgVersion(migrations: readonly PgMigration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

function checkOrdered(migrations: readonly PgMigration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${i + 1} has version ${m.version}: versions must be 1, 2, 3...`);
  });
}

export interface AppliedStep {
  version: number;
  name: string;
}

/** Anything that runs a query: a pool or one checked-out client. */
type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * What the schema holds, read without writing anything: 'empty' (no schema or no tables: a
 * new store), or the applied steps. Throws StoreError when the schema holds some other
 * application's tables or was written by a newer Cloudward.
 */
export async function inspectPgSchema(
  db: Queryable,
  location: string,
  schema: string,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<'empty' | AppliedStep[]> {
  const tables = (
    await db.query<{ relname: string }>(
      `SELECT c.relname FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        ORDER BY c.relname`,
      [schema],
    )
  ).rows.map((r) => r.relname);
  if (tables.length === 0) return 'empty';
  if (!tables.includes('schema_migrations')) {
    throw new StoreError(
      location,
      `schema ${schema} is not a Cloudward store (it has tables ${tables.slice(0, 5).join(', ')} and no schema_migrations)`,
    );
  }
  let applied: AppliedStep[];
  try {
    applied = (
      await db.query<{ version: number; name: string }>(
        `SELECT version::integer AS version, name::text AS name FROM ${quoteIdent(schema)}.schema_migrations ORDER BY version`,
      )
    ).rows;
  } catch (err) {
    throw new StoreError(
      location,
      `schema ${schema} is not a Cloudward store: its schema_migrations table has another layout (${messageOf(err)})`,
      { cause: err },
    );
  }
  const latest = latestPgVersion(migrations);
  const newest = applied.at(-1)?.version ?? 0;
  if (newest > latest) {
    throw new StoreError(
      location,
      `has schema version ${newest}, written by a newer Cloudward; this version understands up to ${latest}. Upgrade Cloudward to use this store`,
    );
  }
  for (const row of applied) {
    const known = migrations[row.version - 1];
    if (known?.version !== row.version || known.name !== row.name) {
      throw new StoreError(
        location,
        `has an unknown schema step ${row.version} "${row.name}": it is not a Cloudward store, or its history was edited`,
      );
    }
  }
  return applied;
}

/**
 * Applies the pending steps in one transaction holding a transaction-level advisory lock keyed
 * on the schema name, so processes that start at once apply each step exactly once: the
 * others wait, then find nothing to do. All steps or none. Returns the versions applied now.
 */
export async function migratePg(
  pool: pg.Pool,
  location: string,
  schema: string,
  migrations: readonly PgMigration[] = PG_MIGRATIONS,
): Promise<number[]> {
  checkOrdered(migrations);
  // read-only first: a refused schema is never written, and an up-to-date one takes no lock
  const before = await inspectPgSchema(pool, location, schema, migrations);
  if (before !== 'empty' && before.length === migrations.length) return [];
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cloudward migrate ${schema}`]);
      // read again under the lock: another process may have migrated meanwhile
      const state = await inspectPgSchema(client, location, schema, migrations);
      const done = new Set(state === 'empty' ? [] : state.map((r) => r.version));
      const s = quoteIdent(schema);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
           version    integer PRIMARY KEY,
           name       text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const applied: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query(m.sql(s));
        await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
          m.version,
          m.name,
        ]);
        applied.push(m.version);
      }
      await client.query('COMMIT');
      return applied;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      if (err instanceof StoreError) throw err;
      throw new StoreError(location, `schema migration failed and was rolled back: ${messageOf(err)}`, {
        cause: err,
      });
    }
  } finally {
    client.release(broken);
  }
}
