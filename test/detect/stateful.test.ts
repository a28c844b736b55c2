import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { validateEvent } from '../../src/detect/event.js';
import { cloudTrailEvent } from '../../src/detect/sources/cloudtrail.js';
import {
  type DetectionStateStore,
  MemoryStateStore,
  StatefulDetections,
} from '../../src/detect/stateful/index.js';
import { openSqliteDetectionState } from '../../src/store/detection-state-sqlite.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { ACCOUNT, call, PRINCIPAL } from './attack-fixture.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

/** A CloudTrail record as the source turns it into an event. */
function event(raw: Record<string, unknown>) {
  const rec = cloudTrailEvent(
    raw,
    { file: 'trail.json', origin: 'trail', log: { problem: () => undefined } } as never,
    {
      index: 0,
    } as never,
  );
  if (!rec) throw new Error('not an event');
  return validateEvent(rec, 'test');
}

const at = (ms: number, name: string, source: string, extra: Record<string, unknown> = {}) =>
  event(call(name, source, iso(ms), extra));

describe('first use of a sensitive API', () => {
  it('learns for a week, then raises a principal’s first call of a sensitive API once', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    // the principal's ordinary work, and a sensitive call while it is still learning
    expect(await s.observeEvent(at(T0, 'DescribeInstances', 'ec2.amazonaws.com'))).toEqual([]);
    expect(await s.observeEvent(at(T0 + DAY, 'GetSecretValue', 'secretsmanager.amazonaws.com'))).toEqual([]);
    // a week on: a secret read is known, an access key created is new
    expect(await s.observeEvent(at(T0 + 8 * DAY, 'GetSecretValue', 'secretsmanager.amazonaws.com'))).toEqual(
      [],
    );
    const found = await s.observeEvent(
      at(T0 + 8 * DAY, 'CreateAccessKey', 'iam.amazonaws.com', {
        requestParameters: { userName: 'ci-deploy' },
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.ext.check_id).toBe('cloudward.stateful.first_sensitive_api');
    expect(found[0]?.com.actor).toBe(PRINCIPAL);
    expect(found[0]?.raw.stateful).toMatchObject({ api: 'iam:CreateAccessKey', principal: PRINCIPAL });
    // once per baseline window
    expect(await s.observeEvent(at(T0 + 9 * DAY, 'CreateAccessKey', 'iam.amazonaws.com'))).toEqual([]);
  });

  it('leaves out failed calls and calls AWS services make, and counts sessions as their role', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    const role = (session: string, ms: number, name: string, source: string, extra = {}) =>
      at(ms, name, source, {
        userIdentity: {
          type: 'AssumedRole',
          principalId: `AROAQEXAMPLEAPP00001:${session}`,
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/${session}`,
          accountId: ACCOUNT,
          accessKeyId: `ASIAQEXAMPLE${session.toUpperCase().padEnd(8, 'X')}`,
          sessionContext: {
            sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/app`, accountId: ACCOUNT },
          },
        },
        ...extra,
      });
    await s.observeEvent(role('s1', T0, 'DescribeInstances', 'ec2.amazonaws.com'));
    // another session of the same role, later: the role is known since T0, not learning
    expect(
      await s.observeEvent(
        role('s2', T0 + 10 * DAY, 'PutRolePolicy', 'iam.amazonaws.com', { errorCode: 'AccessDenied' }),
      ),
    ).toEqual([]);
    expect(
      await s.observeEvent(
        role('s3', T0 + 10 * DAY, 'PutRolePolicy', 'iam.amazonaws.com', {
          sourceIPAddress: 'cloudformation.amazonaws.com',
          userIdentity: { type: 'AWSService', invokedBy: 'cloudformation.amazonaws.com' },
        }),
      ),
    ).toEqual([]);
    const found = await s.observeEvent(role('s4', T0 + 10 * DAY, 'PutRolePolicy', 'iam.amazonaws.com'));
    expect(found.map((f) => f.raw.stateful)).toMatchObject([
      { principal: `arn:aws:iam::${ACCOUNT}:role/app` },
    ]);
  });
});

