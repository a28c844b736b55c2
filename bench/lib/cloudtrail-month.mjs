// A month of CloudTrail (November 2026) as CloudTrail delivers it: gzip JSON files of
// {"Records": [...]} under AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/. Background
// events come from the shared synthetic event builder; a few planted events (console
// sign-ins, security group changes, access keys) give the sample queries known answers, and
// `truth` counts error codes from the events as written, for the queries that aggregate them.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { iso, makeWheel, syntheticEvent } from './synthetic-cloudtrail.mjs';

const gz = promisify(gzip);
export const ACCOUNT = '111122223333';
export const MONTH_START = Date.parse('2026-11-01T00:00:00Z');
export const MONTH_END = Date.parse('2026-12-01T00:00:00Z');
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

// No ConsoleLogin or CreateAccessKey here: those are planted, so their answers are exact.
const WHEEL = makeWheel([
  ['ec2', 'DescribeInstances', 200],
  ['s3', 'GetObject', 150],
  ['sts', 'AssumeRole', 120],
  ['kms', 'Decrypt', 80],
  ['s3', 'PutObject', 60],
  ['iam', 'ListRoles', 40],
  ['logs', 'PutLogEvents', 30],
  ['dynamodb', 'Query', 30],
  ['ec2', 'AuthorizeSecurityGroupIngress', 8],
  ['iam', 'AttachRolePolicy', 6],
  ['iam', 'CreateUser', 3],
  ['s3', 'PutBucketPolicy', 3],
  ['ssm', 'GetParameter', 10],
  ['sts', 'GetCallerIdentity', 10],
]);

const user = (name) => ({
  type: 'IAMUser',
  principalId: `AIDAEXAMPLE${name.toUpperCase()}`,
  arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  accountId: ACCOUNT,
  userName: name,
});

export const ARN = {
  alice: user('alice').arn,
  bob: user('bob').arn,
  carol: user('carol').arn,
  root: `arn:aws:iam::${ACCOUNT}:root`,
};

