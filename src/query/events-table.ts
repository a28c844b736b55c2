/**
 * The `events` table: activity-log events in columns that mean the same for every cloud, with
 * the event as the log holds it in `raw`. CloudTrail files are mapped here, in SQL (queried in
 * place, or copied); the local copy kept by `detect` and `watch` fills the same columns for
 * Azure Activity and GCP Audit events too (copy-rows.ts).
 */

export interface EventColumn {
  name: string;
  type: string;
  /** what it holds, and where a CloudTrail event's value comes from */
  cloudtrail: string;
}

export const EVENT_COLUMNS: readonly EventColumn[] = [
  { name: 'cloud', type: 'VARCHAR', cloudtrail: '`aws`' },
  {
    name: 'log',
    type: 'VARCHAR',
    cloudtrail: '`cloudtrail` (the log type: `azure_activity`, `gcp_audit`, `entra_id` in a kept copy)',
  },
  { name: 'time', type: 'TIMESTAMPTZ', cloudtrail: 'eventTime' },
  { name: 'day', type: 'DATE', cloudtrail: 'the UTC day of eventTime (the partition of the local copy)' },
  { name: 'account', type: 'VARCHAR', cloudtrail: 'recipientAccountId, else userIdentity.accountId' },
  { name: 'region', type: 'VARCHAR', cloudtrail: 'awsRegion' },
  {
    name: 'actor',
    type: 'VARCHAR',
    cloudtrail:
      'userIdentity.arn; for AWSService the service (invokedBy); else userIdentity.userName or principalId',
  },
  {
    name: 'actor_type',
    type: 'VARCHAR',
    cloudtrail: 'userIdentity.type (IAMUser, AssumedRole, Root, AWSService...)',
  },
  {
    name: 'source_ip',
    type: 'VARCHAR',
    cloudtrail:
      'sourceIPAddress when it is an IP address; NULL when it is a service name (the name stays in raw)',
  },
  { name: 'user_agent', type: 'VARCHAR', cloudtrail: 'userAgent' },
  {
    name: 'service',
    type: 'VARCHAR',
    cloudtrail: 'eventSource without `.amazonaws.com` (`ec2`, `iam`, `signin`)',
  },
  { name: 'event_name', type: 'VARCHAR', cloudtrail: 'eventName' },
  {
    name: 'action',
    type: 'VARCHAR',
    cloudtrail: 'eventSource:eventName (`ec2.amazonaws.com:AuthorizeSecurityGroupIngress`)',
  },
  {
    name: 'resource',
    type: 'VARCHAR',
    cloudtrail:
      'the first resources[].ARN, else the first of requestParameters groupId, groupName, bucketName, roleName, userName, policyArn, instanceId, functionName, keyId, name',
  },
  {
    name: 'outcome',
    type: 'VARCHAR',
    cloudtrail:
      '`success`, else the errorCode (`AccessDenied`, `Client.UnauthorizedOperation`...); a failed ConsoleLogin (no errorCode) is `Failure`',
  },
  { name: 'error_message', type: 'VARCHAR', cloudtrail: 'errorMessage' },
  { name: 'read_only', type: 'BOOLEAN', cloudtrail: 'readOnly' },
  { name: 'event_id', type: 'VARCHAR', cloudtrail: 'eventID' },
  { name: 'raw', type: 'JSON', cloudtrail: 'the event, unchanged' },
  {
    name: 'source',
    type: 'VARCHAR',
    cloudtrail: 'where the event was read: the file (an S3 object, a log group in a kept copy)',
  },
];

/** The column list of `events`, in order. */
export const EVENT_COLUMN_NAMES = EVENT_COLUMNS.map((c) => c.name);

/** JSON paths read from each event, once per event (json_extract_string with a list parses it once). */
const PATHS = [
  '$.eventTime',
  '$.recipientAccountId',
  '$.userIdentity.accountId',
  '$.awsRegion',
  '$.userIdentity.arn',
  '$.userIdentity.type',
  '$.userIdentity.invokedBy',
  '$.userIdentity.userName',
  '$.userIdentity.principalId',
  '$.sourceIPAddress',
  '$.userAgent',
  '$.eventSource',
  '$.eventName',
  '$.resources[0].ARN',
  '$.requestParameters.groupId',
  '$.requestParameters.groupName',
  '$.requestParameters.bucketName',
  '$.requestParameters.roleName',
  '$.requestParameters.userName',
  '$.requestParameters.policyArn',
  '$.requestParameters.instanceId',
  '$.requestParameters.functionName',
  '$.requestParameters.keyId',
  '$.requestParameters.name',
  '$.errorCode',
  '$.responseElements.ConsoleLogin',
  '$.errorMessage',
  '$.readOnly',
  '$.eventID',
] as const;