describe('access key used from two distant places', () => {
  const places: Record<string, { country: string; lat: number; lon: number }> = {
    '81.2.69.160': { country: 'GB', lat: 54, lon: -2 },
    '8.8.8.8': { country: 'US', lat: 39, lon: -98 },
    '81.2.69.161': { country: 'GB', lat: 54, lon: -2 },
    '8.8.4.4': { country: 'US', lat: 39, lon: -98 },
  };
  const locate = (ip: string) => places[ip] ?? null;
  const from = (ms: number, ip: string) => at(ms, 'ListBuckets', 's3.amazonaws.com', { sourceIPAddress: ip });

  it('raises one detection when one key calls from two continents within an hour', async () => {
    const s = new StatefulDetections(new MemoryStateStore(), { locate });
    expect(await s.observeEvent(from(T0, '81.2.69.160'))).toEqual([]);
    expect(await s.observeEvent(from(T0 + 10 * 60_000, '81.2.69.161'))).toEqual([]);
    const found = await s.observeEvent(from(T0 + 40 * 60_000, '8.8.8.8'));
    expect(found).toHaveLength(1);
    expect(found[0]?.com.severity).toBe('high');
    expect(found[0]?.raw.stateful).toMatchObject({
      access_key: 'AKIAQEXAMPLEKEY00001',
      from: { country: 'GB', ip: '81.2.69.161' },
      to: { country: 'US', ip: '8.8.8.8' },
    });
    // the same pair again within the window: not repeated
    expect(await s.observeEvent(from(T0 + 50 * 60_000, '81.2.69.160'))).toEqual([]);
    expect(await s.observeEvent(from(T0 + 55 * 60_000, '8.8.4.4'))).toEqual([]);
  });

  it('leaves out travel that is possible, and addresses it cannot place', async () => {
    const s = new StatefulDetections(new MemoryStateStore(), { locate });
    await s.observeEvent(from(T0, '81.2.69.160'));
    // 20 hours later in the US: a flight
    expect(await s.observeEvent(from(T0 + 20 * 3_600_000, '8.8.8.8'))).toEqual([]);
    // a private address (VPC endpoint) is not a place
    expect(await s.observeEvent(from(T0 + 20 * 3_600_000 + 60_000, '10.0.3.7'))).toEqual([]);
  });

  it('places real addresses with the offline database', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    await s.observeEvent(from(T0, '81.2.69.160'));
    const found = await s.observeEvent(from(T0 + 30 * 60_000, '8.8.8.8'));
    expect(found.map((f) => (f.raw.stateful as { to: { country: string } }).to.country)).toEqual(['US']);
  });
});

