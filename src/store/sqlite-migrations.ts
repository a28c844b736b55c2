import type Database from 'better-sqlite3';
import { messageOf, StoreError } from './errors.js';

export interface Migration {
  /** 1, 2, 3...: applied in this order, each exactly once */
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, as an ordered list of steps. Never edit a released step: add a new one.
 * Columns hold everything a query filters or sorts on; JSON text holds the rest.
 * *_ms columns are epoch milliseconds of the ISO timestamps beside them, for ordering
 * and comparison whatever offset format a timestamp was written in.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'scans, inventory, results, findings, events, mutes',
    sql: `
CREATE TABLE scans (
  id           TEXT PRIMARY KEY,
  audit_key    TEXT NOT NULL,
  label        TEXT,
  started_at   TEXT NOT NULL,
  started_ms   INTEGER NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (status IN ('running', 'complete', 'aborted')),
  counts       TEXT NOT NULL,
  errors       TEXT NOT NULL,
  writer_token TEXT,
  writer_host  TEXT,
  writer_pid   INTEGER,
  writer_thread INTEGER,
  heartbeat_ms INTEGER
);
CREATE INDEX scans_by_audit ON scans (audit_key, status, started_ms);
CREATE INDEX scans_by_start ON scans (status, started_ms);

CREATE TABLE resources (
  scan_id         TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  reference       TEXT NOT NULL,
  name            TEXT NOT NULL,
  ext_record_type TEXT NOT NULL,
  com_record_type TEXT NOT NULL,
  cloud           TEXT NOT NULL,
  account         TEXT NOT NULL,
  region          TEXT NOT NULL,
  record          TEXT NOT NULL
);
CREATE INDEX resources_by_scan ON resources (scan_id);
CREATE INDEX resources_by_reference ON resources (reference);
CREATE INDEX resources_by_name ON resources (name);

CREATE TABLE results (
  scan_id       TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  finding_id    TEXT NOT NULL,
  check_id      TEXT NOT NULL,
  reference     TEXT NOT NULL,
  resource_name TEXT NOT NULL,
  cloud         TEXT NOT NULL,
  account       TEXT NOT NULL,
  region        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error', 'manual', 'not_applicable')),
  severity      TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  message       TEXT NOT NULL
);
CREATE INDEX results_by_scan ON results (scan_id);
CREATE INDEX results_by_finding ON results (finding_id);

CREATE TABLE findings (
  audit_key     TEXT NOT NULL,
  finding_id    TEXT NOT NULL,
  check_id      TEXT NOT NULL,
  reference     TEXT NOT NULL,
  name          TEXT NOT NULL,
  message       TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('new', 'open', 'regressed', 'resolved')),
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  last_seen_ms  INTEGER NOT NULL,
  resolved_at   TEXT,
  severity      TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  severity_rank INTEGER NOT NULL,
  cloud         TEXT NOT NULL,
  account       TEXT NOT NULL,
  record        TEXT NOT NULL,
  PRIMARY KEY (audit_key, finding_id)
);
CREATE INDEX findings_by_id ON findings (finding_id);
CREATE INDEX findings_by_rank ON findings (severity_rank DESC, last_seen_ms DESC);

CREATE TABLE finding_events (
  id         INTEGER PRIMARY KEY,
  finding_id TEXT NOT NULL,
  audit_key  TEXT NOT NULL,
  scan_id    TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('new', 'open', 'regressed', 'resolved', 'muted')),
  at         TEXT NOT NULL
);
CREATE INDEX finding_events_by_finding ON finding_events (finding_id, audit_key);

CREATE TABLE mutes (
  finding_id TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  reason     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  expires_ms INTEGER
);
`,
  },
  {
    version: 2,
    name: 'dashboards, finding events by scan',
    sql: `
CREATE TABLE dashboards (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  widgets     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX finding_events_by_scan ON finding_events (scan_id, state);
CREATE INDEX findings_by_service ON findings (json_extract(record, '$.com.service'));
`,
  },
  {
    version: 3,
    name: 'notification outbox',
    sql: `
CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  notifier        TEXT NOT NULL,
  dedup_key       TEXT NOT NULL,
  payload         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  max_attempts    INTEGER NOT NULL,
  created_at      TEXT NOT NULL,
  created_ms      INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  lease_token     TEXT,
  lease_owner     TEXT,
  lease_until_ms  INTEGER,
  delivered_at    TEXT,
  last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_ms);
CREATE INDEX outbox_by_key ON outbox (notifier, dedup_key, status);

CREATE TABLE outbox_keys (
  notifier   TEXT NOT NULL,
  dedup_key  TEXT NOT NULL,
  outbox_id  TEXT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  created_ms INTEGER NOT NULL
);
CREATE INDEX outbox_keys_lookup ON outbox_keys (notifier, dedup_key, created_ms);
CREATE INDEX outbox_keys_by_row ON outbox_keys (outbox_id);
`,
  },
  {
    version: 4,
    name: 'detections',
    sql: `
CREATE TABLE detections (
  finding_id    TEXT PRIMARY KEY,
  rule_id       TEXT NOT NULL,
  rule_title    TEXT NOT NULL,
  severity      TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  severity_rank INTEGER NOT NULL,
  time          TEXT NOT NULL,
  time_ms       INTEGER NOT NULL,
  cloud         TEXT NOT NULL,
  account       TEXT NOT NULL,
  region        TEXT NOT NULL,
  actor         TEXT,
  source_ip     TEXT,
  action        TEXT,
  event_id      TEXT NOT NULL,
  source        TEXT NOT NULL,
  detected_at   TEXT NOT NULL,
  record        TEXT NOT NULL
);
CREATE INDEX detections_by_time ON detections (time_ms);
CREATE INDEX detections_by_rule ON detections (rule_id, time_ms);
CREATE INDEX detections_by_actor ON detections (actor, time_ms);
CREATE INDEX detections_by_source_ip ON detections (source_ip, time_ms);
`,
  },
  {
    version: 5,
    name: 'dashboard reads: finding facts as columns, counts, list and search indexes, scan accounts',
    // The findings table is rebuilt with the facts the dashboard filters, groups and searches
    // on as columns (the store writes them from the record), behind one covering index in list
    // order: a page, a count or a facet reads the index, not the wide rows. (Generated columns
    // would need no writer, but SQLite never reads them from a covering index.) A trigram FTS5
    // index answers substring searches. The store indexes the rows a commit adds in one
    // statement (a trigger per row would make FTS5 flush its buffer at every row's statement
    // savepoint: 100,000 findings took 8 times longer); triggers re-index a row only when its
    // searchable text changes, so re-seeing a finding costs nothing there.
    sql: `
CREATE TABLE findings_v5 (
  audit_key     TEXT NOT NULL,
  finding_id    TEXT NOT NULL,
  check_id      TEXT NOT NULL,
  reference     TEXT NOT NULL,
  name          TEXT NOT NULL,
  message       TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('new', 'open', 'regressed', 'resolved')),
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  last_seen_ms  INTEGER NOT NULL,
  resolved_at   TEXT,
  severity      TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  severity_rank INTEGER NOT NULL,
  cloud         TEXT NOT NULL,
  account       TEXT NOT NULL,
  record        TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'fail',
  region        TEXT NOT NULL DEFAULT '',
  service       TEXT NOT NULL DEFAULT '',
  origin        TEXT NOT NULL DEFAULT 'check',
  title         TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  search        TEXT GENERATED ALWAYS AS (
                  name || char(31) || reference || char(31) || check_id || char(31) || title || char(31) || description
                ) VIRTUAL,
  PRIMARY KEY (audit_key, finding_id)
);
INSERT INTO findings_v5 (audit_key, finding_id, check_id, reference, name, message, state, first_seen, last_seen,
                         last_seen_ms, resolved_at, severity, severity_rank, cloud, account, record,
                         status, region, service, origin, title, description)
  SELECT audit_key, finding_id, check_id, reference, name, message, state, first_seen, last_seen,
         last_seen_ms, resolved_at, severity, severity_rank, cloud, account, record,
         COALESCE(json_extract(j, '$.com.status'), 'fail'), COALESCE(json_extract(j, '$.com.region'), ''),
         COALESCE(json_extract(j, '$.com.service'), ''), COALESCE(json_extract(j, '$.com.origin_type'), 'check'),
         COALESCE(json_extract(j, '$.ext.check_title'), check_id), COALESCE(json_extract(j, '$.com.description'), '')
    FROM (SELECT *, CASE WHEN json_valid(record) THEN record END AS j FROM findings ORDER BY rowid);
DROP TABLE findings;
ALTER TABLE findings_v5 RENAME TO findings;
CREATE INDEX findings_by_id ON findings (finding_id);
CREATE INDEX findings_list ON findings (severity_rank DESC, last_seen_ms DESC, finding_id, audit_key,
  state, status, cloud, account, check_id, service, region, origin);

CREATE VIRTUAL TABLE findings_search USING fts5(search, content = 'findings', content_rowid = 'rowid',
  tokenize = 'trigram');
-- a larger in-memory buffer of new terms (default 1 MB): a first scan of many findings writes
-- fewer, larger index segments and merges them less (100,000 findings: about half the time)
INSERT INTO findings_search (findings_search, rank) VALUES ('hashsize', 16777216);
INSERT INTO findings_search (findings_search) VALUES ('rebuild');
CREATE TRIGGER findings_search_delete AFTER DELETE ON findings BEGIN
  INSERT INTO findings_search (findings_search, rowid, search) VALUES ('delete', old.rowid, old.search);
END;
CREATE TRIGGER findings_search_update AFTER UPDATE ON findings WHEN old.search IS NOT new.search BEGIN
  INSERT INTO findings_search (findings_search, rowid, search) VALUES ('delete', old.rowid, old.search);
  INSERT INTO findings_search (rowid, search) VALUES (new.rowid, new.search);
END;

-- finding counts per audit and facet values, kept by triggers: a count or a facet over the
-- list's usual filters sums a few rows instead of reading every finding
CREATE TABLE finding_counts (
  audit_key     TEXT NOT NULL,
  state         TEXT NOT NULL,
  status        TEXT NOT NULL,
  severity_rank INTEGER NOT NULL,
  cloud         TEXT NOT NULL,
  account       TEXT NOT NULL,
  service       TEXT NOT NULL,
  origin        TEXT NOT NULL,
  n             INTEGER NOT NULL,
  PRIMARY KEY (audit_key, state, status, severity_rank, cloud, account, service, origin)
) WITHOUT ROWID;
INSERT INTO finding_counts
  SELECT audit_key, state, status, severity_rank, cloud, account, service, origin, COUNT(*)
    FROM findings GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
CREATE TRIGGER findings_count_insert AFTER INSERT ON findings BEGIN
  INSERT INTO finding_counts VALUES (new.audit_key, new.state, new.status, new.severity_rank, new.cloud,
                                     new.account, new.service, new.origin, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER findings_count_delete AFTER DELETE ON findings BEGIN
  UPDATE finding_counts SET n = n - 1
   WHERE audit_key = old.audit_key AND state = old.state AND status = old.status
     AND severity_rank = old.severity_rank AND cloud = old.cloud AND account = old.account
     AND service = old.service AND origin = old.origin;
END;
CREATE TRIGGER findings_count_update AFTER UPDATE ON findings
  WHEN old.audit_key IS NOT new.audit_key OR old.state IS NOT new.state OR old.status IS NOT new.status
    OR old.severity_rank IS NOT new.severity_rank OR old.cloud IS NOT new.cloud
    OR old.account IS NOT new.account OR old.service IS NOT new.service OR old.origin IS NOT new.origin
BEGIN
  UPDATE finding_counts SET n = n - 1
   WHERE audit_key = old.audit_key AND state = old.state AND status = old.status
     AND severity_rank = old.severity_rank AND cloud = old.cloud AND account = old.account
     AND service = old.service AND origin = old.origin;
  INSERT INTO finding_counts VALUES (new.audit_key, new.state, new.status, new.severity_rank, new.cloud,
                                     new.account, new.service, new.origin, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
END;

ALTER TABLE finding_events ADD COLUMN severity_rank INTEGER NOT NULL DEFAULT 0;
UPDATE finding_events SET severity_rank = COALESCE(
  (SELECT f.severity_rank FROM findings f
    WHERE f.audit_key = finding_events.audit_key AND f.finding_id = finding_events.finding_id), 0);
CREATE INDEX finding_events_changes ON finding_events (scan_id, severity_rank DESC, id) WHERE state <> 'open';

ALTER TABLE scans ADD COLUMN accounts TEXT NOT NULL DEFAULT '[]';
`,
  },
  {
    version: 6,
    name: 'incidents and detection state',
    // Incidents fold detections of one principal (src/detect/incidents.ts); the record is the
    // incident without its notification bookkeeping, which has columns of its own so that
    // marking a notice sent does not rewrite the record. detection_state holds what the stateful
    // detections remember (baselines), each entry with the time after which it is forgotten.
    sql: `
CREATE TABLE incidents (
  id               TEXT PRIMARY KEY,
  principal_key    TEXT NOT NULL,
  principal        TEXT NOT NULL,
  severity_rank    INTEGER NOT NULL,
  first_ms         INTEGER NOT NULL,
  last_ms          INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  notified_version INTEGER NOT NULL DEFAULT 0,
  notified_at      TEXT,
  record           TEXT NOT NULL
);
CREATE INDEX incidents_by_principal ON incidents (principal_key, last_ms);
CREATE INDEX incidents_by_last ON incidents (last_ms);
CREATE INDEX incidents_unnotified ON incidents (first_ms) WHERE version > notified_version;

CREATE TABLE detection_state (
  kind       TEXT NOT NULL,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  expires_ms INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX detection_state_expiry ON detection_state (expires_ms);
`,
  },
  {
    version: 7,
    name: 'saved queries',
    // `cloudward query save`: SQL a team keeps and shares by name (docs/query.md)
    sql: `
CREATE TABLE saved_queries (
  name        TEXT PRIMARY KEY,
  sql         TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
`,
  },
  {
    version: 8,
    name: 'remediation actions',
    // `cloudward remediate` and watch's respond: rules (docs/remediation.md): one row per
    // action, its whole record (plan, calls made, undo) as JSON; state and target_key are
    // columns so the compare-and-set updates and the one-live-action-per-target lookup are indexed
    sql: `
CREATE TABLE remediation_actions (
  id         TEXT PRIMARY KEY,
  state      TEXT NOT NULL,
  target_key TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  record     TEXT NOT NULL
);
CREATE INDEX remediation_actions_by_target ON remediation_actions (target_key, created_ms);
CREATE INDEX remediation_actions_by_created ON remediation_actions (created_ms);
`,
  },
  {
    version: 9,
    name: 'outbox recordings',
    // one row per scan and notifier whose alerts are in the outbox, written in the transaction
    // that enqueues them: a scan resumed before it committed does not record its alerts again
    sql: `
CREATE TABLE outbox_recordings (
  recording  TEXT NOT NULL,
  notifier   TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (recording, notifier)
) WITHOUT ROWID;
CREATE INDEX outbox_recordings_by_created ON outbox_recordings (created_ms);
`,
  },
];

