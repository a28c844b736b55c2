#!/usr/bin/env node
// Benchmark of AWS collection through the whole SDK stack (signing, retry, XML parsing, the
// read-only guard, pacing), against a local server on 127.0.0.1 that speaks the AWS query /
// REST-XML protocols of EC2, S3 and STS, reached through AWS_ENDPOINT_URL, with a fixed latency
// added to every answer.
//
//   npx tsc -p tsconfig.build.json && node bench/aws-collect.mjs [resources=12000] [latency_ms=50] [concurrency=64]
//
// The synthetic account has 4 regions with security groups, instances (each with its root
// volume), spare volumes, and S3 buckets spread over the regions. Two scans run, each in its
// own child process (so peak memory is its own):
//   cloudward - the collectors as shipped (joins, list-call answers reused, paginated lists)
//   naive     - per-item calls for everything: DescribeVolumes per instance, GetBucketLocation
//               per bucket, unpaginated ListBuckets; same SDK stack, limiter and concurrency
//   default-rates - the shipped collectors with the default rate limits (the two above lift
//               them to measure the stack against the ideal)
// Prints wall time, API calls, calls per resource, resources/s, peak RSS, and the ideal time
// (calls x latency / concurrency). It asserts nothing: figures depend on the machine.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'providers', 'aws', 'index.js');

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];
const ACCOUNT = '111122223333';

// ---------------------------------------------------------------- synthetic account
function estate(total) {
  // shares of the total: 35% security groups, 25% instances, 30% volumes (one per instance,
  // the rest spare), 10% buckets
  const perRegion = (share) => Math.max(1, Math.round((total * share) / REGIONS.length));
  const regions = {};
  for (const [r, region] of REGIONS.entries()) {
    const sgs = Array.from({ length: perRegion(0.35) }, (_, i) => ({
      id: `sg-${r}${String(i).padStart(7, '0')}`,
      open: i % 10 === 0,
    }));
    const instances = Array.from({ length: perRegion(0.25) }, (_, i) => ({
      id: `i-${r}${String(i).padStart(16, '0')}`,
      volume: `vol-${r}a${String(i).padStart(15, '0')}`,
    }));
    const spare = Math.max(0, perRegion(0.3) - instances.length);
    const volumes = [
      ...instances.map((inst, i) => ({ id: inst.volume, instance: inst.id, encrypted: i % 3 !== 0 })),
      ...Array.from({ length: spare }, (_, i) => ({
        id: `vol-${r}s${String(i).padStart(15, '0')}`,
        instance: undefined,
        encrypted: true,
      })),
    ];
    regions[region] = { sgs, instances, volumes };
  }
  const buckets = Array.from({ length: Math.max(1, Math.round(total * 0.1)) }, (_, i) => ({
    name: `bench-bucket-${String(i).padStart(6, '0')}`,
    region: REGIONS[i % REGIONS.length],
    pab: i % 4 !== 0,
    policy: i % 5 === 0,
  }));
  const count =
    Object.values(regions).reduce((n, r) => n + r.sgs.length + r.instances.length + r.volumes.length, 0) +
    buckets.length;
  return { regions, buckets, count };
}

// ---------------------------------------------------------------- protocol server
const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function scopeOf(req) {
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
  return m ? { region: m[1], service: m[2] } : { region: 'us-east-1', service: 'unknown' };
}

function page(list, params) {
  const max = Number(params.get('MaxResults') ?? 0);
  const start = Number(params.get('NextToken') ?? 0);
  if (!max) return { items: list.slice(start), next: undefined };
  const items = list.slice(start, start + max);
  return { items, next: start + max < list.length ? String(start + max) : undefined };
}

/** EC2 query filters used by the naive baseline: Filter.N.Name / Filter.N.Value.1 */
function filterOf(params) {
  const out = {};
  for (let n = 1; params.has(`Filter.${n}.Name`); n++)
    out[params.get(`Filter.${n}.Name`)] = params.get(`Filter.${n}.Value.1`);
  return out;
}

const sgXml = (g) =>
  `<item><ownerId>${ACCOUNT}</ownerId><groupId>${g.id}</groupId><groupName>${g.id}-web</groupName>` +
  '<groupDescription>web tier</groupDescription><vpcId>vpc-0bench</vpcId><ipPermissions><item>' +
  `<ipProtocol>tcp</ipProtocol><fromPort>${g.open ? 22 : 443}</fromPort><toPort>${g.open ? 22 : 443}</toPort>` +
  `<groups/><ipRanges><item><cidrIp>${g.open ? '0.0.0.0/0' : '10.0.0.0/8'}</cidrIp></item></ipRanges>` +
  '<ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol>' +
  '<groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>' +
  '</ipPermissionsEgress><tagSet><item><key>team</key><value>web</value></item></tagSet></item>';

