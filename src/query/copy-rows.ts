import type { CopiableEvent } from '../core/events-copy.js';

/**
 * The `events` columns of an event a log source read, for the local copy. CloudTrail events
 * are mapped in SQL by the same SELECT that reads CloudTrail files in place (so the copy and
 * the files give the same answers); the other logs are mapped here, from the fields their
 * readers normalised (com) and the facts they kept (ext).
 */

/** The log types the copy keeps, by the record type their readers give events. */
export const COPIED_LOGS: Readonly<Record<string, string>> = {
  'aws.cloudtrail.event': 'cloudtrail',
  'azure.activity_log.event': 'azure_activity',
  'gcp.audit_log.event': 'gcp_audit',
  'azure.entra_id.event': 'entra_id',
};

/** A row of the staging table: every column is text but read_only. */
export interface StagedRow {
  log: string;
  source: string;
  raw: string;
  cloud: string | null;
  time: string | null;
  account: string | null;
  region: string | null;
  actor: string | null;
  actor_type: string | null;
  source_ip: string | null;
  user_agent: string | null;
  service: string | null;
  event_name: string | null;
  action: string | null;
  resource: string | null;
  outcome: string | null;
  error_message: string | null;
  read_only: boolean | null;
  event_id: string | null;
}

/** The staging columns in table order, with their types. */
export const STAGED_COLUMNS: readonly (readonly [keyof StagedRow, 'VARCHAR' | 'BOOLEAN'])[] = [
  ['log', 'VARCHAR'],
  ['source', 'VARCHAR'],
  ['raw', 'VARCHAR'],
  ['cloud', 'VARCHAR'],
  ['time', 'VARCHAR'],
  ['account', 'VARCHAR'],
  ['region', 'VARCHAR'],
  ['actor', 'VARCHAR'],
  ['actor_type', 'VARCHAR'],
  ['source_ip', 'VARCHAR'],
  ['user_agent', 'VARCHAR'],
  ['service', 'VARCHAR'],
  ['event_name', 'VARCHAR'],
  ['action', 'VARCHAR'],
  ['resource', 'VARCHAR'],
  ['outcome', 'VARCHAR'],
  ['error_message', 'VARCHAR'],
  ['read_only', 'BOOLEAN'],
  ['event_id', 'VARCHAR'],
];

/** gRPC status codes, as Cloud Audit Logs give them in protoPayload.status.code. */
const GRPC_CODES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

const text = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;

function at(obj: unknown, ...keys: string[]): unknown {
  let v = obj;
  for (const k of keys) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

type Mapped = Pick<
  StagedRow,
  | 'actor_type'
  | 'user_agent'
  | 'event_name'
  | 'action'
  | 'resource'
  | 'outcome'
  | 'error_message'
  | 'read_only'
>;

/** Azure Activity Log: the operation is the action; a failure's outcome is its sub-status or result. */
function azureActivity(e: CopiableEvent): Mapped {
  const op = e.com.action;
  const verb = op.split('/').pop()?.toLowerCase();
  return {
    actor_type: null,
    user_agent: null,
    event_name: op,
    action: op,
    resource: text(e.ext.resource_id),
    outcome:
      e.com.outcome === 'success'
        ? 'success'
        : (text(e.ext.sub_status) ??
          text(e.ext.result) ??
          (e.com.outcome === 'failure' ? 'Failure' : 'unknown')),
    error_message: text(at(e.raw, 'properties', 'statusMessage')),
    read_only:
      verb === 'read' ? true : verb === 'write' || verb === 'delete' || verb === 'action' ? false : null,
  };
}

/** GCP Audit Log: serviceName:methodName is the action; a failure's outcome is its gRPC code's name. */
function gcpAudit(e: CopiableEvent): Mapped {
  const service = text(at(e.raw, 'protoPayload', 'serviceName'));
  const code = typeof e.ext.status_code === 'number' ? e.ext.status_code : 0;
  const auditLog = text(e.ext.audit_log);
  return {
    actor_type: null,
    user_agent: text(at(e.raw, 'protoPayload', 'requestMetadata', 'callerSuppliedUserAgent')),
    event_name: e.com.action,
    action: service ? `${service}:${e.com.action}` : e.com.action,
    resource: text(e.ext.resource_name),
    outcome: code === 0 ? 'success' : (GRPC_CODES[code] ?? String(code)),
    error_message: text(e.ext.status_message),
    read_only: auditLog === 'data_access' ? true : auditLog === 'activity' ? false : null,
  };
}

/** Entra ID sign-ins and audits: a failure's outcome is its error code. */
function entra(e: CopiableEvent): Mapped {
  return {
    actor_type: null,
    user_agent: text(e.ext.user_agent),
    event_name: e.com.action,
    action: e.com.action,
    resource: text(e.ext.app),
    outcome:
      e.com.outcome === 'success'
        ? 'success'
        : (text(e.ext.error_code) ??
          text(e.ext.result) ??
          (e.com.outcome === 'failure' ? 'Failure' : 'unknown')),
    error_message: null,
    read_only: null,
  };
}

const MAPPERS: Record<string, (e: CopiableEvent) => Mapped> = {
  azure_activity: azureActivity,
  gcp_audit: gcpAudit,
  entra_id: entra,
};

/**
 * The staged row of an event, or undefined for a log the copy does not keep (VPC flow records:
 * network traffic, not activity). CloudTrail rows carry only log, source and raw.
 */
export function stagedRow(e: CopiableEvent): StagedRow | undefined {
  const log = COPIED_LOGS[e.ext.record_type];
  if (!log) return undefined;
  const base: StagedRow = {
    log,
    source: e.ext.source.file,
    raw: JSON.stringify(e.raw),
    cloud: null,
    time: null,
    account: null,
    region: null,
    actor: null,
    actor_type: null,
    source_ip: null,
    user_agent: null,
    service: null,
    event_name: null,
    action: null,
    resource: null,
    outcome: null,
    error_message: null,
    read_only: null,
    event_id: null,
  };
  const map = MAPPERS[log];
  if (!map) return base;
  return {
    ...base,
    cloud: e.com.cloud_type,
    time: e.com.time,
    account: e.com.account || null,
    region: e.com.region || null,
    actor: e.com.actor,
    source_ip: e.com.source_ip,
    service: e.com.service || null,
    event_id: e.com.reference,
    ...map(e),
  };
}
