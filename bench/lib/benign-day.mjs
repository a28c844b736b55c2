// A day of ordinary activity in one AWS account, as CloudTrail records it: the benign baseline the rule
// pack's noise budget is measured on (bench/detect-noise.mjs, test/detect/noise.test.ts).
//
// The account runs a web application on EC2 behind Auto Scaling, workers reading a queue, Lambda functions,
// an RDS database and S3 buckets. In a day:
// - applications (instance roles, Lambda roles) read and write their buckets, queues, tables, parameters and
//   secrets, decrypt with KMS, and assume their roles;
// - AWS services act for the account (Config, Auto Scaling, CloudFormation, Backup, GuardDuty, Trusted
//   Advisor), as themselves or through service-linked roles;
// - a CI/CD pipeline assumes its role through GitHub's OIDC provider, plans with Terraform (many reads) and
//   deploys (CloudFormation, Lambda code, ECS services, ECR images) a few times;
// - engineers sign in through IAM Identity Center and browse the console, use the CLI, and make a few
//   ordinary changes (tags, instance start/stop, a security group rule for the office, a log group);
// - two IAM users sign in to the console with MFA, and one rotates their own access key;
// - a few calls are denied (a missing permission in a new release, a console page without rights).
//
// Deterministic for a seed; events come out in time order.

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const uuid = (rand) => `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;

const SDK_GO = 'aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64';
const SDK_JS = 'aws-sdk-js/3.600.0 ua/2.1 os/linux#5.10.223 lang/js md/nodejs#20.15.1';
const BOTO =
  'Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.223 md/arch#x86_64 lang/python#3.12.4 Botocore/1.34.144';
const CLI =
  'aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard';
const CONSOLE =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36';
const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.70.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.5';

function role(name, session, extra = {}) {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLE${name
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .slice(0, 9)
      .padEnd(9, 'X')}:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/${session}`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAEXAMPLEBENIGN001',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: `AROAEXAMPLE${name
          .toUpperCase()
          .replace(/[^A-Z]/g, '')
          .slice(0, 9)
          .padEnd(9, 'X')}`,
        arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
        accountId: ACCOUNT,
        userName: name,
      },
      attributes: { creationDate: '2026-05-04T00:00:00Z', mfaAuthenticated: 'false' },
      ...extra,
    },
  };
}
const sso = (user) => role('AWSReservedSSO_PowerUserAccess_0a1b2c3d4e5f6a7b', `${user}@example.com`);
const instanceRole = (name, i) =>
  role(name, `i-0${(0x1000 + i).toString(16).padStart(16, '0')}`, { ec2RoleDelivery: '2.0' });
const iamUser = (name) => ({
  type: 'IAMUser',
  principalId: `AIDAEXAMPLE${name.toUpperCase().padEnd(9, 'X').slice(0, 9)}`,
  arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  accountId: ACCOUNT,
  accessKeyId: `AKIAEXAMPLE${name.toUpperCase().padEnd(9, 'X').slice(0, 9)}`,
  userName: name,
});
const serviceLinked = (name, service) => ({ ...role(name, service.split('.')[0]), invokedBy: service });

/** One CloudTrail event. */
function event(rand, ms, identity, source, name, opts = {}) {
  const e = {
    eventVersion: '1.09',
    userIdentity: identity,
    eventTime: iso(ms),
    eventSource: source,
    eventName: name,
    awsRegion: opts.region ?? REGION,
    sourceIPAddress: opts.ip ?? '10.20.3.41',
    userAgent: opts.agent ?? SDK_JS,
    requestParameters: opts.params ?? null,
    responseElements: opts.response ?? null,
    requestID: uuid(rand),
    eventID: uuid(rand),
    readOnly: opts.readOnly ?? /^(Describe|Get|List|Head|Lookup|Decrypt|Receive)/.test(name),
    eventType: opts.eventType ?? 'AwsApiCall',
    managementEvent: opts.management ?? true,
    recipientAccountId: ACCOUNT,
    eventCategory: opts.management === false ? 'Data' : 'Management',
  };
  if (opts.error) {
    e.errorCode = opts.error;
    e.errorMessage = `User: ${identity.arn} is not authorized to perform this action`;
    e.responseElements = null;
  }
  if (opts.console) e.sessionCredentialFromConsole = 'true';
  if (opts.additional) e.additionalEventData = opts.additional;
  return e;
}

const CONSOLE_READS = [
  ['ec2.amazonaws.com', 'DescribeInstances'],
  ['ec2.amazonaws.com', 'DescribeSecurityGroups'],
  ['ec2.amazonaws.com', 'DescribeVolumes'],
  ['ec2.amazonaws.com', 'DescribeVpcs'],
  ['s3.amazonaws.com', 'ListBuckets'],
  ['s3.amazonaws.com', 'GetBucketPolicy'],
  ['iam.amazonaws.com', 'ListRoles'],
  ['iam.amazonaws.com', 'GetRole'],
  ['lambda.amazonaws.com', 'ListFunctions20150331'],
  ['rds.amazonaws.com', 'DescribeDBInstances'],
  ['cloudwatch.amazonaws.com', 'DescribeAlarms'],
  ['logs.amazonaws.com', 'DescribeLogGroups'],
  ['cloudtrail.amazonaws.com', 'LookupEvents'],
  ['ecs.amazonaws.com', 'ListClusters'],
];
const TERRAFORM_READS = [
  ['ec2.amazonaws.com', 'DescribeVpcs'],
  ['ec2.amazonaws.com', 'DescribeSubnets'],
  ['ec2.amazonaws.com', 'DescribeSecurityGroups'],
  ['ec2.amazonaws.com', 'DescribeRouteTables'],
  ['iam.amazonaws.com', 'GetRole'],
  ['iam.amazonaws.com', 'ListAttachedRolePolicies'],
  ['iam.amazonaws.com', 'GetPolicy'],
  ['iam.amazonaws.com', 'GetPolicyVersion'],
  ['lambda.amazonaws.com', 'GetFunction20150331v2'],
  ['s3.amazonaws.com', 'GetBucketPolicy'],
  ['s3.amazonaws.com', 'GetBucketVersioning'],
  ['rds.amazonaws.com', 'DescribeDBInstances'],
  ['sqs.amazonaws.com', 'GetQueueAttributes'],
  ['kms.amazonaws.com', 'DescribeKey'],
  ['ecr.amazonaws.com', 'DescribeRepositories'],
];

/**
 * The events of one benign day, in time order.
 * @param {{ events?: number, seed?: number, start?: string }} [options]
 */
export function benignDay({ events = 20_000, seed = 1, start = '2026-05-04T00:00:00Z' } = {}) {
  const rand = mulberry32(seed);
  const t0 = Date.parse(start);
  const day = 86_400_000;
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const at = () => t0 + Math.floor(rand() * day);
  const office = (h) => t0 + (8 + h) * 3_600_000 + Math.floor(rand() * 3_600_000);
  const out = [];
  const push = (e) => out.push(e);

  // scripted activity first (a fixed number per day), then application and service traffic fills the rest
  const engineers = ['ana', 'bo', 'chen', 'dario', 'eli', 'fatou'];
  for (const user of engineers) {
    // sign-in through the SSO portal, then console browsing
    let ms = office(Math.floor(rand() * 8));
    push(
      event(rand, ms, sso(user), 'signin.amazonaws.com', 'ConsoleLogin', {
        agent: CONSOLE,
        ip: `198.51.100.${10 + engineers.indexOf(user)}`,
        eventType: 'AwsConsoleSignIn',
        readOnly: false,
        response: { ConsoleLogin: 'Success' },
        additional: {
          LoginTo: 'https://console.aws.amazon.com/console/home',
          MobileVersion: 'No',
          MFAUsed: 'No',
        },
      }),
    );
    for (let k = 0; k < 40; k++) {
      ms += 5_000 + Math.floor(rand() * 60_000);
      const [src, name] = pick(CONSOLE_READS);
      push(
        event(rand, ms, sso(user), src, name, {
          agent: 'AWS Internal',
          ip: 'AWS Internal',
          console: true,
          error: rand() < 0.02 ? 'AccessDenied' : undefined,
        }),
      );
    }
    // a few CLI reads and ordinary changes
    for (let k = 0; k < 6; k++) {
      ms += 30_000 + Math.floor(rand() * 300_000);
      const [src, name] = pick(CONSOLE_READS.slice(0, 6));
      push(
        event(rand, ms, sso(user), src, name, {
          agent: CLI,
          ip: `198.51.100.${10 + engineers.indexOf(user)}`,
        }),
      );
    }
    const change = Math.floor(rand() * 4);
    ms += 120_000;
    const cliIp = `198.51.100.${10 + engineers.indexOf(user)}`;
    if (change === 0)
      push(
        event(rand, ms, sso(user), 'ec2.amazonaws.com', 'CreateTags', {
          agent: CLI,
          ip: cliIp,
          params: {
            resourcesSet: { items: [{ resourceId: 'i-0abc123def4567890' }] },
            tagSet: { items: [{ key: 'owner', value: user }] },
          },
        }),
      );
    if (change === 1)
      push(
        event(rand, ms, sso(user), 'ec2.amazonaws.com', 'StopInstances', {
          agent: CLI,
          ip: cliIp,
          params: { instancesSet: { items: [{ instanceId: 'i-0abc123def4567890' }] }, force: false },
        }),
      );
    if (change === 2)
      push(
        event(rand, ms, sso(user), 'logs.amazonaws.com', 'CreateLogGroup', {
          agent: CLI,
          ip: cliIp,
          params: { logGroupName: `/app/${user}-debug` },
        }),
      );
    if (change === 3)
      push(
        event(rand, ms, sso(user), 's3.amazonaws.com', 'PutBucketTagging', {
          agent: CLI,
          ip: cliIp,
          params: {
            bucketName: 'reports-archive',
            Tagging: { TagSet: { Tag: { Key: 'team', Value: 'data' } } },
          },
        }),
      );
  }
  // one security group rule for the office (a /32), by an engineer
  push(
    event(rand, office(3), sso('ana'), 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', {
      agent: CLI,
      ip: '198.51.100.10',
      params: {
        groupId: 'sg-0a1b2c3d4e5f60718',
        ipPermissions: {
          items: [
            {
              ipProtocol: 'tcp',
              fromPort: 5432,
              toPort: 5432,
              groups: {},
              ipRanges: { items: [{ cidrIp: '198.51.100.10/32', description: 'office' }] },
            },
          ],
        },
      },
      response: { requestId: uuid(rand), _return: true },
    }),
  );
  // IAM users with MFA; one rotates their own key
  for (const user of ['ops-admin', 'billing']) {
    push(
      event(rand, office(1 + Math.floor(rand() * 6)), iamUser(user), 'signin.amazonaws.com', 'ConsoleLogin', {
        agent: CONSOLE,
        ip: '198.51.100.40',
        eventType: 'AwsConsoleSignIn',
        readOnly: false,
        response: { ConsoleLogin: 'Success' },
        additional: {
          LoginTo: 'https://console.aws.amazon.com/console/home',
          MobileVersion: 'No',
          MFAUsed: 'Yes',
        },
      }),
    );
  }
  const rot = office(5);
  push(
    event(rand, rot, iamUser('ops-admin'), 'iam.amazonaws.com', 'CreateAccessKey', {
      agent: CLI,
      ip: '198.51.100.40',
      params: null,
    }),
  );
  push(
    event(rand, rot + 60_000, iamUser('ops-admin'), 'iam.amazonaws.com', 'UpdateAccessKey', {
      agent: CLI,
      ip: '198.51.100.40',
      params: { accessKeyId: 'AKIAEXAMPLEOLDKEY001', status: 'Inactive' },
    }),
  );
  // CI/CD: hourly Terraform plans, four deploys
  const ci = (h) => role('github-deploy', `GitHubActions-${h}`);
  for (let h = 0; h < 24; h++) {
    let ms = t0 + h * 3_600_000 + Math.floor(rand() * 600_000);
    push(
      event(
        rand,
        ms,
        {
          type: 'WebIdentityUser',
          principalId:
            'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:repo:example/app:ref:refs/heads/main',
          userName: 'repo:example/app:ref:refs/heads/main',
          identityProvider: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        },
        'sts.amazonaws.com',
        'AssumeRoleWithWebIdentity',
        {
          agent:
            'aws-sdk-js/3.600.0 ua/2.1 os/linux#6.5.0 lang/js md/nodejs#20.15.1 api/sts#3.600.0 configure-aws-credentials-for-github-actions',
          ip: '203.0.113.77',
          params: {
            roleArn: `arn:aws:iam::${ACCOUNT}:role/github-deploy`,
            roleSessionName: `GitHubActions-${h}`,
          },
        },
      ),
    );
    for (const [src, name] of TERRAFORM_READS) {
      ms += 200 + Math.floor(rand() * 800);
      push(event(rand, ms, ci(h), src, name, { agent: TERRAFORM, ip: '203.0.113.77' }));
    }
    if (h % 6 === 2) {
      ms += 5_000;
      push(
        event(rand, ms, ci(h), 'lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', {
          agent: TERRAFORM,
          ip: '203.0.113.77',
          params: { functionName: 'orders-api', publish: true },
        }),
      );
      push(
        event(rand, ms + 2_000, ci(h), 'ecr.amazonaws.com', 'PutImage', {
          agent: 'docker/27.1.1 go/go1.21.12',
          ip: '203.0.113.77',
          params: { repositoryName: 'orders', imageTag: `build-${h}` },
        }),
      );
      push(
        event(rand, ms + 4_000, ci(h), 'ecs.amazonaws.com', 'UpdateService', {
          agent: TERRAFORM,
          ip: '203.0.113.77',
          params: { cluster: 'prod', service: 'orders', taskDefinition: `orders:${100 + h}` },
        }),
      );
      push(
        event(rand, ms + 6_000, ci(h), 'cloudformation.amazonaws.com', 'UpdateStack', {
          agent: TERRAFORM,
          ip: '203.0.113.77',
          params: { stackName: 'orders-infra' },
        }),
      );
    }
  }
  // AWS services acting for the account: scheduled backups and Auto Scaling
  for (let k = 0; k < 4; k++) {
    push(
      event(
        rand,
        t0 + (2 + k) * 3_600_000,
        serviceLinked('AWSBackupDefaultServiceRole', 'backup.amazonaws.com'),
        'ec2.amazonaws.com',
        'CreateSnapshot',
        {
          agent: 'backup.amazonaws.com',
          ip: 'backup.amazonaws.com',
          params: {
            volumeId: `vol-0${k}abc123def456789`,
            description: 'This snapshot is created by the AWS Backup service.',
          },
        },
      ),
    );
  }
  for (let k = 0; k < 6; k++) {
    const auto = serviceLinked('AWSServiceRoleForAutoScaling', 'autoscaling.amazonaws.com');
    const name = k % 2 ? 'TerminateInstances' : 'RunInstances';
    push(
      event(rand, at(), auto, 'ec2.amazonaws.com', name, {
        agent: 'autoscaling.amazonaws.com',
        ip: 'autoscaling.amazonaws.com',
        params:
          name === 'RunInstances'
            ? {
                instanceType: 'm6i.large',
                instancesSet: { items: [{ imageId: 'ami-0abc123def4567890', minCount: 1, maxCount: 1 }] },
              }
            : { instancesSet: { items: [{ instanceId: `i-0${k}abc123def45678` }] } },
      }),
    );
  }

  // application and service traffic: the bulk of the day
  const apps = [
    () => {
      const id = instanceRole('orders-web', Math.floor(rand() * 6));
      return event(rand, at(), id, 's3.amazonaws.com', pick(['GetObject', 'PutObject']), {
        agent: SDK_JS,
        management: false,
        params: { bucketName: 'orders-assets', key: `img/${Math.floor(rand() * 500)}.png` },
      });
    },
    () =>
      event(
        rand,
        at(),
        instanceRole('orders-worker', Math.floor(rand() * 4)),
        'sqs.amazonaws.com',
        pick(['ReceiveMessage', 'DeleteMessage']),
        {
          agent: SDK_GO,
          management: false,
          params: { queueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders' },
        },
      ),
    () =>
      event(rand, at(), role('orders-lambda', 'orders-api'), 'kms.amazonaws.com', 'Decrypt', {
        agent: 'AWS Internal',
        ip: 'AWS Internal',
        params: {
          encryptionContext: { aws_lambda_FunctionName: 'orders-api' },
          encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        },
      }),
    () =>
      event(
        rand,
        at(),
        instanceRole('orders-web', Math.floor(rand() * 6)),
        'ssm.amazonaws.com',
        'GetParameter',
        {
          agent: SDK_JS,
          params: {
            name: pick(['/prod/orders/db-password', '/prod/orders/stripe-key', '/prod/orders/jwt-secret']),
            withDecryption: true,
          },
        },
      ),
    () =>
      event(
        rand,
        at(),
        role('orders-lambda', 'orders-api'),
        'secretsmanager.amazonaws.com',
        'GetSecretValue',
        { agent: SDK_JS, params: { secretId: 'prod/orders/db' } },
      ),
    () =>
      event(
        rand,
        at(),
        { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' },
        'sts.amazonaws.com',
        'AssumeRole',
        {
          agent: 'lambda.amazonaws.com',
          ip: 'lambda.amazonaws.com',
          params: { roleArn: `arn:aws:iam::${ACCOUNT}:role/orders-lambda`, roleSessionName: 'orders-api' },
          eventType: 'AwsApiCall',
        },
      ),
    () =>
      event(
        rand,
        at(),
        serviceLinked('AWSServiceRoleForConfig', 'config.amazonaws.com'),
        pick(['ec2.amazonaws.com', 'iam.amazonaws.com', 's3.amazonaws.com']),
        pick([
          'DescribeInstances',
          'DescribeSecurityGroups',
          'GetRole',
          'ListRoles',
          'GetBucketAcl',
          'GetBucketPolicy',
        ]),
        { agent: 'config.amazonaws.com', ip: 'config.amazonaws.com' },
      ),
    () =>
      event(
        rand,
        at(),
        serviceLinked('AWSServiceRoleForAmazonGuardDuty', 'guardduty.amazonaws.com'),
        'ec2.amazonaws.com',
        pick(['DescribeInstances', 'DescribeImages', 'DescribeVpcEndpoints']),
        { agent: 'guardduty.amazonaws.com', ip: 'guardduty.amazonaws.com' },
      ),
    () =>
      event(
        rand,
        at(),
        instanceRole('orders-worker', Math.floor(rand() * 4)),
        'dynamodb.amazonaws.com',
        pick(['DescribeTable', 'ListTables']),
        { agent: SDK_GO },
      ),
    () =>
      event(rand, at(), role('cost-reporter', 'daily-report'), 'ce.amazonaws.com', 'GetCostAndUsage', {
        agent: BOTO,
        ip: '10.20.5.9',
      }),
    () =>
      event(
        rand,
        at(),
        instanceRole('orders-web', Math.floor(rand() * 6)),
        'logs.amazonaws.com',
        'CreateLogStream',
        {
          agent: 'aws-sdk-go/1.55.5 (go1.22.5; linux; amd64) amazon-cloudwatch-agent/1.300044.0',
          params: { logGroupName: '/app/orders-web', logStreamName: `i-0${Math.floor(rand() * 6)}` },
        },
      ),
    () =>
      event(rand, at(), instanceRole('orders-worker', 0), 's3.amazonaws.com', 'PutObject', {
        agent: SDK_GO,
        management: false,
        params: { bucketName: 'orders-exports', key: `daily/${Math.floor(rand() * 100)}.csv` },
        error: rand() < 0.01 ? 'AccessDenied' : undefined,
      }),
  ];
  while (out.length < events) push(pick(apps)());
  out.sort((a, b) => (a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : 0));
  return out;
}