const instXml = (inst, i) =>
  `<item><reservationId>r-${inst.id.slice(2)}</reservationId><ownerId>${ACCOUNT}</ownerId><groupSet/><instancesSet><item>` +
  `<instanceId>${inst.id}</instanceId><imageId>ami-0bench</imageId><instanceState><code>16</code><name>running</name></instanceState>` +
  `<instanceType>t3.micro</instanceType><ipAddress>203.0.113.${i % 250}</ipAddress><rootDeviceType>ebs</rootDeviceType>` +
  `<rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs>` +
  `<volumeId>${inst.volume}</volumeId><status>attached</status><deleteOnTermination>true</deleteOnTermination></ebs></item>` +
  '</blockDeviceMapping><metadataOptions><state>applied</state><httpTokens>required</httpTokens></metadataOptions>' +
  '<tagSet><item><key>Name</key><value>bench</value></item></tagSet></item></instancesSet></item>';

const volXml = (v) =>
  `<item><volumeId>${v.id}</volumeId><size>8</size><availabilityZone>az-a</availabilityZone>` +
  `<status>${v.instance ? 'in-use' : 'available'}</status><volumeType>gp3</volumeType><encrypted>${v.encrypted}</encrypted>` +
  (v.instance
    ? `<attachmentSet><item><volumeId>${v.id}</volumeId><instanceId>${v.instance}</instanceId><device>/dev/xvda</device>` +
      '<status>attached</status><deleteOnTermination>true</deleteOnTermination></item></attachmentSet>'
    : '<attachmentSet/>') +
  '</item>';

function ec2(action, params, region, data) {
  const r = data.regions[region];
  const wrap = (body, next) =>
    `<${action}Response xmlns="${EC2_NS}"><requestId>bench</requestId>${body}${next ? `<nextToken>${next}</nextToken>` : ''}</${action}Response>`;
  switch (action) {
    case 'DescribeRegions':
      return wrap(
        `<regionInfo>${REGIONS.map((n) => `<item><regionName>${n}</regionName><regionEndpoint>ec2.${n}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`).join('')}</regionInfo>`,
      );
    case 'DescribeSecurityGroups': {
      const p = page(r.sgs, params);
      return wrap(`<securityGroupInfo>${p.items.map(sgXml).join('')}</securityGroupInfo>`, p.next);
    }
    case 'DescribeInstances': {
      const p = page(r.instances, params);
      return wrap(`<reservationSet>${p.items.map(instXml).join('')}</reservationSet>`, p.next);
    }
    case 'DescribeVolumes': {
      const f = filterOf(params);
      const list = f['attachment.instance-id']
        ? r.volumes.filter((v) => v.instance === f['attachment.instance-id'])
        : r.volumes;
      const p = page(list, params);
      return wrap(`<volumeSet>${p.items.map(volXml).join('')}</volumeSet>`, p.next);
    }
    default:
      return undefined;
  }
}

