// Event-to-alert latency of `cloudward watch`: a CloudTrail file is delivered into the source
// directory (AuthorizeSecurityGroupIngress on a group that is now open), and the clock stops
// when the webhook receiver on 127.0.0.1 gets the alert of the new finding. The service runs in
// this process with the AWS provider against a local EC2/STS endpoint (AWS_ENDPOINT_URL), so the
// recheck makes its real SDK call (DescribeSecurityGroups with GroupIds) over loopback.
// What dominates is the source's poll interval: each run is repeated for a few intervals.
// Usage: npx tsc -p tsconfig.build.json && node bench/watch-latency.mjs [events per interval]
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { configSchema } from '../dist/config/schema.js';
import { createLogger } from '../dist/core/logger.js';
import { openSqliteStore } from '../dist/store/sqlite.js';
import { WatchService } from '../dist/watch/service.js';

const EVENTS = Number(process.argv[2] ?? 20);
const INTERVALS = [0.25, 1, 5];
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

// ------------------------------------------------------------------ local AWS endpoint
const groups = new Map();
const groupXml = (g) =>
  `<item><ownerId>${ACCOUNT}</ownerId><groupId>${g.id}</groupId><groupName>${g.id}</groupName><groupDescription>b</groupDescription><vpcId>vpc-1</vpcId><ipPermissions>` +
  (g.open
    ? '<item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>'
    : '') +
  '</ipPermissions><ipPermissionsEgress/><tagSet/></item>';

function startAws() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const action = params.get('Action');
      let body;
      if (action === 'GetCallerIdentity') {
        body = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/bench</Arn><UserId>AIDA</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
      } else if (action === 'DescribeSecurityGroups') {
        const ids = [...params.entries()].filter(([k]) => k.startsWith('GroupId.')).map(([, v]) => v);
        const list = ids.length ? ids.map((id) => groups.get(id)).filter(Boolean) : [...groups.values()];
        body = `<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><securityGroupInfo>${list.map(groupXml).join('')}</securityGroupInfo></DescribeSecurityGroupsResponse>`;
      }
      res.writeHead(body ? 200 : 400, { 'content-type': 'text/xml' });
      res.end(
        body ??
          '<Response><Errors><Error><Code>InvalidAction</Code><Message>bench</Message></Error></Errors></Response>',
      );
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

// ------------------------------------------------------------------ webhook receiver
const waiting = new Map();
function startReceiver() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const item of body.items ?? []) {
        const group = /security-group\/(sg-[0-9a-f]+)/.exec(item.reference ?? '')?.[1];
        waiting.get(group)?.(at);
      }
      res.writeHead(204);
      res.end();
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const urlOf = (s) => `http://127.0.0.1:${s.address().port}`;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function run(pollSeconds, receiver) {
  const dir = mkdtempSync(join(tmpdir(), 'cw-watch-bench-'));
  const trail = join(dir, 'trail');
  const day = join(trail, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, '2026', '01', '01');
  mkdirSync(day, { recursive: true });
  const db = join(dir, 'cw.db');
  groups.clear();
  for (let i = 0; i < EVENTS; i++) {
    const id = `sg-${(0xb000 + i).toString(16).padStart(17, '0')}`;
    groups.set(id, { id, open: false });
  }
  const config = configSchema.parse({
    providers: { prod: { type: 'aws', regions: [REGION], max_attempts: 1 } },
    stores: { main: { type: 'sqlite', path: db } },
    defaults: { audit: 'prod', store: 'main' },
    notifiers: { hook: { type: 'webhook', url: `${urlOf(receiver)}/hook` } },
    audits: {
      prod: {
        providers: ['prod'],
        checks: ['aws.ec2.no_admin_ports_from_ipv4_internet'],
        store: 'main',
        notify: ['hook'],
        schedule: '0 3 * * *',
      },
    },
    logs: { trail: { type: 'cloudtrail', path: trail, poll_seconds: pollSeconds } },
  });
  const service = new WatchService({
    config,
    logger: createLogger({ level: 'error' }),
    openStore: () => openSqliteStore(db),
    openState: () => openSqliteStore(db),
    checkpointDir: join(dir, 'checkpoints'),
  });
  await service.start();
  const store = await openSqliteStore(db);
  while ((await store.listScans({ audit_key: 'prod' })).length === 0)
    await new Promise((r) => setTimeout(r, 50));
  const latencies = [];
  let n = 0;
  for (const [id, g] of groups) {
    n += 1;
    g.open = true;
    const got = new Promise((resolve) => waiting.set(id, resolve));
    const record = {
      eventVersion: '1.08',
      userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/bench`, accountId: ACCOUNT },
      eventTime: new Date().toISOString(),
      eventSource: 'ec2.amazonaws.com',
      eventName: 'AuthorizeSecurityGroupIngress',
      awsRegion: REGION,
      sourceIPAddress: '198.51.100.7',
      requestParameters: { groupId: id },
      responseElements: { _return: true },
      eventID: `bench-${pollSeconds}-${n}`,
      eventType: 'AwsApiCall',
      recipientAccountId: ACCOUNT,
    };
    const name = `${ACCOUNT}_CloudTrail_${REGION}_20260101T${String(1000 + n).slice(-4)}Z_b${n}.json`;
    writeFileSync(join(day, `${name}.part`), JSON.stringify({ Records: [record] }));
    // the event is in the source directory from here
    const t0 = performance.now();
    renameSync(join(day, `${name}.part`), join(day, name));
    const timeout = new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`no alert for ${id} within 120 s`)), 120_000),
    );
    latencies.push((await Promise.race([got, timeout])) - t0);
    waiting.delete(id);
    // land the next event at a random point of the poll cycle, as real deliveries do
    await new Promise((r) => setTimeout(r, Math.random() * pollSeconds * 1000));
  }
  await service.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return latencies.sort((a, b) => a - b);
}

const aws = await startAws();
const receiver = await startReceiver();
process.env.AWS_ENDPOINT_URL = urlOf(aws);
process.env.AWS_ACCESS_KEY_ID = 'AKIDBENCH';
process.env.AWS_SECRET_ACCESS_KEY = 'bench-not-a-secret';
process.env.AWS_REGION = REGION;
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
console.log(`event-to-alert latency, ${EVENTS} events per poll interval (ms)`);
console.log('poll_seconds      p50      p95      max');
for (const poll of INTERVALS) {
  const l = await run(poll, receiver);
  console.log(
    `${String(poll).padStart(12)} ${pct(l, 50).toFixed(0).padStart(8)} ${pct(l, 95).toFixed(0).padStart(8)} ${l[l.length - 1].toFixed(0).padStart(8)}`,
  );
}
aws.close();
receiver.close();
