#!/usr/bin/env node
// Benchmark of AWS collection through the whole SDK stack (signing, retry, XML parsing, the
// read-only guard, pacing), against a local server on 127.0.0.1 that speaks the AWS query /
// REST-XML protocols of EC2, S3, IAM and STS, reached through AWS_ENDPOINT_URL, with a fixed
// latency added to every answer.
//
//   npx tsc -p tsconfig.build.json && node bench/aws-collect.mjs [options]
//     --resources N     mixed shape size (default 12000)      --latency MS   mixed shape latency (50)
//     --concurrency N   calls in flight at most (64)           --large-latency MS  large shape latency (5)
//     --shapes LIST     mixed,large,services (default all)     --repeat N     runs of the large shape (1)
//     --services-size N resources per type of the services shape (200)
//     --before DIR      a dist/ of another version (main's) to run the large shape against too
//   (the first three positional arguments are still read as resources, latency, concurrency)
//
// Mixed shape: 4 regions with security groups, instances (each with its root volume), spare
// volumes, and S3 buckets spread over the regions. Three scans run, each in its own child process
// (so peak memory is its own):
//   cloudward - the collectors as shipped (joins, list-call answers reused, paginated lists)
//   naive     - per-item calls for everything: DescribeVolumes per instance, GetBucketLocation
//               per bucket, unpaginated ListBuckets; same SDK stack, limiter and concurrency
//   default-rates - the shipped collectors with the default rate limits (the two above lift
//               them to measure the stack against the ideal)
// Large shape (a big account on a local endpoint): 2 regions, 2,000 security groups, 2,000
// buckets and 2,000 IAM users, collected as a scan of every check collects them (the facts the
// checks read decide the per-item calls), with the default limits and with the limits raised,
// for this build and, with --before, another one, in the same run.
// Services shape (bench/aws-services-estate.mjs): one region of Lambda functions, secrets, SQS
// queues, SNS topics, KMS keys, ECS clusters / services / task definitions, EKS clusters, SSM
// documents and managed nodes, state machines, CodeBuild projects and report groups, Kinesis
// streams, SageMaker notebooks / endpoint configurations / models, DynamoDB tables, RDS instances,
// CloudFront distributions, Application Load Balancers and the security contact,
// each type collected on its own as a scan of every check collects it: calls per resource per type.
// Prints wall time, API calls, calls per resource, resources/s, CPU use of the scanning process,
// peak RSS, requests that waited for a token, throttled answers, and the ideal time
// (calls x latency / concurrency). It asserts nothing: figures depend on the machine.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVICE_TYPES, servicesEstate, startServicesServer } from './aws-services-estate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const OWN_DIST = join(here, '..', 'dist');

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];
const LARGE_REGIONS = ['us-east-1', 'eu-west-1'];
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
  return { regionNames: REGIONS, regions, buckets, users: [], count };
}

