import type { EventOutcome, EventRecord } from '../event.js';
import { FieldError, ipOrNull, isObj, isoTime, type Obj, optObject, optString } from './fields.js';
import {
  describePosition,
  JSON_SUFFIXES,
  jsonFormat,
  type LogFormat,
  type Position,
  type ReadContext,
} from './format.js';

/**
 * Microsoft Entra ID sign-in and audit logs, in the shapes they are exported in:
 * - the Microsoft Graph API, `auditLogs/signIns` and `auditLogs/directoryAudits`: answers as
 *   `{"@odata.context": ..., "value": [...]}` (one page per file or per line), or one object per line;
 * - diagnostic settings (storage account, Event Hub): `{"records": [...]}` or one record per line,
 *   each `{time, operationName, category: SignInLogs | NonInteractiveUserSignInLogs |
 *   ServicePrincipalSignInLogs | ManagedIdentitySignInLogs | AuditLogs | ..., tenantId, resultType,
 *   callerIpAddress, identity, properties}` where `properties` is the Graph object.
 * Rules are written against the Graph object's field names; for the diagnostic shape the Sigma
 * engine also looks under `properties.` (see src/detect/sigma/logsource.ts).
 */

export const ENTRA_RECORD_TYPE = 'azure.entra_id.event';

export type EntraKind = 'signin' | 'audit' | 'other';

/** Diagnostic categories that carry sign-ins (the Graph signIn object in `properties`). */
const SIGNIN_CATEGORIES = new Set([
  'signinlogs',
  'noninteractiveusersigninlogs',
  'serviceprincipalsigninlogs',
  'managedidentitysigninlogs',
  'adfssigninlogs',
]);

function kindOfCategory(category: string): EntraKind {
  const c = category.toLowerCase();
  if (SIGNIN_CATEGORIES.has(c)) return 'signin';
  if (c === 'auditlogs') return 'audit';
  return 'other';
}

/** Text of a field that may be a string or a number (error codes); FieldError for anything else. */
function optText(obj: Obj, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new FieldError(
    `${path}: expected a string or a number, found ${Array.isArray(v) ? 'an array' : typeof v}`,
  );
}

/** Diagnostic exports write times without a zone at times ("2025-01-15 14:20:35.456"): they are UTC. */
function entraTime(value: string, path: string): string {
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  return isoTime(zoned ? value : `${value.trim().replace(' ', 'T')}Z`, path);
}

function signInOutcome(errorCode: string | undefined): EventOutcome {
  if (errorCode === undefined || errorCode === '') return 'unknown';
  return errorCode === '0' ? 'success' : 'failure';
}

function auditOutcome(result: string | undefined): EventOutcome {
  switch (result?.toLowerCase()) {
    case 'success':
      return 'success';
    case 'failure':
    case 'failed':
    case 'timeout':
      return 'failure';
    default:
      return 'unknown';
  }
}

interface Facts {
  kind: EntraKind;
  time: string;
  actor?: string;
  ip?: string;
  action: string;
  outcome: EventOutcome;
  id?: string;
  correlationId?: string;
  category?: string;
  errorCode?: string;
  result?: string;
  app?: string;
  userAgent?: string;
  loggedBy?: string;
}

function signInFacts(obj: Obj, path: string): Omit<Facts, 'time' | 'action' | 'kind'> {
  const status = optObject(obj, 'status', `${path}status`);
  const errorCode = status ? optText(status, 'errorCode', `${path}status.errorCode`) : undefined;
  return {
    actor:
      optString(obj, 'userPrincipalName', `${path}userPrincipalName`) ??
      optString(obj, 'servicePrincipalName', `${path}servicePrincipalName`) ??
      optString(obj, 'userDisplayName', `${path}userDisplayName`) ??
      optString(obj, 'servicePrincipalId', `${path}servicePrincipalId`),
    ip: optString(obj, 'ipAddress', `${path}ipAddress`),
    outcome: signInOutcome(errorCode),
    id: optString(obj, 'id', `${path}id`),
    correlationId: optString(obj, 'correlationId', `${path}correlationId`),
    errorCode,
    app: optString(obj, 'appDisplayName', `${path}appDisplayName`),
    userAgent: optString(obj, 'userAgent', `${path}userAgent`),
  };
}

function auditFacts(obj: Obj, path: string): Omit<Facts, 'time' | 'kind' | 'action'> & { action?: string } {
  const by = optObject(obj, 'initiatedBy', `${path}initiatedBy`);
  const user = by ? optObject(by, 'user', `${path}initiatedBy.user`) : undefined;
  const app = by ? optObject(by, 'app', `${path}initiatedBy.app`) : undefined;
  const result = optString(obj, 'result', `${path}result`);
  return {
    actor:
      (user &&
        (optString(user, 'userPrincipalName', `${path}initiatedBy.user.userPrincipalName`) ??
          optString(user, 'displayName', `${path}initiatedBy.user.displayName`) ??
          optString(user, 'id', `${path}initiatedBy.user.id`))) ??
      (app &&
        (optString(app, 'servicePrincipalName', `${path}initiatedBy.app.servicePrincipalName`) ??
          optString(app, 'displayName', `${path}initiatedBy.app.displayName`) ??
          optString(app, 'appId', `${path}initiatedBy.app.appId`))) ??
      undefined,
    ip: user ? optString(user, 'ipAddress', `${path}initiatedBy.user.ipAddress`) : undefined,
    action: optString(obj, 'activityDisplayName', `${path}activityDisplayName`),
    outcome: auditOutcome(result),
    id: optString(obj, 'id', `${path}id`),
    correlationId: optString(obj, 'correlationId', `${path}correlationId`),
    category: optString(obj, 'category', `${path}category`),
    result,
    loggedBy: optString(obj, 'loggedByService', `${path}loggedByService`),
  };
}

