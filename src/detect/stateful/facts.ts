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
  /** temporary credentials this event issued to a workload (a Lambda function, an ECS task, a pod) */
  issued: IssuedCredentials | null;
}

/** The kinds of workload whose role credentials AWS issues where CloudTrail records it. */
export type Workload = 'lambda_function' | 'ecs_task' | 'eks_pod_identity' | 'eks_service_account';

export interface IssuedCredentials {
  access_key: string;
  workload: Workload;
  /** the function name, task id or service account the session was issued for */
  name: string;
  role: string | null;
}

/** The AWS services that assume a role for a workload they run, by the service's principal. */
const ISSUING_SERVICES: Readonly<Record<string, Workload>> = {
  'lambda.amazonaws.com': 'lambda_function',
  'ecs-tasks.amazonaws.com': 'ecs_task',
  'pods.eks.amazonaws.com': 'eks_pod_identity',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The credentials an STS event issued to a workload: AssumeRole made by Lambda, ECS or EKS Pod
 * Identity for what they run, or AssumeRoleWithWebIdentity with an EKS cluster's OIDC token (IAM
 * roles for service accounts). CloudTrail records the issued access key id in the answer.
 */
function issuedCredentials(raw: Obj, name: string, identity: Obj): IssuedCredentials | null {
  if (raw.eventSource !== 'sts.amazonaws.com' || text(raw.errorCode)) return null;
  const response = isObj(raw.responseElements) ? raw.responseElements : {};
  const credentials = isObj(response.credentials) ? response.credentials : {};
  const key = text(credentials.accessKeyId);
  const request = isObj(raw.requestParameters) ? raw.requestParameters : {};
  if (!key) return null;
  const role = text(request.roleArn);
  if (name === 'AssumeRole' && identity.type === 'AWSService') {
    const workload = ISSUING_SERVICES[text(identity.invokedBy) ?? text(raw.sourceIPAddress) ?? ''];
    const session = text(request.roleSessionName);
    return workload && session ? { access_key: key, workload, name: session, role } : null;
  }
  if (
    name === 'AssumeRoleWithWebIdentity' &&
    /(^|\/)oidc\.eks\./.test(text(identity.identityProvider) ?? '')
  ) {
    const account = text(identity.userName) ?? text(request.roleSessionName);
    return account ? { access_key: key, workload: 'eks_service_account', name: account, role } : null;
  }
  return null;
}

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
    issued: issuedCredentials(raw, name, identity),
  };
}