const TRACKING_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

function checkOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${i + 1} has version ${m.version}: versions must be 1, 2, 3...`);
  });
}

interface AppliedRow {
  version: number;
  name: string;
}

/**
 * What the database holds, read without writing anything: 'empty' (no tables at all: a new
 * store), or the applied migrations. Throws StoreError when the file is some other
 * application's database or was written by a newer Cloudward.
 */
export function inspectSchema(
  db: Database.Database,
  location: string,
  migrations: readonly Migration[] = MIGRATIONS,
): 'empty' | AppliedRow[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  if (tables.length === 0) return 'empty';
  if (!tables.includes('schema_migrations')) {
    throw new StoreError(
      location,
      `is a SQLite database but not a Cloudward store (it has tables ${tables.slice(0, 5).join(', ')} and no schema_migrations)`,
    );
  }
  let applied: AppliedRow[];
  try {
    applied = db
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all() as AppliedRow[];
  } catch (err) {
    throw new StoreError(
      location,
      'is not a Cloudward store: its schema_migrations table has another layout',
      {
        cause: err,
      },
    );
  }
  const latest = latestVersion(migrations);
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
 * Applies the pending migrations in one IMMEDIATE transaction (so two processes opening a new
 * store at once cannot both apply them): all of them, or none if a step fails.
 * Returns the versions applied now; reopening an up-to-date store applies nothing.
 */
export function migrate(
  db: Database.Database,
  location: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  checkOrdered(migrations);
  const apply = db.transaction((): number[] => {
    // read again inside the write lock: another process may have migrated meanwhile
    const state = inspectSchema(db, location, migrations);
    const done = new Set(state === 'empty' ? [] : state.map((r) => r.version));
    db.exec(TRACKING_TABLE);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
      applied.push(m.version);
    }
    return applied;
  });
  try {
    return apply.immediate();
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(location, `schema migration failed and was rolled back: ${messageOf(err)}`, {
      cause: err,
    });
  }
}