/** The facts of a diagnostic-settings record (`properties` holds the Graph object). */
function diagnosticFacts(value: Obj, category: string): Facts {
  const time = optString(value, 'time');
  if (time === undefined) throw new FieldError('time: missing');
  const props = optObject(value, 'properties') ?? {};
  const operation = optString(value, 'operationName');
  const kind = kindOfCategory(category);
  const callerIp = optString(value, 'callerIpAddress');
  const identity = optString(value, 'identity');
  const resultType = optText(value, 'resultType', 'resultType');
  const base = { time: entraTime(time, 'time'), kind, category };
  if (kind === 'signin') {
    const f = signInFacts(props, 'properties.');
    return {
      ...base,
      ...f,
      ip: f.ip ?? callerIp,
      actor: f.actor ?? identity,
      action: operation ?? 'Sign-in activity',
      outcome: f.errorCode !== undefined ? f.outcome : signInOutcome(resultType),
      errorCode: f.errorCode ?? resultType,
      correlationId: f.correlationId ?? optString(value, 'correlationId'),
    };
  }
  if (kind === 'audit') {
    const f = auditFacts(props, 'properties.');
    return {
      ...base,
      ...f,
      ip: f.ip ?? callerIp,
      actor: f.actor ?? identity,
      action: f.action ?? operation ?? 'Audit activity',
      outcome: f.result !== undefined ? f.outcome : auditOutcome(resultType),
      correlationId: f.correlationId ?? optString(value, 'correlationId'),
      category: f.category ?? category,
    };
  }
  return {
    ...base,
    actor: identity,
    ip: callerIp,
    action: operation ?? category,
    outcome: auditOutcome(resultType),
    id: optString(props, 'id', 'properties.id'),
    correlationId: optString(value, 'correlationId'),
  };
}

function factsOf(value: Obj, ctx: ReadContext, position: Position): Facts | null {
  const category = optString(value, 'category');
  if (category !== undefined && isObj(value.properties) && value.time !== undefined)
    return diagnosticFacts(value, category);
  if (value.activityDateTime !== undefined || value.activityDisplayName !== undefined) {
    const time = optString(value, 'activityDateTime');
    if (time === undefined) throw new FieldError('activityDateTime: missing');
    const f = auditFacts(value, '');
    return {
      ...f,
      kind: 'audit',
      time: entraTime(time, 'activityDateTime'),
      action: f.action ?? 'Audit activity',
    };
  }
  if (value.createdDateTime !== undefined && (value.status !== undefined || value.appId !== undefined)) {
    const time = optString(value, 'createdDateTime');
    if (time === undefined) throw new FieldError('createdDateTime: missing');
    return {
      ...signInFacts(value, ''),
      kind: 'signin',
      time: entraTime(time, 'createdDateTime'),
      action: 'Sign-in activity',
    };
  }
  const keys = Object.keys(value).slice(0, 5).join(', ');
  ctx.log.report(
    ctx.file,
    position,
    `${describePosition(position)}: not an Entra ID sign-in or audit record (no records/value array, no createdDateTime or activityDateTime, no diagnostic category with properties; keys: ${keys || 'none'})`.trimStart(),
  );
  return null;
}

export function entraEvent(value: unknown, ctx: ReadContext, position: Position): EventRecord | null {
  if (!isObj(value))
    throw new FieldError(`expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  const f = factsOf(value, ctx, position);
  if (!f) return null;
  const tenant = optString(value, 'tenantId') ?? '';
  return {
    raw: value,
    ext: {
      record_type: ENTRA_RECORD_TYPE,
      source: { file: ctx.file, ...position },
      kind: f.kind,
      category: f.category ?? null,
      tenant_id: tenant || null,
      error_code: f.errorCode ?? null,
      result: f.result ?? null,
      app: f.app ?? null,
      user_agent: f.userAgent ?? null,
      logged_by_service: f.loggedBy ?? null,
      correlation_id: f.correlationId ?? null,
    },
    com: {
      cloud_type: 'azure',
      record_type: 'event',
      account: tenant.toLowerCase(),
      region: '',
      time: f.time,
      actor: f.actor ?? null,
      source_ip: ipOrNull(f.ip),
      action: f.action,
      outcome: f.outcome,
      reference:
        f.id ??
        (f.correlationId ? `${f.correlationId}/${f.time}` : `${ctx.file}#${describePosition(position)}`),
      service: f.kind === 'signin' ? 'entra_signin' : f.kind === 'audit' ? 'entra_audit' : 'entra',
      origin_key: ctx.origin,
      origin_type: 'cloud',
      origin_class: 'log_source',
    },
  };
}

export const entraFormat: LogFormat = jsonFormat({
  suffixes: JSON_SUFFIXES,
  arrayKeys: ['records', 'value'],
  toEvent: entraEvent,
});