/** A large account: 2 regions, 2,000 security groups, 2,000 buckets, 2,000 IAM users. */
function largeEstate(n = 2000) {
  const regions = {};
  for (const [r, region] of LARGE_REGIONS.entries()) {
    const sgs = Array.from({ length: n / LARGE_REGIONS.length }, (_, i) => ({
      id: `sg-${r}${String(i).padStart(7, '0')}`,
      open: i % 10 === 0,
    }));
    regions[region] = { sgs, instances: [], volumes: [] };
  }
  const buckets = Array.from({ length: n }, (_, i) => ({
    name: `large-bucket-${String(i).padStart(6, '0')}`,
    region: LARGE_REGIONS[i % LARGE_REGIONS.length],
    pab: i % 4 !== 0,
    policy: i % 5 === 0,
  }));
  const users = Array.from({ length: n }, (_, i) => ({
    name: `user-${String(i).padStart(6, '0')}`,
    mfa: i % 3 !== 0,
    key: i % 2 === 0,
    created: new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString(),
  }));
  return { regionNames: LARGE_REGIONS, regions, buckets, users, count: n * 3 };
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
        `<regionInfo>${data.regionNames.map((n) => `<item><regionName>${n}</regionName><regionEndpoint>ec2.${n}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`).join('')}</regionInfo>`,
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
  // the calls behind the FSBP bucket controls: "not configured" is a 404 for lifecycle and Object Lock
  if (query.has('lifecycle')) {
    if (!b.pab) return err(404, 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist');
    return xml(
      `<LifecycleConfiguration xmlns="${S3_NS}"><Rule><ID>expire</ID><Filter/><Status>Enabled</Status><Expiration><Days>365</Days></Expiration></Rule></LifecycleConfiguration>`,
    );
  }
  if (query.has('object-lock'))
    return err(
      404,
      'ObjectLockConfigurationNotFoundError',
      'Object Lock configuration does not exist for this bucket',
    );
  if (query.has('notification')) return xml(`<NotificationConfiguration xmlns="${S3_NS}"/>`);
  if (query.has('ownershipControls'))
    return xml(
      `<OwnershipControls xmlns="${S3_NS}"><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`,
    );
  return err(400, 'NotImplemented', `bench server: unsupported S3 request ${path}?${query}`);
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const userArn = (u) => `arn:aws:iam::${ACCOUNT}:user/${u.name}`;
const userXml = (u, i) =>
  `<member><Path>/</Path><UserName>${u.name}</UserName><UserId>AIDABENCH${String(i).padStart(12, '0')}</UserId>` +
  `<Arn>${userArn(u)}</Arn><CreateDate>${u.created}</CreateDate><UserPolicyList/>` +
  '<GroupList><member>developers</member></GroupList><AttachedManagedPolicies><member>' +
  '<PolicyName>ReadOnlyAccess</PolicyName><PolicyArn>arn:aws:iam::aws:policy/ReadOnlyAccess</PolicyArn>' +
  '</member></AttachedManagedPolicies><Tags/></member>';

/** The credential report of the synthetic users, as IAM writes it (CSV). */
function credentialReport(data) {
  const cols =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,' +
    'mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,' +
    'access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,' +
    'access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const root = `<root_account>,arn:aws:iam::${ACCOUNT}:root,2020-01-01T00:00:00+00:00,not_supported,N/A,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
  const rows = data.users.map(
    (u) =>
      `${u.name},${userArn(u)},${u.created},true,N/A,${u.created},N/A,${u.mfa},${u.key},${u.key ? u.created : 'N/A'},N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  );
  return [cols, root, ...rows].join('\n');
}

function iam(action, params, data) {
  const wrap = (body) =>
    `<${action}Response xmlns="${IAM_NS}"><${action}Result>${body}</${action}Result><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></${action}Response>`;
  const user = () => data.usersByName.get(params.get('UserName') ?? '');
  switch (action) {
    case 'GetAccountAuthorizationDetails': {
      if (params.get('Filter.member.1') !== 'User') return wrap('<IsTruncated>false</IsTruncated>');
      const max = Number(params.get('MaxItems') ?? 100);
      const start = Number(params.get('Marker') ?? 0);
      const items = data.users.slice(start, start + max);
      const more = start + max < data.users.length;
      return wrap(
        `<UserDetailList>${items.map((u, i) => userXml(u, start + i)).join('')}</UserDetailList>` +
          `<IsTruncated>${more}</IsTruncated>${more ? `<Marker>${start + max}</Marker>` : ''}`,
      );
    }
    case 'ListMFADevices': {
      const u = user();
      const devices = u?.mfa
        ? `<member><UserName>${u.name}</UserName><SerialNumber>arn:aws:iam::${ACCOUNT}:mfa/${u.name}</SerialNumber><EnableDate>${u.created}</EnableDate></member>`
        : '';
      return wrap(`<MFADevices>${devices}</MFADevices><IsTruncated>false</IsTruncated>`);
    }
    case 'ListAccessKeys': {
      const u = user();
      const keys = u?.key
        ? `<member><UserName>${u.name}</UserName><AccessKeyId>AKIABENCH${u.name.slice(5)}</AccessKeyId><Status>Active</Status><CreateDate>${u.created}</CreateDate></member>`
        : '';
      return wrap(`<AccessKeyMetadata>${keys}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`);
    }
    case 'GenerateCredentialReport':
      return wrap('<State>COMPLETE</State>');
    case 'GetCredentialReport':
      data.report ??= Buffer.from(credentialReport(data)).toString('base64');
      return wrap(
        `<Content>${data.report}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2025-03-03T05:00:00Z</GeneratedTime>`,
      );
    default:
      return undefined;
  }
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
        } else if (service === 'iam') {
          const body = iam(action, params, data);
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
const SCAN_CREDENTIALS = async () => ({ accessKeyId: 'AKIDBENCHFAKE', secretAccessKey: 'not-a-secret' });

/** Run a provider's collection, with wall time, CPU use and peak RSS of this process. */
async function measure(provider, collectOpts) {
  let peakRss = 0;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let errors = [];
  for await (const batch of provider.collect(collectOpts)) {
    errors = errors.concat(
      batch.collections.filter((c) => c.error).map((c) => `${c.type} ${c.region}: ${c.error}`),
    );
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sample);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  return {
    wall,
    cpuMs: (cpu.user + cpu.system) / 1000,
    stats: provider.stats(),
    peakRss,
    errors: errors.slice(0, 5),
  };
}

/**
 * The large account as a scan of every check collects it: the types the checks use among what
 * these three collectors produce, and (where the build has them) the facts the checks read.
 */
async function largeScan(mode, concurrency, distDir) {
  const aws = await import(pathToFileURL(join(distDir, 'providers', 'aws', 'index.js')).href);
  const { ALL_CHECKS } = await import(pathToFileURL(join(distDir, 'checks', 'index.js')).href);
  const core = await import(pathToFileURL(join(distDir, 'core', 'check.js')).href);
  const { normaliserFor } = await import(pathToFileURL(join(distDir, 'providers', 'normalisers.js')).href);
  const base = ['aws.ec2.security_group', 'aws.s3.bucket', 'aws.iam.user'];
  const produced = new Set(base.flatMap((t) => [t, ...(normaliserFor(t)?.produces ?? [])]));
  const types = new Set(ALL_CHECKS.flatMap((c) => c.uses).filter((t) => produced.has(t)));
  const facts = core.factsNeeded?.(ALL_CHECKS);
  const rates = mode === 'raised' ? { requests_per_second: 5000 } : {};
  const provider = new aws.AwsProvider(
    { type: 'aws', regions: 'all', max_concurrency: concurrency, max_attempts: 3, ...rates },
    {
      credentials: SCAN_CREDENTIALS,
      homeRegion: 'us-east-1',
      collectors: base.map((t) => aws.collectorByType(t)),
    },
  );
  const r = await measure(provider, { types, ...(facts ? { facts } : {}) });
  process.stdout.write(`${JSON.stringify({ mode, ...r })}\n`);
}

/** Each type of the services shape collected on its own, with the facts every check reads. */
async function servicesScan(concurrency, distDir) {
  const aws = await import(pathToFileURL(join(distDir, 'providers', 'aws', 'index.js')).href);
  const { ALL_CHECKS } = await import(pathToFileURL(join(distDir, 'checks', 'index.js')).href);
  const core = await import(pathToFileURL(join(distDir, 'core', 'check.js')).href);
  const facts = core.factsNeeded?.(ALL_CHECKS);
  const rows = [];
  for (const type of SERVICE_TYPES) {
    const collector = aws.collectorByType(type);
    if (!collector) continue;
    const provider = new aws.AwsProvider(
      {
        type: 'aws',
        regions: ['eu-west-1'],
        max_concurrency: concurrency,
        max_attempts: 1,
        requests_per_second: 5000,
      },
      { credentials: SCAN_CREDENTIALS, homeRegion: 'eu-west-1', collectors: [collector] },
    );
    const r = await measure(provider, { types: new Set([type]), ...(facts ? { facts } : {}) });
    const calls = { ...r.stats.calls };
    delete calls['sts:GetCallerIdentity'];
    rows.push({ type, resources: r.stats.resources, calls, errors: r.errors });
  }
  process.stdout.write(`${JSON.stringify({ rows })}\n`);
}

async function scan(mode, concurrency, distDir) {
  const aws = await import(pathToFileURL(join(distDir, 'providers', 'aws', 'index.js')).href);
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
      credentials: SCAN_CREDENTIALS,
      homeRegion: 'us-east-1',
      collectors: mode === 'naive' ? collectors : undefined,
    },
  );
  const r = await measure(provider, { types: new Set(types) });
  process.stdout.write(`${JSON.stringify({ mode, ...r })}\n`);
}

// ---------------------------------------------------------------- driver
function runChild(shape, mode, endpoint, concurrency, distDir) {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir> writes a CPU profile of each scan there
    const prof = process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
    const args = [
      ...prof,
      fileURLToPath(import.meta.url),
      '--child',
      shape,
      mode,
      String(concurrency),
      distDir,
    ];
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
        : reject(new Error(`${shape} ${mode} scan exited ${code}`)),
    );
  });
}

function parseArgs(argv) {
  const o = {
    resources: 12_000,
    latency: 50,
    concurrency: 64,
    largeLatency: 5,
    shapes: ['mixed', 'large', 'services'],
    servicesSize: 200,
    repeat: 1,
    before: undefined,
  };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--resources') o.resources = Number(v());
    else if (a === '--latency') o.latency = Number(v());
    else if (a === '--concurrency') o.concurrency = Number(v());
    else if (a === '--large-latency') o.largeLatency = Number(v());
    else if (a === '--shapes') o.shapes = v().split(',');
    else if (a === '--repeat') o.repeat = Number(v());
    else if (a === '--before') o.before = v();
    else if (a === '--services-size') o.servicesSize = Number(v());
    else positional.push(a);
  }
  if (positional[0]) o.resources = Number(positional[0]);
  if (positional[1]) o.latency = Number(positional[1]);
  if (positional[2]) o.concurrency = Number(positional[2]);
  return o;
}

async function serve(data, latency) {
  data.byName = new Map(data.buckets.map((b) => [b.name, b]));
  data.usersByName = new Map(data.users.map((u) => [u.name, u]));
  const server = await startServer(data, latency);
  return { server, endpoint: `http://127.0.0.1:${server.address().port}` };
}

const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
const topCalls = (calls) =>
  Object.entries(calls)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

async function mixed(o) {
  const data = estate(o.resources);
  const { server, endpoint } = await serve(data, o.latency);
  console.log(
    `mixed account: ${data.count} resources in ${REGIONS.length} regions (${data.buckets.length} buckets), ` +
      `${o.latency} ms per call, ${o.concurrency} calls in flight at most`,
  );
  const results = [];
  for (const mode of ['cloudward', 'naive', 'default-rates']) {
    const r = await runChild('mixed', mode, endpoint, o.concurrency, OWN_DIST);
    const calls = r.stats.totalCalls;
    const ideal = (calls * o.latency) / o.concurrency;
    results.push({ mode, r, calls, ideal });
    console.log(
      `${mode.padEnd(13)}  wall ${secs(r.wall)}  ideal ${secs(ideal)}  ` +
        `calls ${calls}  calls/resource ${(calls / r.stats.resources).toFixed(3)}  ` +
        `resources/s ${Math.round(r.stats.resources / (r.wall / 1000))}  CPU ${Math.round((100 * r.cpuMs) / r.wall)}%  ` +
        `peak RSS ${Math.round(r.peakRss / 2 ** 20)} MiB  peak in flight ${r.stats.peakInFlight}  ` +
        `failed collections ${r.stats.failedCollections}`,
    );
    for (const e of r.errors) console.log(`  error: ${e}`);
    console.log(`  calls by action: ${topCalls(r.stats.calls)}`);
  }
  const [ours, naive, paced] = results;
  console.log(
    `default-rates is the shipped scan with its default rates (${paced.r.stats.tokenWaits} requests waited for a token)`,
  );
  console.log(
    `cloudward makes ${(naive.calls / ours.calls).toFixed(2)}x fewer calls and is ${(naive.r.wall / ours.r.wall).toFixed(2)}x faster than the naive baseline`,
  );
  server.close();
  server.closeAllConnections?.();
}

async function large(o) {
  const data = largeEstate();
  const { server, endpoint } = await serve(data, o.largeLatency);
  const builds = [['this', OWN_DIST], ...(o.before ? [['before', o.before]] : [])];
  console.log(
    `\nlarge account: ${data.buckets.length} buckets, ${data.users.length} IAM users, ` +
      `${Object.values(data.regions).reduce((n, r) => n + r.sgs.length, 0)} security groups in ${LARGE_REGIONS.length} regions, ` +
      `${o.largeLatency} ms per call, ${o.concurrency} calls in flight at most; builds: ${builds.map(([n, d]) => `${n}=${d}`).join(' ')}`,
  );
  const table = [];
  for (let rep = 1; rep <= o.repeat; rep++) {
    const row = {};
    // raised first, then default, alternating builds, so that a drift of the machine's load
    // touches every configuration alike
    for (const mode of ['raised', 'default']) {
      for (const [name, dir] of builds) {
        const r = await runChild('large', mode, endpoint, o.concurrency, dir);
        row[`${name}/${mode}`] = r;
        const calls = r.stats.totalCalls;
        console.log(
          `run ${rep}  ${name.padEnd(6)} ${mode.padEnd(7)}  wall ${secs(r.wall).padStart(9)}  calls ${String(calls).padStart(6)}  ` +
            `calls/resource ${(calls / data.count).toFixed(3)}  CPU ${String(Math.round((100 * r.cpuMs) / r.wall)).padStart(3)}%  ` +
            `token waits ${r.stats.tokenWaits}  throttled ${r.stats.throttled ?? '-'}  ` +
            `ideal ${secs((calls * o.largeLatency) / o.concurrency)}  peak RSS ${Math.round(r.peakRss / 2 ** 20)} MiB  ` +
            `failed collections ${r.stats.failedCollections}`,
        );
        for (const e of r.errors) console.log(`  error: ${e}`);
        console.log(`  calls by action: ${topCalls(r.stats.calls)}`);
      }
    }
    table.push(row);
  }
  console.log('\nper run: default limits / raised limits (wall), and this build against the other');
  for (const [i, row] of table.entries()) {
    const parts = builds.map(
      ([name]) =>
        `${name} default/raised ${(row[`${name}/default`].wall / row[`${name}/raised`].wall).toFixed(2)}x`,
    );
    if (o.before) {
      const b = row['before/default'];
      const t = row['this/default'];
      parts.push(
        `default limits: this is ${(b.wall / t.wall).toFixed(2)}x faster with ${(b.stats.totalCalls / t.stats.totalCalls).toFixed(2)}x fewer calls`,
      );
      parts.push(
        `raised limits: this is ${(row['before/raised'].wall / row['this/raised'].wall).toFixed(2)}x faster`,
      );
    }
    console.log(`run ${i + 1}: ${parts.join('; ')}`);
  }
  server.close();
  server.closeAllConnections?.();
}

async function services(o) {
  const data = servicesEstate(o.servicesSize);
  const server = await startServicesServer(data, o.largeLatency);
  console.log(
    `\nservices account: one region, about ${o.servicesSize} resources per type, ${o.largeLatency} ms per call; ` +
      'each type collected alone as a scan of every check collects it',
  );
  const { rows } = await runChild('services', 'all', data.endpoint, o.concurrency, OWN_DIST);
  console.log(
    `${'type'.padEnd(34)} ${'resources'.padStart(9)} ${'calls'.padStart(6)} ${'calls/resource'.padStart(14)}  calls by action`,
  );
  for (const row of rows) {
    const total = Object.values(row.calls).reduce((n, c) => n + c, 0);
    console.log(
      `${row.type.padEnd(34)} ${String(row.resources).padStart(9)} ${String(total).padStart(6)} ${(total / Math.max(1, row.resources)).toFixed(3).padStart(14)}  ${topCalls(row.calls)}`,
    );
    for (const e of row.errors) console.log(`  error: ${e}`);
  }
  server.close();
  server.closeAllConnections?.();
}

async function main() {
  if (process.argv[2] === '--child') {
    const [shape, mode, concurrency, distDir] = process.argv.slice(3);
    if (shape === 'services') return servicesScan(Number(concurrency), distDir);
    return shape === 'large'
      ? largeScan(mode, Number(concurrency), distDir)
      : scan(mode, Number(concurrency), distDir);
  }
  const o = parseArgs(process.argv.slice(2));
  if (o.shapes.includes('mixed')) await mixed(o);
  if (o.shapes.includes('large')) await large(o);
  if (o.shapes.includes('services')) await services(o);
}

await main();
