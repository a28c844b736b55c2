import { SEVERITIES, severityRank } from '../core/severity.js';

/*
 * The tables `cloudward query` offers over the store: the same names and columns on SQLite and
 * PostgreSQL, defined here once per dialect as the common table expressions a query is wrapped
 * in (so nothing is stored in the database, and a store of any schema version a reader
 * understands answers them). They read only complete scans. Times are ISO 8601 UTC text,
 * flags are 0 or 1, JSON columns are JSON (text on SQLite, jsonb on PostgreSQL; both read with
 * `col->'key'` and `col->>'key'`).
 */

export type Dialect = 'sqlite' | 'postgres';

export interface TableColumn {
  name: string;
  /** text, integer, json */
  type: 'text' | 'integer' | 'json';
  description: string;
}

export interface QueryTable {
  name: string;
  description: string;
  columns: TableColumn[];
}

/** Which dialect's spelling of a few expressions the definitions use. */
interface Spelling {
  /** a store table, qualified with the store's schema on PostgreSQL */
  t(table: string): string;
  /** a JSON column stored as text on PostgreSQL, as json there */
  jsonText(expr: string): string;
  /** epoch milliseconds as ISO 8601 UTC text */
  msToIso(expr: string): string;
}

const spelling = (dialect: Dialect, schema: string): Spelling =>
  dialect === 'sqlite'
    ? {
        t: (table) => `main.${table}`,
        jsonText: (expr) => expr,
        msToIso: (expr) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr} / 1000.0, 'unixepoch')`,
      }
    : {
        t: (table) => `${schema}.${table}`,
        jsonText: (expr) => `CAST(${expr} AS jsonb)`,
        msToIso: (expr) =>
          `to_char(to_timestamp(${expr} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      };

const severityOfRank = (expr: string) =>
  `CASE ${expr} ${SEVERITIES.map((s) => `WHEN ${severityRank(s)} THEN '${s}'`).join(' ')} END`;

const FULL_SCAN = `coalesce(s.label, '') NOT LIKE 'recheck %'`;

/** The creation time a resource's cloud reports, from the fields the clouds name it by. */
const CREATED_AT = `coalesce(
    r.record->'raw'->'item'->>'CreationDate', r.record->'raw'->'item'->>'CreateDate',
    r.record->'raw'->'item'->>'CreatedTime', r.record->'raw'->'item'->>'LaunchTime',
    r.record->'raw'->'item'->>'InstanceCreateTime', r.record->'raw'->'item'->>'creationTimestamp',
    r.record->'raw'->'item'->>'timeCreated', r.record->'raw'->'item'->>'createTime',
    r.record->'raw'->'item'->'properties'->>'creationTime', r.record->'raw'->'item'->'properties'->>'createdTime',
    r.record->'raw'->'item'->'systemData'->>'createdAt')`;

export const QUERY_TABLES: readonly QueryTable[] = [
  {
    name: 'scans',
    description: 'complete scans (a full scan of an audit, or a re-check of one resource)',
    columns: [
      { name: 'id', type: 'text', description: 'the scan id (its start, UTC)' },
      { name: 'audit_key', type: 'text', description: 'the audit it ran' },
      { name: 'label', type: 'text', description: 'its label (`demo day1`, `recheck ...`)' },
      { name: 'kind', type: 'text', description: '`full`, or `recheck` for a partial scan' },
      { name: 'started_at', type: 'text', description: 'ISO 8601 UTC' },
      { name: 'finished_at', type: 'text', description: 'ISO 8601 UTC' },
      { name: 'resources', type: 'integer', description: 'resources it read' },
      { name: 'counts', type: 'json', description: 'results by status, findings by state' },
      { name: 'errors', type: 'json', description: 'collection errors (scope, API, message)' },
      { name: 'accounts', type: 'json', description: 'the accounts it read, with their names' },
    ],
  },
  {
    name: 'resources',
    description:
      "the current inventory: each audit's resources in its latest full scan, as re-checks after it left them",
    columns: [
      { name: 'audit_key', type: 'text', description: 'the audit' },
      { name: 'scan_id', type: 'text', description: 'the scan that read this version' },
      { name: 'scanned_at', type: 'text', description: "that scan's start" },
      {
        name: 'first_seen',
        type: 'text',
        description: 'the start of the first scan of the audit that saw it',
      },
      { name: 'reference', type: 'text', description: 'ARN, resource id or self link' },
      { name: 'name', type: 'text', description: 'its name' },
      { name: 'type', type: 'text', description: 'the cloud-specific type (`aws.s3.bucket`)' },
      { name: 'record_type', type: 'text', description: 'the cross-cloud type (`storage`, `firewall_rule`)' },
      { name: 'cloud', type: 'text', description: '`aws`, `azure`, `gcp`' },
      { name: 'account', type: 'text', description: 'account, subscription or project' },
      { name: 'region', type: 'text', description: 'region or location' },
      { name: 'service', type: 'text', description: 'the service (`s3`, `ec2`)' },
      {
        name: 'created_at',
        type: 'text',
        description:
          'when the cloud says it was created, as the cloud wrote it (NULL when its API does not say)',
      },
      { name: 'tags', type: 'json', description: 'its tags or labels' },
      { name: 'record', type: 'json', description: 'the whole record: `raw`, `ext`, `com`' },
    ],
  },
  {
    name: 'resource_history',
    description: 'every stored version of every resource: one row per resource per scan',
    columns: [
      { name: 'audit_key', type: 'text', description: 'the audit' },
      { name: 'scan_id', type: 'text', description: 'the scan' },
      { name: 'scanned_at', type: 'text', description: "the scan's start" },
      { name: 'kind', type: 'text', description: '`full` or `recheck`' },
      { name: 'reference', type: 'text', description: 'ARN, resource id or self link' },
      { name: 'name', type: 'text', description: 'its name' },
      { name: 'type', type: 'text', description: 'the cloud-specific type' },
      { name: 'record_type', type: 'text', description: 'the cross-cloud type' },
      { name: 'cloud', type: 'text', description: 'the cloud' },
      { name: 'account', type: 'text', description: 'account, subscription or project' },
      { name: 'region', type: 'text', description: 'region or location' },
      { name: 'service', type: 'text', description: 'the service' },
      { name: 'created_at', type: 'text', description: 'as in `resources`' },
      { name: 'record', type: 'json', description: 'the record of this version' },
    ],
  },
  {
    name: 'resource_changes',
    description:
      "what each full scan found added, changed (its API answers or facts differ) or removed since the audit's previous full scan",
    columns: [
      { name: 'audit_key', type: 'text', description: 'the audit' },
      { name: 'scan_id', type: 'text', description: 'the full scan that saw the change' },
      { name: 'changed_at', type: 'text', description: "that scan's start" },
      { name: 'change', type: 'text', description: '`added`, `changed` or `removed`' },
      { name: 'reference', type: 'text', description: 'the resource' },
      { name: 'name', type: 'text', description: 'its name' },
      { name: 'type', type: 'text', description: 'the cloud-specific type' },
      { name: 'record_type', type: 'text', description: 'the cross-cloud type' },
      { name: 'cloud', type: 'text', description: 'the cloud' },
      { name: 'account', type: 'text', description: 'account, subscription or project' },
      { name: 'region', type: 'text', description: 'region or location' },
    ],
  },
  {
    name: 'findings',
    description: "each finding's life in each audit: fail and error results of checks, kept across scans",
    columns: [
      { name: 'audit_key', type: 'text', description: 'the audit that follows this life' },
      {
        name: 'finding_id',
        type: 'text',
        description: 'stable hash of the check (or exposure) and the resource',
      },
      { name: 'check_id', type: 'text', description: 'the check (the primary one of a merged finding)' },
      { name: 'title', type: 'text', description: "the check's title" },
      { name: 'severity', type: 'text', description: '`critical`, `high`, `medium`, `low`, `info`' },
      { name: 'severity_rank', type: 'integer', description: '5 (critical) to 1 (info), to sort by' },
      { name: 'status', type: 'text', description: '`fail`, or `error` (could not be evaluated)' },
      {
        name: 'state',
        type: 'text',
        description: '`new`, `open`, `regressed`, `resolved`, or `muted` while a mute is in force',
      },
      { name: 'life_state', type: 'text', description: 'the state without the mute' },
      { name: 'muted', type: 'integer', description: '1 while a mute is in force, else 0' },
      { name: 'mute_owner', type: 'text', description: 'who muted it' },
      { name: 'mute_reason', type: 'text', description: 'why' },
      { name: 'mute_expires_at', type: 'text', description: 'until when (NULL: no end)' },
      { name: 'first_seen', type: 'text', description: 'the scan that first found it' },
      { name: 'last_seen', type: 'text', description: 'the last scan that found it' },
      { name: 'resolved_at', type: 'text', description: 'when it was resolved (NULL while live)' },
      { name: 'reference', type: 'text', description: 'the resource' },
      { name: 'resource_name', type: 'text', description: "the resource's name" },
      { name: 'resource_type', type: 'text', description: "the resource's cloud-specific type" },
      { name: 'cloud', type: 'text', description: 'the cloud' },
      { name: 'account', type: 'text', description: 'account, subscription or project' },
      { name: 'region', type: 'text', description: 'region or location' },
      { name: 'service', type: 'text', description: 'the service' },
      { name: 'origin', type: 'text', description: '`check`, or the source that raised it' },
      { name: 'description', type: 'text', description: 'what is wrong, on this resource' },
      { name: 'recommendation', type: 'text', description: 'the fix' },
      { name: 'compliance', type: 'json', description: 'the requirements it breaks (`cis-aws-7.0:3.1`)' },
      { name: 'record', type: 'json', description: 'the finding record' },
    ],
  },
  {
    name: 'finding_events',
    description: "each change of a finding's life, per scan",
    columns: [
      { name: 'audit_key', type: 'text', description: 'the audit' },
      { name: 'finding_id', type: 'text', description: 'the finding' },
      { name: 'scan_id', type: 'text', description: 'the scan that made the change' },
      { name: 'state', type: 'text', description: '`new`, `open`, `regressed`, `resolved`, `muted`' },
      { name: 'at', type: 'text', description: 'when (ISO 8601 UTC)' },
    ],
  },
  {
    name: 'results',
    description: 'every check result of every complete scan (pass, fail, error, manual, not_applicable)',
    columns: [
      { name: 'audit_key', type: 'text', description: 'the audit' },
      { name: 'scan_id', type: 'text', description: 'the scan' },
      { name: 'scanned_at', type: 'text', description: "the scan's start" },
      { name: 'kind', type: 'text', description: '`full` or `recheck`' },
      { name: 'check_id', type: 'text', description: 'the check' },
      { name: 'finding_id', type: 'text', description: 'the finding it is (or would be)' },
      { name: 'reference', type: 'text', description: 'the resource (or the account, for an account check)' },
      { name: 'resource_name', type: 'text', description: 'its name' },
      { name: 'cloud', type: 'text', description: 'the cloud' },
      { name: 'account', type: 'text', description: 'account, subscription or project' },
      { name: 'region', type: 'text', description: 'region' },
      { name: 'status', type: 'text', description: '`pass`, `fail`, `error`, `manual`, `not_applicable`' },
      { name: 'severity', type: 'text', description: "the check's severity" },
      { name: 'message', type: 'text', description: 'what the check said' },
    ],
  },
  {
    name: 'mutes',
    description: 'muted findings',
    columns: [
      { name: 'finding_id', type: 'text', description: 'the finding' },
      { name: 'owner', type: 'text', description: 'who muted it' },
      { name: 'reason', type: 'text', description: 'why' },
      { name: 'created_at', type: 'text', description: 'when' },
      { name: 'expires_at', type: 'text', description: 'until when (NULL: no end)' },
      { name: 'active', type: 'integer', description: '1 while in force' },
    ],
  },
  {
    name: 'detections',
    description: 'Sigma rule hits on activity logs',
    columns: [
      { name: 'finding_id', type: 'text', description: 'the detection id' },
      { name: 'rule_id', type: 'text', description: 'the rule' },
      { name: 'rule_title', type: 'text', description: "the rule's title" },
      { name: 'severity', type: 'text', description: "the rule's level" },
      { name: 'severity_rank', type: 'integer', description: '5 (critical) to 1 (info)' },
      { name: 'time', type: 'text', description: "the event's time" },
      { name: 'cloud', type: 'text', description: 'the cloud' },
      { name: 'account', type: 'text', description: 'account, subscription or project' },
      { name: 'region', type: 'text', description: 'region' },
      { name: 'actor', type: 'text', description: 'who acted' },
      { name: 'source_ip', type: 'text', description: 'from where' },
      { name: 'action', type: 'text', description: 'what they did' },
      { name: 'event_id', type: 'text', description: 'the event' },
      { name: 'source', type: 'text', description: 'the log source that read it' },
      { name: 'detected_at', type: 'text', description: 'when Cloudward detected it' },
      { name: 'record', type: 'json', description: 'the detection record, with the event' },
    ],
  },
  {
    name: 'incidents',
    description: "one principal's detections folded into rule alerts and a timeline",
    columns: [
      { name: 'id', type: 'text', description: 'the incident' },
      { name: 'principal', type: 'text', description: 'who acted (or the source address)' },
      { name: 'cloud', type: 'text', description: 'the cloud' },
      { name: 'account', type: 'text', description: 'the account' },
      { name: 'severity', type: 'text', description: 'its most severe alert' },
      { name: 'severity_rank', type: 'integer', description: '5 (critical) to 1 (info)' },
      { name: 'status', type: 'text', description: 'its status' },
      { name: 'detections', type: 'integer', description: 'detections in its alerts' },
      { name: 'stages', type: 'json', description: 'the tactics reached, in order' },
      { name: 'first_at', type: 'text', description: 'its first event' },
      { name: 'last_at', type: 'text', description: 'its last event' },
      { name: 'notified_at', type: 'text', description: 'when notifiers were last told' },
      { name: 'record', type: 'json', description: 'the incident, with its alerts' },
    ],
  },
];

/** The names a query sees, in the order they are defined (a later one may read an earlier one). */
export const QUERY_TABLE_NAMES = QUERY_TABLES.map((t) => t.name);

/**
 * The `WITH` list that defines every table of QUERY_TABLES over the store's own tables, in
 * one dialect. `nowMs` is the time mutes are judged at.
 */
export function tableDefinitions(
  dialect: Dialect,
  schema: string,
  nowMs: number,
  /** a function every row of every table must pass, given one of its columns (SQLite: the time limit's check) */
  rowCheck?: string,
): string {
  const sp = spelling(dialect, schema);
  const t = sp.t;
  const now = Math.trunc(nowMs);
  // each complete full scan with the audit's full scan before it
  const fullScans = `(
    SELECT s.id, s.audit_key, s.started_at,
      lag(s.id) OVER (PARTITION BY s.audit_key ORDER BY s.started_ms) AS prev_id
    FROM ${t('scans')} s WHERE s.status = 'complete' AND ${FULL_SCAN}
  )`;
  const defs: Record<string, string> = {
    scans: `SELECT s.id, s.audit_key, s.label,
    CASE WHEN ${FULL_SCAN} THEN 'full' ELSE 'recheck' END AS kind,
    s.started_at, s.finished_at,
    CAST(s.counts->>'resources' AS BIGINT) AS resources,
    s.counts, s.errors, s.accounts
  FROM ${t('scans')} s WHERE s.status = 'complete'`,
    resource_history: `SELECT s.audit_key, r.scan_id, s.started_at AS scanned_at,
    CASE WHEN ${FULL_SCAN} THEN 'full' ELSE 'recheck' END AS kind,
    r.reference, r.name, r.ext_record_type AS type, r.com_record_type AS record_type,
    r.cloud, r.account, r.region, r.record->'com'->>'service' AS service,
    ${CREATED_AT} AS created_at,
    r.record
  FROM ${t('resources')} r JOIN ${t('scans')} s ON s.id = r.scan_id AND s.status = 'complete'`,
    resources: `SELECT h.audit_key, h.scan_id, h.scanned_at, h.first_seen, h.reference, h.name, h.type,
    h.record_type, h.cloud, h.account, h.region, h.service, h.created_at, h.record->'com'->'tags' AS tags, h.record
  FROM (
    SELECT v.*,
      row_number() OVER (PARTITION BY v.audit_key, v.reference ORDER BY v.started_ms DESC) AS cw_latest,
      (SELECT min(s2.started_at) FROM ${t('resources')} r2 JOIN ${t('scans')} s2 ON s2.id = r2.scan_id
        WHERE r2.reference = v.reference AND s2.audit_key = v.audit_key AND s2.status = 'complete') AS first_seen
    FROM (
      SELECT h.*, s.started_ms
      FROM resource_history h
      JOIN ${t('scans')} s ON s.id = h.scan_id
      JOIN (
        SELECT s.audit_key, max(s.started_ms) AS base_ms FROM ${t('scans')} s
        WHERE s.status = 'complete' AND ${FULL_SCAN} GROUP BY s.audit_key
      ) b ON b.audit_key = s.audit_key AND s.started_ms >= b.base_ms
    ) v
  ) h WHERE h.cw_latest = 1`,
    resource_changes: [
      `SELECT p.audit_key, p.id AS scan_id, p.started_at AS changed_at, 'changed' AS change, cur.reference,
    cur.name, cur.ext_record_type AS type, cur.com_record_type AS record_type, cur.cloud, cur.account, cur.region
  FROM ${fullScans} p
  JOIN ${t('resources')} cur ON cur.scan_id = p.id
  JOIN ${t('resources')} prev ON prev.scan_id = p.prev_id AND prev.reference = cur.reference
  WHERE (cur.record->'raw') <> (prev.record->'raw') OR (cur.record->'ext') <> (prev.record->'ext')`,
      `SELECT p.audit_key, p.id, p.started_at, 'added', cur.reference, cur.name, cur.ext_record_type,
    cur.com_record_type, cur.cloud, cur.account, cur.region
  FROM ${fullScans} p
  JOIN ${t('resources')} cur ON cur.scan_id = p.id
  WHERE p.prev_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM ${t('resources')} x WHERE x.scan_id = p.prev_id AND x.reference = cur.reference)`,
      `SELECT p.audit_key, p.id, p.started_at, 'removed', prev.reference, prev.name, prev.ext_record_type,
    prev.com_record_type, prev.cloud, prev.account, prev.region
  FROM ${fullScans} p
  JOIN ${t('resources')} prev ON prev.scan_id = p.prev_id
  WHERE NOT EXISTS (SELECT 1 FROM ${t('resources')} x WHERE x.scan_id = p.id AND x.reference = prev.reference)`,
    ].join('\n  UNION ALL\n  '),
    findings: `SELECT f.audit_key, f.finding_id, f.check_id, f.title, f.severity, f.severity_rank, f.status,
    CASE WHEN m.finding_id IS NOT NULL AND f.state <> 'resolved' THEN 'muted' ELSE f.state END AS state,
    f.state AS life_state,
    CASE WHEN m.finding_id IS NULL THEN 0 ELSE 1 END AS muted,
    m.owner AS mute_owner, m.reason AS mute_reason, m.expires_at AS mute_expires_at,
    f.first_seen, f.last_seen, f.resolved_at, f.reference, f.name AS resource_name,
    f.record->'ext'->>'resource_record_type' AS resource_type,
    f.cloud, f.account, f.region, f.service, f.origin, f.description,
    f.record->'com'->>'recommendation' AS recommendation,
    f.record->'com'->'compliance' AS compliance,
    f.record
  FROM ${t('findings')} f
  LEFT JOIN ${t('mutes')} m ON m.finding_id = f.finding_id AND (m.expires_ms IS NULL OR m.expires_ms > ${now})`,
    finding_events: `SELECT e.audit_key, e.finding_id, e.scan_id, e.state, e.at FROM ${t('finding_events')} e`,
    results: `SELECT s.audit_key, r.scan_id, s.started_at AS scanned_at,
    CASE WHEN ${FULL_SCAN} THEN 'full' ELSE 'recheck' END AS kind,
    r.check_id, r.finding_id, r.reference, r.resource_name, r.cloud, r.account, r.region, r.status,
    r.severity, r.message
  FROM ${t('results')} r JOIN ${t('scans')} s ON s.id = r.scan_id AND s.status = 'complete'`,
    mutes: `SELECT m.finding_id, m.owner, m.reason, m.created_at, m.expires_at,
    CASE WHEN m.expires_ms IS NULL OR m.expires_ms > ${now} THEN 1 ELSE 0 END AS active
  FROM ${t('mutes')} m`,
    detections: `SELECT d.finding_id, d.rule_id, d.rule_title, d.severity, d.severity_rank, d.time, d.cloud,
    d.account, d.region, d.actor, d.source_ip, d.action, d.event_id, d.source, d.detected_at,
    ${sp.jsonText('d.record')} AS record
  FROM ${t('detections')} d`,
    incidents: `SELECT i.id, i.principal, i.record->>'cloud' AS cloud, i.record->>'account' AS account,
    ${severityOfRank('i.severity_rank')} AS severity, i.severity_rank, i.record->>'status' AS status,
    CAST(i.record->>'detections' AS BIGINT) AS detections, i.record->'stages' AS stages,
    ${sp.msToIso('i.first_ms')} AS first_at, ${sp.msToIso('i.last_ms')} AS last_at, i.notified_at,
    i.record
  FROM ${t('incidents')} i`,
  };
  // resource_history must precede resources, which reads it
  const order = [
    'scans',
    'resource_history',
    'resources',
    ...QUERY_TABLE_NAMES.filter((n) => !['scans', 'resource_history', 'resources'].includes(n)),
  ];
  // the check takes a column of the row, so the engine runs it at every row, not once; and the
  // tables are never materialised, so a join's loops read rows through it
  const first = (name: string) => QUERY_TABLES.find((t) => t.name === name)?.columns[0]?.name;
  const body = (name: string) =>
    rowCheck
      ? `SELECT * FROM (\n  ${defs[name]}\n) AS cw_rows WHERE ${rowCheck}(cw_rows.${first(name)})`
      : defs[name];
  const materialised = rowCheck ? ' NOT MATERIALIZED' : '';
  return order.map((name) => `${name} AS${materialised} (\n  ${body(name)}\n)`).join(',\n');
}