/** `f[n]`: the value of PATHS' path p for the current event. */
const f = (p: (typeof PATHS)[number]) => `f[${PATHS.indexOf(p) + 1}]`;

/** A SQL string literal. */
export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** An IPv4 or IPv6 address (CloudTrail puts a service's name in sourceIPAddress for its calls). */
const IP = String.raw`^(\d{1,3}\.){3}\d{1,3}$|^[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$`;

/** Largest CloudTrail file (one JSON object) the reader accepts: CloudTrail files stay far below. */
export const MAX_FILE_BYTES = 1 << 30;

/**
 * The SELECT that turns CloudTrail events into the `events` columns: `from` is a relation with
 * the event as JSON in `e` and where it was read in `source`.
 */
export function cloudTrailColumnsSql(from: string): string {
  const time = `try_cast(${f('$.eventTime')} AS TIMESTAMPTZ)`;
  return `
SELECT
  'aws' AS cloud,
  'cloudtrail' AS log,
  ${time} AS time,
  CAST(timezone('UTC', ${time}) AS DATE) AS day,
  coalesce(${f('$.recipientAccountId')}, ${f('$.userIdentity.accountId')}) AS account,
  ${f('$.awsRegion')} AS region,
  coalesce(
    ${f('$.userIdentity.arn')},
    CASE WHEN ${f('$.userIdentity.type')} = 'AWSService' THEN coalesce(${f('$.userIdentity.invokedBy')}, 'AWSService') END,
    ${f('$.userIdentity.userName')},
    ${f('$.userIdentity.principalId')}
  ) AS actor,
  ${f('$.userIdentity.type')} AS actor_type,
  CASE WHEN regexp_matches(${f('$.sourceIPAddress')}, ${sqlString(IP)}) THEN ${f('$.sourceIPAddress')} END AS source_ip,
  ${f('$.userAgent')} AS user_agent,
  replace(${f('$.eventSource')}, '.amazonaws.com', '') AS service,
  ${f('$.eventName')} AS event_name,
  ${f('$.eventSource')} || ':' || ${f('$.eventName')} AS action,
  coalesce(
    ${f('$.resources[0].ARN')}, ${f('$.requestParameters.groupId')}, ${f('$.requestParameters.groupName')},
    ${f('$.requestParameters.bucketName')},
    ${f('$.requestParameters.roleName')}, ${f('$.requestParameters.userName')}, ${f('$.requestParameters.policyArn')},
    ${f('$.requestParameters.instanceId')}, ${f('$.requestParameters.functionName')}, ${f('$.requestParameters.keyId')},
    ${f('$.requestParameters.name')}
  ) AS resource,
  coalesce(
    ${f('$.errorCode')},
    CASE WHEN ${f('$.eventName')} = 'ConsoleLogin' AND ${f('$.responseElements.ConsoleLogin')} = 'Failure' THEN 'Failure' END,
    'success'
  ) AS outcome,
  ${f('$.errorMessage')} AS error_message,
  try_cast(${f('$.readOnly')} AS BOOLEAN) AS read_only,
  ${f('$.eventID')} AS event_id,
  e AS raw,
  source
FROM (
  SELECT e, source, json_extract_string(e, [${PATHS.map(sqlString).join(', ')}]) AS f
  FROM (${from})
)`;
}

/** The SELECT that turns CloudTrail files into the `events` columns. */
export function cloudTrailEventsSql(files: readonly string[]): string {
  const list = `[${files.map(sqlString).join(', ')}]`;
  return cloudTrailColumnsSql(`
    -- each top-level JSON value of a file: a {"Records": [...]} container as CloudTrail
    -- delivers it, an event (JSON lines), an EventBridge envelope, or a LookupEvents answer
    SELECT unnest(CASE
      WHEN json_type(json, '$.Records') = 'ARRAY' THEN CAST(json->'$.Records' AS JSON[])
      WHEN json_exists(json, '$.eventName') THEN [json]
      WHEN json_exists(json, '$.detail.eventName') THEN [json->'$.detail']
      WHEN json_type(json, '$.CloudTrailEvent') = 'VARCHAR' THEN [CAST(json->>'$.CloudTrailEvent' AS JSON)]
      ELSE []
    END) AS e, filename AS source
    FROM read_json_objects(${list}, maximum_object_size = ${MAX_FILE_BYTES}, filename = true)`);
}

/**
 * The SELECT over a local copy: the Parquet files `buildCopy` and the copy writer wrote,
 * partitioned by day. Files of an older copy lacking a later column read it as NULL.
 */
export function copyEventsSql(dir: string): string {
  const glob = `${dir.replace(/\/+$/, '')}/day=*/*.parquet`;
  return `SELECT ${EVENT_COLUMN_NAMES.join(', ')}
FROM read_parquet(${sqlString(glob)}, hive_partitioning = true, hive_types = {day: DATE}, union_by_name = true)`;
}