function s3(path, query, data) {
  const xml = (body) => ({
    status: 200,
    type: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>${body}`,
  });
  const err = (status, code, message) => ({
    status,
    type: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error>`,
  });
  const name = decodeURIComponent(path.split('/').filter(Boolean)[0] ?? '');
  if (!name) {
    const max = Number(query.get('max-buckets') ?? 0);
    const start = Number(query.get('continuation-token') ?? 0);
    const list = max ? data.buckets.slice(start, start + max) : data.buckets;
    const next = max && start + max < data.buckets.length ? String(start + max) : undefined;
    const items = list
      .map(
        (b) =>
          `<Bucket><Name>${b.name}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate>${max ? `<BucketRegion>${b.region}</BucketRegion>` : ''}</Bucket>`,
      )
      .join('');
    return xml(
      `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>bench-owner</ID></Owner><Buckets>${items}</Buckets>${next ? `<ContinuationToken>${next}</ContinuationToken>` : ''}</ListAllMyBucketsResult>`,
    );
  }
  const b = data.byName.get(name);
  if (!b) return err(404, 'NoSuchBucket', 'The specified bucket does not exist');
  if (query.has('location')) {
    return xml(
      `<LocationConstraint xmlns="${S3_NS}">${b.region === 'us-east-1' ? '' : b.region}</LocationConstraint>`,
    );
  }
  if (query.has('publicAccessBlock')) {
    if (!b.pab)
      return err(
        404,
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    return xml(
      `<PublicAccessBlockConfiguration xmlns="${S3_NS}"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
    );
  }
  if (query.has('encryption')) {
    return xml(
      `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
    );
  }
  if (query.has('versioning'))
    return xml(
      `<VersioningConfiguration xmlns="${S3_NS}"><Status>Enabled</Status></VersioningConfiguration>`,
    );
  if (query.has('policyStatus')) {
    if (!b.policy) return err(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
    return xml(`<PolicyStatus xmlns="${S3_NS}"><IsPublic>false</IsPublic></PolicyStatus>`);
  }
  if (query.has('policy')) {
    if (!b.policy) return err(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: `arn:aws:s3:::${b.name}/*`,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    };
    return { status: 200, type: 'application/json', body: JSON.stringify(doc) };
  }
  if (query.has('acl')) {
    return xml(
      `<AccessControlPolicy xmlns="${S3_NS}"><Owner><ID>bench-owner</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>bench-owner</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`,
    );
  }
  if (query.has('logging')) return xml(`<BucketLoggingStatus xmlns="${S3_NS}"/>`);
  return err(400, 'NotImplemented', `bench server: unsupported S3 request ${path}?${query}`);
}

function startServer(data, latencyMs) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const { region, service } = scopeOf(req);
      let reply;
      if (service === 's3') {
        reply = s3(url.pathname, url.searchParams, data);
      } else {
        const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const action = params.get('Action');
        if (service === 'sts' && action === 'GetCallerIdentity') {
          reply = {
            status: 200,
            type: 'text/xml',
            body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/bench</Arn><UserId>AIDABENCH</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
          };
        } else if (service === 'ec2' && data.regions[region]) {
          const body = ec2(action, params, region, data);
          if (body) reply = { status: 200, type: 'text/xml', body };
        }
        reply ??= {
          status: 400,
          type: 'text/xml',
          body: `<Response><Errors><Error><Code>InvalidAction</Code><Message>bench server: ${esc(service)} ${esc(action)}</Message></Error></Errors><RequestID>bench</RequestID></Response>`,
        };
      }
      setTimeout(() => {
        res.writeHead(reply.status, {
          'content-type': reply.type,
          'content-length': Buffer.byteLength(reply.body),
        });
        res.end(reply.body);
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------- one scan (child process)
async function scan(mode, concurrency) {
  const aws = await import(pathToFileURL(dist).href);
  const { EC2Client, paginateDescribeInstances, DescribeVolumesCommand } = await import(
    '@aws-sdk/client-ec2'
  );
  const s3sdk = await import('@aws-sdk/client-s3');
  const { S3Client, ListBucketsCommand } = s3sdk;
  const types = ['aws.ec2.security_group', 'aws.ec2.instance', 'aws.ec2.volume', 'aws.s3.bucket'];
  let collectors = types.map((t) => aws.collectorByType(t));
  if (mode === 'naive') {
    const [sg] = collectors;
    const naiveInstances = aws.defineCollector({
      type: 'aws.ec2.instance',
      service: 'ec2',
      client: EC2Client,
      scope: 'region',
      actions: ['ec2:DescribeInstances', 'ec2:DescribeVolumes'],
      list: {
        action: 'ec2:DescribeInstances',
        paginate: (client) => paginateDescribeInstances({ client, pageSize: 1000 }, {}),
        items: (p) => p.Reservations?.flatMap((r) => r.Instances ?? []),
      },
      enrich: {
        volumes: {
          action: 'ec2:DescribeVolumes',
          call: async (client, i) =>
            (
              await client.send(
                new DescribeVolumesCommand({
                  Filters: [{ Name: 'attachment.instance-id', Values: [i.InstanceId] }],
                }),
              )
            ).Volumes ?? [],
        },
      },
    });
    // the volume listing without the shared per-region join
    const naiveVolumes = aws.defineCollector({
      type: 'aws.ec2.volume',
      service: 'ec2',
      client: EC2Client,
      scope: 'region',
      actions: ['ec2:DescribeVolumes'],
      list: {
        action: 'ec2:DescribeVolumes',
        all: async (client) => (await client.send(new DescribeVolumesCommand({}))).Volumes ?? [],
      },
    });
    // unpaginated ListBuckets (no region in the answer): GetBucketLocation for every bucket
    const get = (Command, absentOn) => ({
      action: 's3:GetBucketLocation',
      after: ['location'],
      region: (_b, raw) => raw.location?.LocationConstraint || 'us-east-1',
      ...(absentOn ? { absentOn } : {}),
      call: (client, b) => client.send(new Command({ Bucket: b.Name })),
    });
    const naiveBuckets = aws.defineCollector({
      type: 'aws.s3.bucket',
      service: 's3',
      client: S3Client,
      scope: 'global',
      actions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'],
      list: {
        action: 's3:ListAllMyBuckets',
        all: async (client) => (await client.send(new ListBucketsCommand({}))).Buckets ?? [],
      },
      enrich: {
        location: {
          action: 's3:GetBucketLocation',
          call: (c, b) => c.send(new s3sdk.GetBucketLocationCommand({ Bucket: b.Name })),
        },
        publicAccessBlock: get(s3sdk.GetPublicAccessBlockCommand, ['NoSuchPublicAccessBlockConfiguration']),
        encryption: get(s3sdk.GetBucketEncryptionCommand, ['ServerSideEncryptionConfigurationNotFoundError']),
        versioning: get(s3sdk.GetBucketVersioningCommand),
        policyStatus: get(s3sdk.GetBucketPolicyStatusCommand, ['NoSuchBucketPolicy']),
        policy: get(s3sdk.GetBucketPolicyCommand, ['NoSuchBucketPolicy']),
        acl: get(s3sdk.GetBucketAclCommand),
        logging: get(s3sdk.GetBucketLoggingCommand),
      },
    });
    collectors = [sg, naiveInstances, naiveVolumes, naiveBuckets];
  }
  // 'cloudward' and 'naive' lift the rate limits to measure the collection stack against the
  // ideal; 'default-rates' shows the pacing a real scan applies by default
  const rates = mode === 'default-rates' ? {} : { requests_per_second: 5000 };
  const provider = new aws.AwsProvider(
    { type: 'aws', regions: 'all', max_concurrency: concurrency, max_attempts: 3, ...rates },
    {
      credentials: async () => ({ accessKeyId: 'AKIDBENCHFAKE', secretAccessKey: 'not-a-secret' }),
      homeRegion: 'us-east-1',
      collectors: mode === 'naive' ? collectors : undefined,
    },
  );
  let peakRss = 0;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const t0 = performance.now();
  let errors = [];
  for await (const batch of provider.collect({ types: new Set(types) })) {
    errors = errors.concat(
      batch.collections.filter((c) => c.error).map((c) => `${c.type} ${c.region}: ${c.error}`),
    );
  }
  const wall = performance.now() - t0;
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  process.stdout.write(
    `${JSON.stringify({ mode, wall, stats: provider.stats(), peakRss, errors: errors.slice(0, 5) })}\n`,
  );
}

// ---------------------------------------------------------------- driver
function runChild(mode, endpoint, concurrency) {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir> writes a CPU profile of each scan there
    const prof = process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
    const args = [...prof, fileURLToPath(import.meta.url), '--child', mode, String(concurrency)];
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()))
        : reject(new Error(`${mode} scan exited ${code}`)),
    );
  });
}

