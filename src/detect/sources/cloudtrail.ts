import type { EventOutcome, EventRecord, SourcePosition } from '../event.js';
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
 * AWS CloudTrail events: the records of `{"Records": [...]}` files as CloudTrail delivers them
 * to S3, JSON lines of events, CloudWatch Logs messages, EventBridge `detail`s, and the
 * LookupEvents shape (`{EventId, CloudTrailEvent: "<event JSON>"}`).
 */

export const CLOUDTRAIL_RECORD_TYPE = 'aws.cloudtrail.event';

/** Account and region from a delivery path: AWSLogs/[o-org/]<account>/CloudTrail/<region>/... */
const TREE = /AWSLogs\/(?:o-[a-z0-9]+\/)?(\d{12})\/CloudTrail(?:-Insight)?\/([a-z0-9-]+)\//;

interface PathHints {
  account?: string;
  region?: string;
}

let lastFile = '';
let lastHints: PathHints = {};
function hintsFor(file: string): PathHints {
  if (file !== lastFile) {
    const m = TREE.exec(file);
    lastFile = file;
    lastHints = m ? { account: m[1], region: m[2] } : {};
  }
  return lastHints;
}

/** Services by event source: a trail names a few dozen, and an event then makes no string for it. */
const services = new Map<string, string>();
const SERVICES_MAX = 1024;

/** 'ec2.amazonaws.com' -> 'ec2' */
export function serviceOf(eventSource: string): string {
  let service = services.get(eventSource);
  if (service === undefined) {
    const i = eventSource.indexOf('.amazonaws.com');
    service = i > 0 ? eventSource.slice(0, i) : eventSource;
    if (services.size >= SERVICES_MAX) services.clear();
    services.set(eventSource, service);
  }
  return service;
}

function actorOf(identity: Obj | undefined): string | null {
  if (!identity) return null;
  const arn = optString(identity, 'arn', 'userIdentity.arn');
  if (arn) return arn;
  const type = optString(identity, 'type', 'userIdentity.type');
  if (type === 'AWSService')
    return optString(identity, 'invokedBy', 'userIdentity.invokedBy') ?? 'AWSService';
  return (
    optString(identity, 'userName', 'userIdentity.userName') ??
    optString(identity, 'principalId', 'userIdentity.principalId') ??
    null
  );
}

function outcomeOf(event: Obj, eventName: string, errorCode: string | undefined): EventOutcome {
  if (errorCode) return 'failure';
  if (eventName === 'ConsoleLogin') {
    const resp = event.responseElements;
    if (isObj(resp) && resp.ConsoleLogin === 'Failure') return 'failure';
  }
  return 'success';
}

export const REDACTED = '(redacted by Cloudward)';

/**
 * CloudTrail records the session token of the temporary credentials STS hands out
 * (responseElements.credentials of AssumeRole, GetSessionToken, GetFederationToken...). It is
 * half of a usable credential, so it is dropped before the event reaches a detection, the store
 * or an alert; the access key id stays (it names the session, and stateful detections follow it).
 */
function redactCredentials(event: Obj): void {
  const response = event.responseElements;
  if (!isObj(response)) return;
  // each holder in turn, without an array of them per event with a response
  redactSecrets(response.credentials);
  redactSecrets(response.accessKey);
}

function redactSecrets(holder: unknown): void {
  if (!isObj(holder)) return;
  if (typeof holder.sessionToken === 'string' && holder.sessionToken !== '') holder.sessionToken = REDACTED;
  if (typeof holder.secretAccessKey === 'string' && holder.secretAccessKey !== '')
    holder.secretAccessKey = REDACTED;
}

/**
 * One CloudTrail event as a record. `value` is the parsed event; a value that is not an event
 * (no eventName / eventTime) is reported as a file without Records.
 */
export function cloudTrailEvent(value: unknown, ctx: ReadContext, position: Position): EventRecord | null {
  if (!isObj(value)) {
    throw new FieldError(`expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  let event = value;
  if (typeof value.CloudTrailEvent === 'string' && value.eventName === undefined) {
    // LookupEvents answer: the event itself is a JSON string
    let inner: unknown;
    try {
      inner = JSON.parse(value.CloudTrailEvent);
    } catch (err) {
      throw new FieldError(`CloudTrailEvent: not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!isObj(inner)) throw new FieldError('CloudTrailEvent: expected a JSON object');
    event = inner;
  }
  if (event.eventName === undefined && event.eventTime === undefined) {
    const keys = Object.keys(event).slice(0, 5).join(', ');
    ctx.log.report(
      ctx.file,
      position,
      `${describePosition(position)}: no "Records" array and not a CloudTrail event (no eventName or eventTime; keys: ${keys || 'none'})`.trimStart(),
    );
    return null;
  }

  const eventTime = reqString(event, 'eventTime');
  const eventName = reqString(event, 'eventName');
  const eventSource = reqString(event, 'eventSource');
  const awsRegion = optString(event, 'awsRegion');
  const eventID = optString(event, 'eventID');
  const recipient = optString(event, 'recipientAccountId');
  const sourceIp = optString(event, 'sourceIPAddress');
  const errorCode = optString(event, 'errorCode');
  const eventType = optString(event, 'eventType');
  const identity = optObject(event, 'userIdentity');
  const identityAccount = identity ? optString(identity, 'accountId', 'userIdentity.accountId') : undefined;
  const identityType = identity ? optString(identity, 'type', 'userIdentity.type') : undefined;
  const readOnly = event.readOnly;
  if (readOnly !== undefined && readOnly !== null && typeof readOnly !== 'boolean') {
    throw new FieldError(`readOnly: expected a boolean, found ${typeof readOnly}`);
  }

  redactCredentials(event);
  const hints = hintsFor(ctx.file);
  // the usual position (a record of a whole file) as a literal: a spread copies key by key
  const where: SourcePosition =
    position.offset === undefined && position.line !== undefined && position.index !== undefined
      ? { file: ctx.file, line: position.line, index: position.index }
      : { file: ctx.file, ...position };
  const ip = ipOrNull(sourceIp);
  return {
    raw: event,
    ext: {
      record_type: CLOUDTRAIL_RECORD_TYPE,
      source: where,
      event_source: eventSource,
      event_type: eventType ?? null,
      identity_type: identityType ?? null,
      error_code: errorCode ?? null,
      read_only: typeof readOnly === 'boolean' ? readOnly : null,
      source_host: sourceIp && ip === null ? sourceIp : null,
    },
    com: {
      cloud_type: 'aws',
      record_type: 'event',
      account: recipient ?? identityAccount ?? hints.account ?? '',
      region: awsRegion ?? hints.region ?? '',
      time: isoTime(eventTime, 'eventTime'),
      actor: actorOf(identity),
      source_ip: ip,
      action: eventName,
      outcome: outcomeOf(event, eventName, errorCode),
      reference: eventID ?? `${ctx.file}#${describePosition(position)}`,
      service: serviceOf(eventSource),
      origin_key: ctx.origin,
      origin_type: 'cloud',
      origin_class: 'log_source',
    },
  };
}

export const cloudTrailFormat: LogFormat = jsonFormat({
  suffixes: JSON_SUFFIXES,
  arrayKeys: ['Records'],
  toEvent: cloudTrailEvent,
});
