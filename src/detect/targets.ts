/**
 * The resource an event acted on, read from the log's own fields: what an alert lists as its
 * distinct targets. Null when the event names none (GetCallerIdentity, ListBuckets).
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * CloudTrail requestParameters naming the resource of the call, most specific first. The names are
 * the APIs' own parameter names (S3 bucketName, IAM userName / roleName, CloudTrail name, EC2
 * snapshotId...).
 */
const CLOUDTRAIL_PARAMETERS = [
  'bucketName',
  'roleName',
  'userName',
  'groupName',
  'policyArn',
  'trailName',
  'name',
  'snapshotId',
  'imageId',
  'instanceId',
  'functionName',
  'secretId',
  'keyId',
  'logGroupName',
  'detectorId',
  'dBInstanceIdentifier',
  'dBSnapshotIdentifier',
  'dBClusterIdentifier',
  'configurationRecorderName',
  'queueUrl',
  'topicArn',
  'tableName',
  'stackName',
  'groupId',
  'accessKeyId',
] as const;

function cloudTrailTarget(raw: Obj): string | null {
  const params = raw.requestParameters;
  if (isObj(params)) {
    for (const key of CLOUDTRAIL_PARAMETERS) {
      const v = text(params[key]);
      if (v) return key === 'bucketName' && text(params.key) ? `${v}/${params.key as string}` : v;
    }
    const ids = params.instancesSet;
    if (isObj(ids) && Array.isArray(ids.items)) {
      const first = ids.items[0];
      if (isObj(first) && text(first.instanceId)) return first.instanceId as string;
    }
  }
  const resources = raw.resources;
  if (Array.isArray(resources)) {
    for (const r of resources) if (isObj(r) && text(r.ARN)) return r.ARN as string;
  }
  return null;
}

function entraTarget(raw: Obj): string | null {
  const targets = raw.targetResources ?? (isObj(raw.properties) ? raw.properties.targetResources : undefined);
  if (Array.isArray(targets)) {
    for (const t of targets) {
      if (!isObj(t)) continue;
      const name = text(t.displayName) ?? text(t.userPrincipalName) ?? text(t.id);
      if (name) return name;
    }
  }
  return text(raw.appDisplayName) ?? text(raw.resourceDisplayName);
}

/** The target of an event's raw record, whatever the log. */
export function eventTarget(raw: Obj): string | null {
  if (text(raw.eventSource) && text(raw.eventName)) return cloudTrailTarget(raw);
  const proto = raw.protoPayload;
  if (isObj(proto)) return text(proto.resourceName);
  const resourceId = text(raw.resourceId) ?? text(raw.ResourceId);
  if (resourceId) return resourceId;
  if (text(raw.dstaddr)) return text(raw.dstport) ? `${raw.dstaddr}:${raw.dstport}` : (raw.dstaddr as string);
  return entraTarget(raw);
}

/**
 * The target of a detection's evidence: the event itself, or for a correlation the latest event
 * of its group when the detection kept it.
 */
export function detectionTarget(raw: Obj): string | null {
  if (isObj(raw.correlation)) return isObj(raw.last_event) ? eventTarget(raw.last_event) : null;
  return eventTarget(raw);
}
