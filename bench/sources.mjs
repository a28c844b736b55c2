#!/usr/bin/env node
// Benchmark of the CloudTrail file source against the floor of plain gunzip + JSON.parse.
//
//   npx tsc -p tsconfig.build.json && node bench/sources.mjs [events=200000]
//
// Generates one large CloudTrail .json.gz in a temp dir, then reads it in two child processes
// (so that each peak RSS is its own): the floor loads the whole file with gunzipSync and
// JSON.parse; the source streams it through openSource. Prints events/s and peak RSS. It does
// not assert anything: figures depend on the machine.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip, gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'detect', 'sources', 'index.js');

const NAMES = [
  'DescribeInstances',
  'AssumeRole',
  'GetObject',
  'PutObject',
  'ConsoleLogin',
  'AuthorizeSecurityGroupIngress',
  'CreateUser',
  'ListBuckets',
  'Decrypt',
  'UpdateTrail',
];
const SOURCES = ['ec2', 'sts', 's3', 's3', 'signin', 'ec2', 'iam', 's3', 'kms', 'cloudtrail'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'];

function event(i) {
  const k = i % NAMES.length;
  const t = new Date(Date.UTC(2024, 4, 1) + i * 250)
    .toISOString()
    .replace('.000', '')
    .replace(/\.\d+Z$/, 'Z');
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE${i % 97}:session-${i % 13}`,
      arn: `arn:aws:sts::111122223333:assumed-role/Role${i % 17}/session-${i % 13}`,
      accountId: '111122223333',
      accessKeyId: `ASIAEXAMPLE${String(i % 1000).padStart(9, '0')}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROAEXAMPLE${i % 97}`,
          arn: `arn:aws:iam::111122223333:role/Role${i % 17}`,
          accountId: '111122223333',
          userName: `Role${i % 17}`,
        },
        attributes: { creationDate: t, mfaAuthenticated: i % 5 === 0 ? 'true' : 'false' },
      },
    },
    eventTime: t,
    eventSource: `${SOURCES[k]}.amazonaws.com`,
    eventName: NAMES[k],
    awsRegion: REGIONS[i % REGIONS.length],
    sourceIPAddress: `198.51.${(i >> 8) % 256}.${i % 256}`,
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64 prompt/off command/ec2.describe-instances',
    requestParameters: {
      filterSet: { items: [{ name: 'tag:Name', valueSet: { items: [{ value: `web-"${i}" [x] {y}` }] } }] },
      maxResults: 1000,
    },
    responseElements: i % 11 === 0 ? { credentials: { expiration: t, sessionToken: 'redacted' } } : null,
    ...(i % 23 === 0
      ? { errorCode: 'AccessDenied', errorMessage: 'User is not authorized to perform this operation' }
      : {}),
    requestID: `${i.toString(16).padStart(8, '0')}-1111-4222-8333-444455556666`,
    eventID: `${i.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-ddddeeeeffff`,
    readOnly: k % 2 === 0,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${SOURCES[k]}.us-east-1.amazonaws.com`,
    },
  };
}

async function generate(file, n) {
  const gz = createGzip({ level: 6 });
  const out = createWriteStream(file);
  gz.pipe(out);
  const write = (s) => (gz.write(s) ? undefined : new Promise((r) => gz.once('drain', r)));
  let raw = 0;
  const head = '{"Records":[';
  raw += head.length;
  await write(head);
  for (let i = 0; i < n; i++) {
    const s = (i ? ',' : '') + JSON.stringify(event(i));
    raw += s.length;
    await write(s);
  }
  await write(']}');
  raw += 2;
  gz.end();
  await new Promise((r) => out.on('close', r));
  return raw;
}

async function child(mode, file) {
  const t0 = process.hrtime.bigint();
  let events = 0;
  let maxBuffered = 0;
  if (mode === 'floor') {
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
    for (const r of doc.Records) if (r.eventName) events++;
  } else {
    const { openSource } = await import(dist);
    const src = openSource(
      { type: 'cloudtrail', path: file },
      {
        onSplitterStats: (_f, s) => (maxBuffered = Math.max(maxBuffered, s.maxBufferedChars)),
        wholeFileMaxBytes: 0,
      },
    );
    for await (const ev of src.read()) if (ev.com.action) events++;
    if (src.stats.problems)
      throw new Error(`unexpected problems: ${JSON.stringify(src.problems.slice(0, 3))}`);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ events, secs, peakRssMb, maxBuffered }));
}

async function main() {
  const n = Number(process.argv[2] ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'cloudward-bench-'));
  const file = join(dir, '111122223333_CloudTrail_us-east-1_20240501T0000Z_bench.json.gz');
  try {
    const raw = await generate(file, n);
    console.log(
      `generated ${n} events: ${(raw / 1e6).toFixed(1)} MB JSON, ${(statSync(file).size / 1e6).toFixed(1)} MB gzipped`,
    );
    const run = (mode) => {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    const floor = run('floor');
    const source = run('source');
    const row = (name, r) =>
      console.log(
        `${name.padEnd(38)} ${String(r.events).padStart(8)} events  ${(r.events / r.secs).toFixed(0).padStart(8)} events/s  ${r.secs.toFixed(2).padStart(6)} s  peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB`,
      );
    row('floor: gunzipSync + JSON.parse', floor);
    row('source: openSource (streaming)', source);
    console.log(
      `source speed vs floor: ${((source.events / source.secs / (floor.events / floor.secs)) * 100).toFixed(0)}%`,
    );
    console.log(`largest partial record held by the splitter: ${source.maxBuffered} chars`);
  } finally {
    // BENCH_KEEP=1 keeps the generated file (for profiling the child modes by hand)
    if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