async function main() {
  if (process.argv[2] === '--child') return scan(process.argv[3], Number(process.argv[4]));
  const total = Number(process.argv[2] ?? 12_000);
  const latency = Number(process.argv[3] ?? 50);
  const concurrency = Number(process.argv[4] ?? 64);
  const data = estate(total);
  data.byName = new Map(data.buckets.map((b) => [b.name, b]));
  const server = await startServer(data, latency);
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  console.log(
    `synthetic account: ${data.count} resources in ${REGIONS.length} regions (${data.buckets.length} buckets), ` +
      `${latency} ms per call, ${concurrency} calls in flight at most`,
  );
  const results = [];
  for (const mode of ['cloudward', 'naive', 'default-rates']) {
    const r = await runChild(mode, endpoint, concurrency);
    const calls = r.stats.totalCalls;
    const ideal = (calls * latency) / concurrency;
    results.push({ mode, r, calls, ideal });
    console.log(
      `${mode.padEnd(13)}  wall ${(r.wall / 1000).toFixed(2)} s  ideal ${(ideal / 1000).toFixed(2)} s  ` +
        `calls ${calls}  calls/resource ${(calls / r.stats.resources).toFixed(3)}  ` +
        `resources/s ${Math.round(r.stats.resources / (r.wall / 1000))}  peak RSS ${Math.round(r.peakRss / 2 ** 20)} MiB  ` +
        `peak in flight ${r.stats.peakInFlight}  failed collections ${r.stats.failedCollections}`,
    );
    for (const e of r.errors) console.log(`  error: ${e}`);
    const top = Object.entries(r.stats.calls)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(`  calls by action: ${top}`);
  }
  const [ours, naive] = results;
  const paced = results[2];
  console.log(
    `default-rates is the shipped scan with its default per-(account, region, service) rates (${paced.r.stats.tokenWaits} requests waited for a token)`,
  );
  console.log(
    `cloudward makes ${(naive.calls / ours.calls).toFixed(2)}x fewer calls and is ${(naive.r.wall / ours.r.wall).toFixed(2)}x faster than the naive baseline`,
  );
  server.close();
  server.closeAllConnections?.();
}

await main();
