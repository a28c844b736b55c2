/**
 * The few facts of a CloudTrail event the stateful detections read: small enough for a worker
 * thread to send for every event, so the detections see all events on every read path.
 */
import type { EventFacts } from '../detection-record.js';
import type { EventRecord } from '../event.js';
import { eventTarget } from '../targets.js';

export interface StatefulFacts extends EventFacts {
  /** who, for baselines: an assumed-role session's role (sessions come and go), else the actor */
  principal: string | null;
  /** the access key the call was signed with */
  access_key: string | null;
  /** `<service>:<eventName>`, e.g. iam:CreateAccessKey */
  api: string;
  /** the call was made by an AWS service for the principal (invokedBy, or a service host as source) */
  by_service: boolean;
  /** the session is an EC2 instance's role credentials (its session name is the instance id) */
  instance: string | null;
  user_agent: string | null;
  /** the call came through a VPC endpoint */
  vpc_endpoint: boolean;
  /** a read (CloudTrail readOnly, or a Get / List / Describe call) */
  read: boolean;
  /** the resource acted on, when the event names one */
  target: string | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The facts of a CloudTrail event; null for other logs. */
export function statefulFacts(event: EventRecord): StatefulFacts | null {
  const raw = event.raw;
  const name = text(raw.eventName);
  const source = text(raw.eventSource);
  if (!name || !source) return null;
  const identity = isObj(raw.userIdentity) ? raw.userIdentity : {};
  const session = isObj(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObj(session.sessionIssuer) ? session.sessionIssuer : {};
  const role = identity.type === 'AssumedRole' ? text(issuer.arn) : null;
  const ip = event.com.source_ip;
  const sessionName = role ? (text(identity.principalId)?.split(':')[1] ?? null) : null;
  const instance =
    sessionName && (/^i-[0-9a-f]{8,17}$/.test(sessionName) || text(session.ec2RoleDelivery))
      ? sessionName
      : null;
  const c = event.com;
  return {
    id: c.reference,
    cloud: c.cloud_type,
    account: c.account,
    region: c.region,
    service: c.service,
    time: c.time,
    actor: c.actor,
    source_ip: ip,
    action: c.action,
    outcome: c.outcome,
    record_type: event.ext.record_type,
    source_name: c.origin_key,
    position: event.ext.source ?? null,
    principal: role ?? c.actor,
    access_key: text(identity.accessKeyId),
    api: `${source.replace(/\.amazonaws\.com$/, '')}:${name}`,
    by_service:
      identity.type === 'AWSService' ||
      text(identity.invokedBy) !== null ||
      (text(raw.sourceIPAddress)?.endsWith('.amazonaws.com') ?? false),
    instance,
    user_agent: text(raw.userAgent),
    vpc_endpoint: text(raw.vpcEndpointId) !== null,
    read: raw.readOnly === true || /^(Get|List|Describe|Head|Search|Scan|Query|BatchGet)/.test(name),
    target: eventTarget(raw),
  };
}
