// A synthetic CloudTrail management event, shared by the detection benchmarks.
const ACCOUNT = '111122223333';

/** [service, eventName, weight] list -> a wheel to pick events from, in proportion to the weights. */
export function makeWheel(mix) {
  return mix.flatMap(([svc, name, w]) => Array.from({ length: w }, () => [svc, name]));
}

/** ISO time to the second, as CloudTrail writes it. */
export const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Event number i, at time ms, in region; its name comes from the wheel. */
export function syntheticEvent(i, { wheel, ms, region }) {
  const [svc, name] = wheel[(i * 7919) % wheel.length];
  const time = iso(ms);
  const user = i % 31;
  const e = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLEROLE${user}:worker-${i % 7}`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-${user}/worker-${i % 7}`,
      accountId: ACCOUNT,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          arn: `arn:aws:iam::${ACCOUNT}:role/app-${user}`,
          userName: `app-${user}`,
        },
        attributes: { creationDate: time, mfaAuthenticated: 'false' },
      },
    },
    eventTime: time,
    eventSource: `${svc}.amazonaws.com`,
    eventName: name,
    awsRegion: region,
    sourceIPAddress: `203.0.${(i >> 8) & 255}.${i & 255}`,
    userAgent: 'aws-sdk-js/3.600.0 ua/2.1 os/linux lang/js md/nodejs#20.11.0',
    requestParameters: { resource: `item-${i % 5000}`, tags: [{ key: 'team', value: `t${i % 9}` }] },
    responseElements: null,
    requestID: `req-${i.toString(36)}`,
    eventID: `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    readOnly: /^(Describe|Get|List)/.test(name),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
  };
  if (name === 'ConsoleLogin') {
    e.eventType = 'AwsConsoleSignIn';
    const failed = i % 3 === 0;
    e.userIdentity = {
      type: 'IAMUser',
      arn: `arn:aws:iam::${ACCOUNT}:user/u${user}`,
      accountId: ACCOUNT,
      userName: `u${user}`,
    };
    e.responseElements = { ConsoleLogin: failed ? 'Failure' : 'Success' };
    if (failed) e.errorMessage = 'Failed authentication';
    e.additionalEventData = { MFAUsed: i % 2 ? 'Yes' : 'No' };
    e.sourceIPAddress = `198.51.100.${i % 8}`;
  }
  if (name === 'AuthorizeSecurityGroupIngress') {
    e.requestParameters = {
      groupId: `sg-${i.toString(16).padStart(17, '0')}`,
      ipPermissions: {
        items: [
          {
            ipProtocol: 'tcp',
            fromPort: 22,
            toPort: 22,
            ipRanges: { items: [{ cidrIp: i % 2 ? '0.0.0.0/0' : '10.0.0.0/8' }] },
          },
        ],
      },
    };
  }
  if (name === 'AttachRolePolicy') {
    e.requestParameters = {
      roleName: `app-${user}`,
      policyArn: `arn:aws:iam::aws:policy/${i % 4 ? 'ReadOnlyAccess' : 'AdministratorAccess'}`,
    };
  }
  if (i % 37 === 0) {
    e.errorCode = 'AccessDenied';
    e.errorMessage = 'User is not authorized to perform this operation';
  }
  return e;
}