/** A restart keeps the baselines: a new StatefulDetections on the same store continues them. */
function stateSuite(name: string, open: () => Promise<DetectionStateStore>, skip?: string) {
  describe.skipIf(skip !== undefined)(`${name} detection state${skip ? ` (${skip})` : ''}`, () => {
    it('keeps baselines across a restart and forgets expired entries', async () => {
      let store = await open();
      let s = new StatefulDetections(store);
      await s.observeEvent(at(T0, 'DescribeInstances', 'ec2.amazonaws.com'));
      await s.observeEvent(at(T0 + DAY, 'GetSecretValue', 'secretsmanager.amazonaws.com'));
      await s.flush();
      await store.close();

      store = await open();
      s = new StatefulDetections(store);
      // known from before the restart: no detection; new: one
      expect(
        await s.observeEvent(at(T0 + 8 * DAY, 'GetSecretValue', 'secretsmanager.amazonaws.com')),
      ).toEqual([]);
      expect(await s.observeEvent(at(T0 + 8 * DAY, 'CreateKeyPair', 'ec2.amazonaws.com'))).toHaveLength(1);
      await s.flush();
      expect(await store.pruneState(T0 + 200 * DAY)).toBeGreaterThan(0);
      expect((await store.getState('principal_seen', [`${ACCOUNT}\u001f${PRINCIPAL}`], T0)).size).toBe(0);
      await store.close();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'cw-stateful-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
stateSuite('SQLite', async () => openSqliteDetectionState(join(dir, 'cw.db')));

const PG_URL = process.env.CLOUDWARD_TEST_PG_URL;
const PG_SCHEMA = 'detect_state_stateful_test';
stateSuite(
  'PostgreSQL',
  async () => {
    const store = await openPostgresStore(PG_URL ?? '', { schema: PG_SCHEMA });
    const state = await store.openDetectionState();
    return Object.assign(state, {
      close: async () => {
        await store.close();
      },
    });
  },
  PG_URL ? undefined : 'CLOUDWARD_TEST_PG_URL is not set',
);
afterAll(async () => {
  if (!PG_URL) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  await client.end();
});

describe('instance role credentials used from another network', () => {
  const instanceCall = (ms: number, ip: string, ua: string, extra: Record<string, unknown> = {}) =>
    at(ms, 'ListBuckets', 's3.amazonaws.com', {
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAQEXAMPLEWEB00001:i-0a1b2c3d4e5f60718',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/web/i-0a1b2c3d4e5f60718`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAQEXAMPLEWEB00001',
        sessionContext: {
          sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${ACCOUNT}:role/web`, accountId: ACCOUNT },
          ec2RoleDelivery: '2.0',
        },
      },
      sourceIPAddress: ip,
      userAgent: ua,
      ...extra,
    });

  it('learns the instance’s own exit, then raises a call from a second public network once', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    // through a VPC endpoint, then through the NAT gateway: both are the instance
    expect(
      await s.observeEvent(instanceCall(T0, '10.0.3.7', 'Boto3/1.34.69', { vpcEndpointId: 'vpce-0abc' })),
    ).toEqual([]);
    expect(await s.observeEvent(instanceCall(T0 + 60_000, '52.17.40.9', 'Boto3/1.34.69'))).toEqual([]);
    // the CLI on the same host: a new family alone is not a theft
    expect(await s.observeEvent(instanceCall(T0 + 90_000, '52.17.40.9', 'aws-cli/2.15.30'))).toEqual([]);
    const found = await s.observeEvent(instanceCall(T0 + 3_600_000, '203.0.113.99', 'aws-cli/2.15.30'));
    expect(found.map((f) => f.ext.check_id)).toEqual(['cloudward.stateful.instance_credentials_outside']);
    expect(found[0]?.raw.stateful).toMatchObject({
      instance: 'i-0a1b2c3d4e5f60718',
      network: '203.0.0.0/16',
      known_networks: ['52.17.0.0/16'],
      known_user_agent_families: ['boto3', 'aws-cli'],
    });
    expect(await s.observeEvent(instanceCall(T0 + 3_700_000, '203.0.113.98', 'aws-cli/2.15.30'))).toEqual([]);
  });

  it('leaves out keys that are not an instance’s', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    await s.observeEvent(at(T0, 'ListBuckets', 's3.amazonaws.com', { sourceIPAddress: '52.17.40.9' }));
    expect(
      await s.observeEvent(
        at(T0 + 1000, 'ListBuckets', 's3.amazonaws.com', { sourceIPAddress: '203.0.113.99' }),
      ),
    ).toEqual([]);
  });
});

describe('burst of reads across many resources', () => {
  const read = (ms: number, i: number, who = PRINCIPAL) =>
    at(ms, 'GetObject', 's3.amazonaws.com', {
      readOnly: true,
      requestParameters: { bucketName: 'finance-reports', key: `2026/report-${i}.pdf` },
      userIdentity: { type: 'IAMUser', arn: who, accountId: ACCOUNT, accessKeyId: 'AKIAQEXAMPLEKEY00001' },
    });

  it('raises once when a principal reads far more distinct resources than its busiest ten minutes', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    // two days of ordinary work: 30 objects in a busy ten minutes
    for (let i = 0; i < 30; i++) expect(await s.observeEvent(read(T0 + i * 1000, i))).toEqual([]);
    for (let i = 0; i < 10; i++) expect(await s.observeEvent(read(T0 + DAY + i * 1000, i))).toEqual([]);
    const found = [];
    for (let i = 0; i < 150; i++)
      found.push(...(await s.observeEvent(read(T0 + 2 * DAY + i * 1000, 1000 + i))));
    expect(found.map((f) => f.ext.check_id)).toEqual(['cloudward.stateful.read_burst']);
    // the busiest ten minutes (30 reads) faded over two days to 25: four times that is passed at the 100th
    expect(found[0]?.raw.stateful).toMatchObject({
      distinct_resources: 100,
      baseline: 25,
      principal: PRINCIPAL,
    });
  });

  it('keeps quiet for a principal whose busy ten minutes are usually that busy, and while learning', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    const found = [];
    // first day: learning, however busy
    for (let i = 0; i < 150; i++) found.push(...(await s.observeEvent(read(T0 + i * 1000, i))));
    // next day: as busy as before, not four times busier
    for (let i = 0; i < 150; i++) found.push(...(await s.observeEvent(read(T0 + DAY + i * 1000, 500 + i))));
    expect(found).toEqual([]);
  });
});

describe('workload role credentials used outside the workload', () => {
  const FN_KEY = 'ASIAQEXAMPLEFUNC0001';
  const POD_KEY = 'ASIAQEXAMPLEPOD00001';
  const NODE_UA =
    'aws-sdk-js/3.600.0 ua/2.1 os/linux#5.10.219 lang/js md/nodejs#20.15.1 api/s3#3.600.0 exec-env/AWS_Lambda_nodejs20.x';
  const CLI_UA = 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0 md/arch#x86_64 lang/python#3.11.8';

  /** Lambda assuming the function's execution role as CloudTrail records it (a service call). */
  const issuedByService = (ms: number, service: string, session: string, key: string, extra = {}) =>
    at(ms, 'AssumeRole', 'sts.amazonaws.com', {
      userIdentity: { type: 'AWSService', invokedBy: service },
      sourceIPAddress: service,
      userAgent: service,
      readOnly: true,
      requestParameters: {
        roleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/orders-role`,
        roleSessionName: session,
      },
      responseElements: {
        credentials: {
          accessKeyId: key,
          sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
          expiration: 'Nov 1, 2026, 8:00:00 PM',
        },
      },
      ...extra,
    });
  const roleCall = (ms: number, key: string, session: string, ip: string, ua: string) =>
    at(ms, 'GetObject', 's3.amazonaws.com', {
      userIdentity: {
        type: 'AssumedRole',
        principalId: `AROAQEXAMPLEORDERS01:${session}`,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/orders-role/${session}`,
        accountId: ACCOUNT,
        accessKeyId: key,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            arn: `arn:aws:iam::${ACCOUNT}:role/service-role/orders-role`,
            accountId: ACCOUNT,
          },
        },
      },
      sourceIPAddress: ip,
      userAgent: ua,
      readOnly: true,
    });

  it('raises once when a Lambda function’s key is used without its platform mark from a new network', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    expect(await s.observeEvent(issuedByService(T0, 'lambda.amazonaws.com', 'orders-api', FN_KEY))).toEqual(
      [],
    );
    // a function outside a VPC calls from AWS's public addresses, several of them
    expect(await s.observeEvent(roleCall(T0 + 1000, FN_KEY, 'orders-api', '3.91.20.7', NODE_UA))).toEqual([]);
    expect(await s.observeEvent(roleCall(T0 + 2000, FN_KEY, 'orders-api', '54.160.3.9', NODE_UA))).toEqual(
      [],
    );
    // unmarked, but from a network the function itself uses: not enough to tell
    expect(await s.observeEvent(roleCall(T0 + 3000, FN_KEY, 'orders-api', '3.91.88.1', CLI_UA))).toEqual([]);
    const found = await s.observeEvent(roleCall(T0 + 600_000, FN_KEY, 'orders-api', '203.0.113.99', CLI_UA));
    expect(found.map((f) => f.ext.check_id)).toEqual(['cloudward.stateful.workload_credentials_outside']);
    expect(found[0]?.raw.stateful).toMatchObject({
      workload: 'lambda_function',
      workload_name: 'orders-api',
      access_key: FN_KEY,
      network: '203.0.0.0/16',
      known_networks: ['3.91.0.0/16', '54.160.0.0/16'],
      platform_mark_seen: true,
      user_agent_family: 'aws-cli',
    });
    expect(found[0]?.com.description).toContain('Lambda function orders-api');
    // once per key and network
    expect(
      await s.observeEvent(roleCall(T0 + 700_000, FN_KEY, 'orders-api', '203.0.113.98', CLI_UA)),
    ).toEqual([]);
  });

  it('raises nothing for a key never seen with its platform mark, or not issued to a workload', async () => {
    const s = new StatefulDetections(new MemoryStateStore());
    await s.observeEvent(
      issuedByService(
        T0,
        'ecs-tasks.amazonaws.com',
        'a1b2c3d4e5f64789a0b1c2d3e4f5a6b7',
        'ASIAQEXAMPLETASK0001',
      ),
    );
    // the task's code sends no exec-env mark: its calls and a stranger's look alike
    await s.observeEvent(roleCall(T0 + 1000, 'ASIAQEXAMPLETASK0001', 'task', '52.17.40.9', 'Boto3/1.34.69'));
    expect(
      await s.observeEvent(roleCall(T0 + 2000, 'ASIAQEXAMPLETASK0001', 'task', '203.0.113.99', CLI_UA)),
    ).toEqual([]);
    // an ordinary role session (no issuance seen): not a workload's
    await s.observeEvent(roleCall(T0 + 3000, 'ASIAQEXAMPLEOTHER001', 'bob', '52.17.40.9', NODE_UA));
    expect(
      await s.observeEvent(roleCall(T0 + 4000, 'ASIAQEXAMPLEOTHER001', 'bob', '203.0.113.99', CLI_UA)),
    ).toEqual([]);
    // a failed issuance issues nothing
    await s.observeEvent(
      issuedByService(T0 + 5000, 'lambda.amazonaws.com', 'orders-api', 'ASIAQEXAMPLEFAILED01', {
        errorCode: 'AccessDenied',
        responseElements: null,
      }),
    );
    await s.observeEvent(roleCall(T0 + 6000, 'ASIAQEXAMPLEFAILED01', 'orders-api', '3.91.20.7', NODE_UA));
    expect(
      await s.observeEvent(roleCall(T0 + 7000, 'ASIAQEXAMPLEFAILED01', 'orders-api', '203.0.113.99', CLI_UA)),
    ).toEqual([]);
  });

  it('takes the network a pod asked for its key from as the cluster’s, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudward-workload-'));
    try {
      const path = join(dir, 'state.db');
      const first = openSqliteDetectionState(path);
      const s1 = new StatefulDetections(first);
      const identityProvider = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
      await s1.observeEvent(
        at(T0, 'AssumeRoleWithWebIdentity', 'sts.amazonaws.com', {
          userIdentity: {
            type: 'WebIdentityUser',
            principalId: `${identityProvider}:sts.amazonaws.com:system:serviceaccount:shop:orders`,
            userName: 'system:serviceaccount:shop:orders',
            identityProvider,
          },
          sourceIPAddress: '34.250.7.1',
          userAgent:
            'aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/sts#1.30.3',
          requestParameters: {
            roleArn: `arn:aws:iam::${ACCOUNT}:role/orders-irsa`,
            roleSessionName: '1730448000000000000',
          },
          responseElements: {
            credentials: {
              accessKeyId: POD_KEY,
              sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
              expiration: 'Nov 1, 2026, 9:00:00 AM',
            },
            subjectFromWebIdentityToken: 'system:serviceaccount:shop:orders',
          },
        }),
      );
      await s1.flush();
      await first.close();

      const second = openSqliteDetectionState(path);
      const s2 = new StatefulDetections(second);
      expect(
        await s2.observeEvent(roleCall(T0 + 1000, POD_KEY, '1730448000000000000', '34.250.7.1', CLI_UA)),
      ).toEqual([]);
      const found = await s2.observeEvent(
        roleCall(T0 + 2000, POD_KEY, '1730448000000000000', '198.51.100.23', CLI_UA),
      );
      expect(found[0]?.raw.stateful).toMatchObject({
        workload: 'eks_service_account',
        workload_name: 'system:serviceaccount:shop:orders',
        role: `arn:aws:iam::${ACCOUNT}:role/orders-irsa`,
        known_networks: ['34.250.0.0/16'],
      });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
