import type { EventRecord } from '../event.js';
import { FieldError, ipOrNull, isObj, isoTime, type Obj, optObject, optString, reqString } from './fields.js';
import {
  describePosition,
  JSON_SUFFIXES,
  jsonFormat,
  type LogFormat,
  type Position,
  type ReadContext,
} from './format.js';

/**
 * GCP Cloud Audit Logs as Cloud Logging exports them: LogEntry objects, one per line (a Cloud
 * Storage sink, `gcloud logging read --format=json` as an array). Entries that are not audit
 * logs (jsonPayload / textPayload, other protoPayload types) are counted as skipped, not events.
 */

export const GCP_AUDIT_RECORD_TYPE = 'gcp.audit_log.event';
const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';

/** 'compute.googleapis.com' -> 'compute' */
function serviceOf(serviceName: string): string {
  const i = serviceName.indexOf('.googleapis.com');
  return i > 0 ? serviceName.slice(0, i) : serviceName;
}

function accountOf(labels: Obj | undefined, logName: string | undefined): string {
  const project = labels ? optString(labels, 'project_id', 'resource.labels.project_id') : undefined;
  if (project) return project;
  const m = logName ? /^((?:projects|organizations|folders|billingAccounts)\/[^/]+)\//.exec(logName) : null;
  if (!m?.[1]) return '';
  return m[1].startsWith('projects/') ? m[1].slice('projects/'.length) : m[1];
}

function regionOf(labels: Obj | undefined, payload: Obj): string {
  const fromLabels = labels
    ? (optString(labels, 'location', 'resource.labels.location') ??
      optString(labels, 'region', 'resource.labels.region') ??
      optString(labels, 'zone', 'resource.labels.zone')?.replace(/-[a-z]$/, ''))
    : undefined;
  if (fromLabels) return fromLabels;
  const loc = payload.resourceLocation;
  if (isObj(loc) && Array.isArray(loc.currentLocations) && typeof loc.currentLocations[0] === 'string') {
    return loc.currentLocations[0];
  }
  return 'global';
}

/** 'projects/p/logs/cloudaudit.googleapis.com%2Factivity' -> 'activity' */
function auditLogKind(logName: string | undefined): string | null {
  if (!logName) return null;
  const m = /cloudaudit\.googleapis\.com(?:%2F|\/)([a-z_]+)/i.exec(logName);
  return m?.[1] ?? null;
}

export function gcpAuditEvent(value: unknown, ctx: ReadContext, position: Position): EventRecord | null {
  if (!isObj(value))
    throw new FieldError(`expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  const payload = optObject(value, 'protoPayload');
  if (!payload) {
    if (value.insertId === undefined && value.timestamp === undefined && value.logName === undefined) {
      ctx.log.report(
        ctx.file,
        position,
        `${describePosition(position)}: not a Cloud Logging LogEntry (no protoPayload, insertId or timestamp)`.trimStart(),
      );
    } else {
      ctx.log.stats.skipped += 1;
    }
    return null;
  }
  const type = optString(payload, '@type', 'protoPayload.@type');
  if (type !== undefined && type !== AUDIT_LOG_TYPE) {
    ctx.log.stats.skipped += 1;
    return null;
  }
  const timestamp = reqString(value, 'timestamp');
  const insertId = optString(value, 'insertId');
  const logName = optString(value, 'logName');
  const methodName = reqString(payload, 'methodName', 'protoPayload.methodName');
  const serviceName = optString(payload, 'serviceName', 'protoPayload.serviceName') ?? '';
  const auth = optObject(payload, 'authenticationInfo', 'protoPayload.authenticationInfo');
  const meta = optObject(payload, 'requestMetadata', 'protoPayload.requestMetadata');
  const status = optObject(payload, 'status', 'protoPayload.status');
  const code = status?.code;
  if (code !== undefined && code !== null && typeof code !== 'number') {
    throw new FieldError(`protoPayload.status.code: expected a number, found ${typeof code}`);
  }
  const resource = optObject(value, 'resource');
  const labels = resource ? optObject(resource, 'labels', 'resource.labels') : undefined;
  const actor = auth
    ? (optString(auth, 'principalEmail', 'protoPayload.authenticationInfo.principalEmail') ??
      optString(auth, 'principalSubject', 'protoPayload.authenticationInfo.principalSubject'))
    : undefined;
  const callerIp = meta ? optString(meta, 'callerIp', 'protoPayload.requestMetadata.callerIp') : undefined;

  return {
    raw: value,
    ext: {
      record_type: GCP_AUDIT_RECORD_TYPE,
      source: { file: ctx.file, ...position },
      log_name: logName ?? null,
      audit_log: auditLogKind(logName),
      resource_type: resource ? (optString(resource, 'type', 'resource.type') ?? null) : null,
      resource_name: optString(payload, 'resourceName', 'protoPayload.resourceName') ?? null,
      status_code: typeof code === 'number' ? code : 0,
      status_message: status ? (optString(status, 'message', 'protoPayload.status.message') ?? null) : null,
      severity: optString(value, 'severity') ?? null,
      caller_ip: callerIp ?? null,
    },
    com: {
      cloud_type: 'gcp',
      record_type: 'event',
      account: accountOf(labels, logName),
      region: regionOf(labels, payload),
      time: isoTime(timestamp, 'timestamp'),
      actor: actor ?? null,
      source_ip: ipOrNull(callerIp),
      action: methodName,
      outcome: typeof code === 'number' && code !== 0 ? 'failure' : 'success',
      reference: insertId ?? `${ctx.file}#${describePosition(position)}`,
      service: serviceOf(serviceName),
      origin_key: ctx.origin,
      origin_type: 'cloud',
      origin_class: 'log_source',
    },
  };
}

export const gcpAuditFormat: LogFormat = jsonFormat({
  suffixes: JSON_SUFFIXES,
  arrayKeys: ['entries'],
  toEvent: gcpAuditEvent,
});
