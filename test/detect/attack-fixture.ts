/**
 * A multi-step attack as CloudTrail records it, written from the CloudTrail record reference
 * (eventVersion 1.09 records, IAM user with a long-term access key calling from the CLI): an
 * intruder with a leaked key learns where it is, makes itself administrator, stops the trail and
 * shares a disk snapshot with an account of its own.
 */

export const ACCOUNT = '111122223333';
export const INTRUDER_ACCOUNT = '999988887777';
export const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/ci-deploy`;
export const INTRUDER_IP = '198.51.100.23';

let seq = 0;

function at(minute: number, second = 0): string {
  return new Date(Date.UTC(2026, 10, 20, 3, minute, second)).toISOString().replace('.000', '');
}

export interface CloudTrailRecord extends Record<string, unknown> {
  eventName: string;
  eventTime: string;
}

/** One management event of the intruder's key. */
export function call(
  eventName: string,
  eventSource: string,
  time: string,
  extra: Record<string, unknown> = {},
): CloudTrailRecord {
  seq += 1;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAQEXAMPLECIDEPLOY1',
      arn: PRINCIPAL,
      accountId: ACCOUNT,
      accessKeyId: 'AKIAQEXAMPLEKEY00001',
      userName: 'ci-deploy',
    },
    eventTime: time,
    eventSource,
    eventName,
    awsRegion: 'eu-west-1',
    sourceIPAddress: INTRUDER_IP,
    userAgent: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8',
    requestParameters: null,
    responseElements: null,
    requestID: `5c3d0b1e-7a5f-4b7e-9a1d-${String(seq).padStart(12, '0')}`,
    eventID: `e1a7c0d2-3b4f-4c5d-8e6f-${String(seq).padStart(12, '0')}`,
    readOnly: eventName.startsWith('List') || eventName.startsWith('Get') || eventName.startsWith('Describe'),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${eventSource.replace('.amazonaws.com', '')}.amazonaws.com`,
    },
    ...extra,
  };
}

/** The intruder's reconnaissance after GetCallerIdentity: 13 different listings in four minutes. */
const RECON: [string, string][] = [
  ['ListUsers', 'iam.amazonaws.com'],
  ['ListRoles', 'iam.amazonaws.com'],
  ['ListPolicies', 'iam.amazonaws.com'],
  ['ListAttachedUserPolicies', 'iam.amazonaws.com'],
  ['GetAccountAuthorizationDetails', 'iam.amazonaws.com'],
  ['DescribeInstances', 'ec2.amazonaws.com'],
  ['DescribeSnapshots', 'ec2.amazonaws.com'],
  ['DescribeVpcs', 'ec2.amazonaws.com'],
  ['DescribeSecurityGroups', 'ec2.amazonaws.com'],
  ['ListBuckets', 's3.amazonaws.com'],
  ['ListSecrets', 'secretsmanager.amazonaws.com'],
  ['DescribeTrails', 'cloudtrail.amazonaws.com'],
  ['ListKeys', 'kms.amazonaws.com'],
];

const READ_PARAMS: Record<string, Record<string, unknown>> = {
  ListAttachedUserPolicies: { requestParameters: { userName: 'ci-deploy' } },
  DescribeInstances: { requestParameters: { instancesSet: {}, filterSet: {} } },
  DescribeSnapshots: { requestParameters: { ownersSet: { items: [{ owner: 'self' }] } } },
  ListBuckets: { requestParameters: { Host: 's3.eu-west-1.amazonaws.com' }, eventCategory: 'Management' },
};

/** The attack in time order: discovery, privilege escalation, logging stopped, exfiltration. */
export function attackEvents(): CloudTrailRecord[] {
  return [
    call('GetCallerIdentity', 'sts.amazonaws.com', at(0, 5), {
      responseElements: { userId: 'AIDAQEXAMPLECIDEPLOY1', account: ACCOUNT, arn: PRINCIPAL },
    }),
    ...RECON.map(([name, source], i) =>
      call(name, source, at(Math.floor((20 + i * 15) / 60), (20 + i * 15) % 60), READ_PARAMS[name] ?? {}),
    ),
    call('AttachUserPolicy', 'iam.amazonaws.com', at(6, 0), {
      requestParameters: { userName: 'ci-deploy', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    }),
    call('StopLogging', 'cloudtrail.amazonaws.com', at(9, 0), {
      requestParameters: { name: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-trail` },
    }),
    call('ModifySnapshotAttribute', 'ec2.amazonaws.com', at(14, 0), {
      requestParameters: {
        snapshotId: 'snap-0a1b2c3d4e5f60718',
        attributeType: 'CREATE_VOLUME_PERMISSION',
        createVolumePermission: { add: { items: [{ userId: INTRUDER_ACCOUNT }] } },
      },
    }),
  ];
}

/**
 * An operator's ordinary change at the same time, by another principal (an assumed-role session
 * calling over IPv6): detected, but never part of the intruder's incident.
 */
export function bystanderEvents(): CloudTrailRecord[] {
  const e = call('PutRolePolicy', 'iam.amazonaws.com', at(3, 0), {
    requestParameters: {
      roleName: 'app-runtime',
      policyName: 'read-config',
      policyDocument:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ssm:GetParameter","Resource":"arn:aws:ssm:eu-west-1:111122223333:parameter/app/*"}]}',
    },
  });
  return [
    {
      ...e,
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAQEXAMPLEOPS00001:ana',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ops/ana`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAQEXAMPLEOPS00001',
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: 'AROAQEXAMPLEOPS00001',
            arn: `arn:aws:iam::${ACCOUNT}:role/ops`,
            accountId: ACCOUNT,
            userName: 'ops',
          },
          attributes: { creationDate: at(2, 0), mfaAuthenticated: 'true' },
        },
      },
      sourceIPAddress: '2001:db8:4::17',
      userAgent: 'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.2',
    },
  ];
}