let planted = 0;
function event(time, who, source, name, extra = {}) {
  planted++;
  return {
    eventVersion: '1.09',
    userIdentity:
      who === 'root' ? { type: 'Root', principalId: ACCOUNT, arn: ARN.root, accountId: ACCOUNT } : user(who),
    eventTime: time,
    eventSource: `${source}.amazonaws.com`,
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.10',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    requestParameters: null,
    responseElements: null,
    requestID: `planted-${planted}`,
    eventID: `00000000-0000-4000-8000-${String(planted).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    ...extra,
  };
}

const signIn = (time, who, { failed = false, ip = '198.51.100.10' } = {}) =>
  event(time, who, 'signin', 'ConsoleLogin', {
    eventType: 'AwsConsoleSignIn',
    sourceIPAddress: ip,
    responseElements: { ConsoleLogin: failed ? 'Failure' : 'Success' },
    additionalEventData: { MFAUsed: 'Yes' },
    ...(failed ? { errorMessage: 'Failed authentication' } : {}),
  });

const sgChange = (time, who, name, requestParameters, extra = {}) =>
  event(time, who, 'ec2', name, { requestParameters, ...extra });

const newKey = (time, who, forUser, keyId, extra = {}) =>
  event(time, who, 'iam', 'CreateAccessKey', {
    requestParameters: forUser ? { userName: forUser } : null,
    responseElements: keyId
      ? { accessKey: { userName: forUser ?? who, accessKeyId: keyId, status: 'Active', createDate: time } }
      : null,
    ...extra,
  });

const ingress = (groupId) => ({
  groupId,
  ipPermissions: {
    items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }],
  },
});

/** The planted events; the sample tests state what each sample must find among them. */
export function plantedEvents() {
  planted = 0;
  return [
    signIn('2026-11-05T08:00:00Z', 'carol'),
    signIn('2026-11-10T09:00:00Z', 'alice'),
    signIn('2026-11-23T08:30:00Z', 'alice'),
    signIn('2026-11-24T08:45:00Z', 'alice'),
    signIn('2026-11-24T10:00:00Z', 'bob', { ip: '203.0.113.7' }),
    signIn('2026-11-25T09:10:00Z', 'alice', { failed: true, ip: '198.51.100.11' }),
    signIn('2026-11-25T09:12:00Z', 'alice', { ip: '198.51.100.11' }),
    signIn('2026-11-26T11:00:00Z', 'bob', { ip: '203.0.113.7' }),
    signIn('2026-11-27T17:00:00Z', 'alice'),
    signIn('2026-11-28T03:00:00Z', 'root', { ip: '192.0.2.99' }),
    sgChange('2026-11-18T16:00:00Z', 'alice', 'AuthorizeSecurityGroupIngress', ingress('sg-0aaa')),
    sgChange(
      '2026-11-21T14:00:00Z',
      'alice',
      'CreateSecurityGroup',
      { groupName: 'debug-ssh', vpcId: 'vpc-01' },
      {
        responseElements: { groupId: 'sg-0bbb' },
      },
    ),
    sgChange('2026-11-21T14:05:00Z', 'alice', 'AuthorizeSecurityGroupIngress', ingress('sg-0bbb')),
    sgChange('2026-11-22T09:00:00Z', 'alice', 'RevokeSecurityGroupIngress', ingress('sg-0bbb')),
    sgChange('2026-11-23T11:00:00Z', 'bob', 'AuthorizeSecurityGroupIngress', ingress('sg-0ddd')),
    sgChange('2026-11-24T12:00:00Z', 'alice', 'AuthorizeSecurityGroupIngress', ingress('sg-0ccc'), {
      errorCode: 'Client.UnauthorizedOperation',
      errorMessage: 'You are not authorized to perform this operation.',
    }),
    newKey('2026-11-12T10:00:00Z', 'alice', 'deploy-bot', 'AKIAEXAMPLE000000001'),
    newKey('2026-11-26T15:00:00Z', 'bob', undefined, 'AKIAEXAMPLE000000002'),
    newKey('2026-11-27T15:00:00Z', 'carol', 'admin', undefined, {
      errorCode: 'AccessDenied',
      errorMessage:
        'User: arn:aws:iam::111122223333:user/carol is not authorized to perform: iam:CreateAccessKey',
    }),
  ];
}

/** Background event i of n, spread evenly over the month; a few carry other error codes. */
function background(i, n, region) {
  const ms = MONTH_START + Math.floor(((MONTH_END - MONTH_START) * i) / n);
  const e = syntheticEvent(i, { wheel: WHEEL, ms, region });
  if (!e.errorCode && i % 101 === 0) e.errorCode = 'ThrottlingException';
  else if (!e.errorCode && i % 211 === 0) e.errorCode = 'ResourceNotFoundException';
  return e;
}

const pad = (n) => String(n).padStart(2, '0');

function fileName(region, firstTime, seq) {
  const d = new Date(firstTime);
  const dir = join(
    'AWSLogs',
    ACCOUNT,
    'CloudTrail',
    region,
    String(d.getUTCFullYear()),
    pad(d.getUTCMonth() + 1),
    pad(d.getUTCDate()),
  );
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  return join(dir, `${ACCOUNT}_CloudTrail_${region}_${stamp}_${seq.toString(36).padStart(6, '0')}.json.gz`);
}

/**
 * Writes the month under `dir`: `events` background events in files of `perFile`, the planted
 * events in their own files, and a digest file (which holds no events). Returns what was
 * written and the truth the sample tests compare against.
 */
export async function writeCloudTrailMonth(dir, { events = 20_000, perFile = 500 } = {}) {
  const errorCodes = {};
  const deniedByActor = {};
  const tally = (e) => {
    // a failed console sign-in has no errorCode: docs/query.md gives its outcome as `Failure`
    const code = e.errorCode ?? (e.responseElements?.ConsoleLogin === 'Failure' ? 'Failure' : undefined);
    if (!code) return;
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    if (/AccessDenied|Unauthorized/i.test(code)) {
      const actor = e.userIdentity.arn;
      deniedByActor[actor] = (deniedByActor[actor] ?? 0) + 1;
    }
  };
  let files = 0;
  let gzipBytes = 0;
  let jsonBytes = 0;
  const write = async (rel, records) => {
    const json = JSON.stringify({ Records: records });
    const body = await gz(json);
    await mkdir(join(dir, rel, '..'), { recursive: true });
    await writeFile(join(dir, rel), body);
    files++;
    gzipBytes += body.length;
    jsonBytes += Buffer.byteLength(json);
  };
  for (let first = 0, seq = 0; first < events; first += perFile, seq++) {
    const region = REGIONS[seq % REGIONS.length];
    const records = [];
    for (let i = first; i < Math.min(events, first + perFile); i++)
      records.push(background(i, events, region));
    records.forEach(tally);
    await write(fileName(region, Date.parse(records[0].eventTime), seq), records);
  }
  const plantedList = plantedEvents();
  plantedList.forEach(tally);
  for (const [k, e] of plantedList.entries())
    await write(fileName('us-east-1', Date.parse(e.eventTime), 1e6 + k), [e]);
  const digestDir = join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail-Digest', 'us-east-1', '2026', '11', '30');
  await mkdir(digestDir, { recursive: true });
  await writeFile(
    join(digestDir, `${ACCOUNT}_CloudTrail-Digest_us-east-1_trail_us-east-1_20261130T000000Z.json.gz`),
    await gz(
      JSON.stringify({ awsAccountId: ACCOUNT, digestStartTime: iso(MONTH_END - 3_600_000), logFiles: [] }),
    ),
  );
  return {
    dir,
    files,
    events: events + plantedList.length,
    gzipBytes,
    jsonBytes,
    truth: { errorCodes, deniedByActor },
  };
}
