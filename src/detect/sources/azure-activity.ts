import type { EventOutcome, EventRecord } from '../event.js';
import {
  FieldError,
  firstKey,
  ipOrNull,
  isObj,
  isoTime,
  type Obj,
  optObject,
  optString,
  optStringOrValue,
} from './fields.js';
import {
  describePosition,
  JSON_SUFFIXES,
  jsonFormat,
  type LogFormat,
  type Position,
  type ReadContext,
} from './format.js';

/**
 * Azure Activity Log events in the shapes they are exported in:
 * - diagnostic-settings export to a storage account or an event hub: `{"records": [...]}` or one
 *   record per line, with time, resourceId, operationName (a string), category, resultType,
 *   callerIpAddress, correlationId and identity.claims;
 * - the Activity Log REST API (and `az monitor activity-log list`): eventTimestamp,
 *   operationName.value, caller, httpRequest.clientIpAddress, status.value, eventDataId;
 * - the same in snake_case, as the Python SDK writes it (event_timestamp, operation_name ...).
 */

export const AZURE_ACTIVITY_RECORD_TYPE = 'azure.activity_log.event';

const CLAIM_UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const CLAIM_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const CLAIM_OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

function get(obj: Obj, camel: string, snake?: string): string | undefined {
  const key = snake ? firstKey(obj, camel, snake) : camel;
  return optStringOrValue(obj, key);
}

function outcomeOf(result: string | undefined): EventOutcome {
  switch (result?.toLowerCase()) {
    case 'success':
    case 'succeeded':
      return 'success';
    case 'failure':
    case 'failed':
      return 'failure';
    default:
      return 'unknown';
  }
}

function callerFromClaims(claims: Obj | undefined): string | undefined {
  if (!claims) return undefined;
  for (const k of [CLAIM_UPN, 'upn', 'unique_name', CLAIM_NAME, 'appid', CLAIM_OID]) {
    const v = claims[k];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

/** 'Microsoft.Network/networkSecurityGroups/write' -> 'network' */
function serviceOf(operation: string): string {
  const ns = operation.split('/')[0] ?? '';
  return ns.toLowerCase().replace(/^microsoft\./, '');
}

export function azureActivityEvent(value: unknown, ctx: ReadContext, position: Position): EventRecord | null {
  if (!isObj(value))
    throw new FieldError(`expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  const timeKey = firstKey(value, 'time', 'eventTimestamp', 'event_timestamp');
  const opKey = firstKey(value, 'operationName', 'operation_name');
  if (value[timeKey] === undefined && value[opKey] === undefined) {
    ctx.log.report(
      ctx.file,
      position,
      `${describePosition(position)}: no "records" array and not an Activity Log record (no time or operationName)`.trimStart(),
    );
    return null;
  }
  const time = optString(value, timeKey);
  if (time === undefined) throw new FieldError(`${timeKey}: missing`);
  const operation = optStringOrValue(value, opKey);
  if (operation === undefined) throw new FieldError(`${opKey}: missing`);

  const resourceId = get(value, 'resourceId', 'resource_id');
  const http = optObject(value, firstKey(value, 'httpRequest', 'http_request'));
  const identity = optObject(value, 'identity');
  const claims = identity ? optObject(identity, 'claims', 'identity.claims') : optObject(value, 'claims');
  const caller = get(value, 'caller') ?? callerFromClaims(claims);
  const ip =
    get(value, 'callerIpAddress') ?? (http ? get(http, 'clientIpAddress', 'client_ip_address') : undefined);
  const result = get(value, 'resultType') ?? get(value, 'status');
  const eventDataId = get(value, 'eventDataId', 'event_data_id');
  const correlationId = get(value, 'correlationId', 'correlation_id');
  // subscription ids are GUIDs; the storage export upper-cases resourceId, the REST API does not
  const subscription = (
    (resourceId ? /^\/subscriptions\/([^/]+)/i.exec(resourceId)?.[1] : undefined) ??
    get(value, 'subscriptionId', 'subscription_id') ??
    ''
  ).toLowerCase();
  const category = get(value, 'category');
  const level = get(value, 'level');
  const location = get(value, 'location');

  return {
    raw: value,
    ext: {
      record_type: AZURE_ACTIVITY_RECORD_TYPE,
      source: { file: ctx.file, ...position },
      category: category ?? null,
      level: level ?? null,
      resource_id: resourceId ?? null,
      result: result ?? null,
      sub_status: get(value, 'subStatus', 'sub_status') ?? get(value, 'resultSignature') ?? null,
      correlation_id: correlationId ?? null,
    },
    com: {
      cloud_type: 'azure',
      record_type: 'event',
      account: subscription,
      region: location ?? '',
      time: isoTime(time, timeKey),
      actor: caller ?? null,
      source_ip: ipOrNull(ip),
      action: operation,
      outcome: outcomeOf(result),
      // the storage export has no per-event id; Start and Success of one call share a correlationId
      reference:
        eventDataId ??
        (correlationId
          ? `${correlationId}/${result ?? ''}/${time}`
          : `${ctx.file}#${describePosition(position)}`),
      service: serviceOf(operation),
      origin_key: ctx.origin,
      origin_type: 'cloud',
      origin_class: 'log_source',
    },
  };
}

export const azureActivityFormat: LogFormat = jsonFormat({
  suffixes: JSON_SUFFIXES,
  arrayKeys: ['records', 'value'],
  toEvent: azureActivityEvent,
});
