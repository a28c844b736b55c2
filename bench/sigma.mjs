#!/usr/bin/env node
// Sigma engine throughput: RuleSet.match with the dispatch index against brute force (every rule on every
// event), over every SigmaHQ rule that loads for AWS CloudTrail (rules/, deprecated/ and unsupported/) and
// a synthetic CloudTrail event stream (plus the labelled events from ../shared/data when present).
// Prints figures; asserts nothing about time.
//
//   npx tsc -p tsconfig.build.json && node bench/sigma.mjs [--events N] [--rules DIR]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'detect', 'sigma', 'index.js');
if (!existsSync(dist)) {
  console.error('dist/ is missing: build first with `npx tsc -p tsconfig.build.json`');
  process.exit(2);
}
const { Detector, loadRuleDir, RuleSet, SOURCES } = await import(dist);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const shared = join(root, '..', 'shared', 'data');
const rulesDir = arg('--rules', join(shared, 'sigma'));
const count = Number(arg('--events', '200000'));
if (!existsSync(rulesDir)) {
  console.log(`skipping: no rules at ${rulesDir} (pass --rules DIR)`);
  process.exit(0);
}

const { rules, errors } = await loadRuleDir(rulesDir);
const indexed = new RuleSet(rules, { source: SOURCES.cloudtrail });
const brute = new RuleSet(rules, { source: SOURCES.cloudtrail, index: false });
const stats = indexed.stats();

// Deterministic PRNG (mulberry32) so every run sees the same events.
let seed = 42;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// Mostly routine read-only calls, as in a real trail, with a share of the calls rules look for.
const routine = [
  ['s3.amazonaws.com', 'GetObject'],
  ['s3.amazonaws.com', 'PutObject'],
  ['sts.amazonaws.com', 'AssumeRole'],
  ['ec2.amazonaws.com', 'DescribeInstances'],
  ['kms.amazonaws.com', 'Decrypt'],
  ['kms.amazonaws.com', 'GenerateDataKey'],
  ['logs.amazonaws.com', 'PutLogEvents'],
  ['dynamodb.amazonaws.com', 'GetItem'],
  ['lambda.amazonaws.com', 'Invoke'],
  ['iam.amazonaws.com', 'GetRole'],
  ['cloudwatch.amazonaws.com', 'GetMetricData'],
  ['ssm.amazonaws.com', 'GetParameter'],
];
const interesting = [
  ['cloudtrail.amazonaws.com', 'StopLogging'],
  ['cloudtrail.amazonaws.com', 'UpdateTrail'],
  ['iam.amazonaws.com', 'CreateAccessKey'],
  ['iam.amazonaws.com', 'UpdateLoginProfile'],
  ['ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress'],
  ['ec2.amazonaws.com', 'CreateNetworkAclEntry'],
  ['signin.amazonaws.com', 'ConsoleLogin'],
  ['sts.amazonaws.com', 'GetCallerIdentity'],
  ['s3.amazonaws.com', 'PutBucketPolicy'],
  ['config.amazonaws.com', 'StopConfigurationRecorder'],
];
const userTypes = ['AssumedRole', 'IAMUser', 'Root', 'AWSService'];
const agents = [
  'aws-cli/2.15.0 Python/3.11',
  'Boto3/1.34.0',
  'console.amazonaws.com',
  'TruffleHog',
  'terraform/1.7',
];

function syntheticEvent(i) {
  const [eventSource, eventName] = rand() < 0.9 ? pick(routine) : pick(interesting);
  const type = pick(userTypes);
  return {
    eventVersion: '1.08',
    eventID: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    eventTime: new Date(Date.UTC(2024, 4, 1) + i * 50).toISOString(),
    eventSource,
    eventName,
    awsRegion: pick(['us-east-1', 'eu-west-1']),
    sourceIPAddress: `198.51.100.${i % 250}`,
    userAgent: pick(agents),
    userIdentity: {
      type,
      arn: `arn:aws:sts::123456789012:assumed-role/role-${i % 40}/session`,
      accountId: '123456789012',
      sessionContext: { sessionIssuer: { type: 'Role' }, attributes: { mfaAuthenticated: 'false' } },
    },
    requestParameters:
      eventName === 'AuthorizeSecurityGroupIngress'
        ? {
            ipPermissions: {
              items: [{ ipRanges: { items: [{ cidrIp: pick(['0.0.0.0/0', '10.0.0.0/8']) }] } }],
            },
          }
        : { bucketName: `bucket-${i % 100}` },
    responseElements: eventName === 'ConsoleLogin' ? { ConsoleLogin: pick(['Success', 'Failure']) } : null,
    additionalEventData: eventName === 'ConsoleLogin' ? { MFAUsed: pick(['Yes', 'No']) } : undefined,
    errorCode: rand() < 0.05 ? 'AccessDenied' : undefined,
  };
}

const events = Array.from({ length: count }, (_, i) => syntheticEvent(i));
const panther = join(shared, 'logs', 'panther', 'panther_tests.jsonl');
let labelled = 0;
if (existsSync(panther)) {
  for (const line of readFileSync(panther, 'utf8').split('\n')) {
    if (!line) continue;
    const c = JSON.parse(line);
    if (c.log_types.includes('AWS.CloudTrail')) {
      events.push(c.log);
      labelled++;
    }
  }
}
const texts = events.map((e) => JSON.stringify(e));

function measure(label, fn, rounds = 3) {
  fn(); // warm up
  let best = Number.POSITIVE_INFINITY;
  let result = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    best = Math.min(best, ms);
  }
  const rate = (events.length / best) * 1000;
  console.log(
    `${label.padEnd(34)} ${Math.round(rate).toLocaleString('en-US').padStart(12)} events/s  (${best.toFixed(0)} ms, ${result} matches)`,
  );
  return { rate, result };
}

console.log(
  `rules: ${rules.length} loaded from ${rulesDir} (${errors.length} failed); on cloudtrail: ${stats.rules} detections (indexed ${stats.indexed}, always run ${stats.alwaysRun} ${JSON.stringify(stats.byField)}), ${indexed.correlations.length} correlations`,
);
console.log(
  `events: ${events.length} (${count} synthetic + ${labelled} labelled CloudTrail), node ${process.version}`,
);

const withIndex = measure('RuleSet.match (index)', () => {
  let n = 0;
  for (const e of events) n += indexed.match(e).length;
  return n;
});
const bruteForce = measure('brute force (every rule)', () => {
  let n = 0;
  for (const e of events) n += brute.match(e).length;
  return n;
});
measure('Detector.process (with correlations)', () => {
  // a fresh detector per pass: correlation state must not carry over between passes
  const detector = new Detector(rules, { source: SOURCES.cloudtrail });
  let n = 0;
  for (const e of events) n += detector.process(e).length;
  return n + detector.flush().length;
});
const parseOnly = measure('JSON.parse alone', () => {
  let n = 0;
  for (const t of texts) n += JSON.parse(t) ? 1 : 0;
  return 0 * n;
});
const parseAndMatch = measure('JSON.parse + RuleSet.match', () => {
  let n = 0;
  for (const t of texts) n += indexed.match(JSON.parse(t)).length;
  return n;
});
if (withIndex.result !== bruteForce.result) {
  console.log(`MISMATCH: index found ${withIndex.result} matches, brute force ${bruteForce.result}`);
  process.exitCode = 1;
}
console.log(
  `index speed-up over brute force: ${(withIndex.rate / bruteForce.rate).toFixed(1)}x; parse+match at ${((parseAndMatch.rate / parseOnly.rate) * 100).toFixed(0)}% of the JSON.parse floor`,
);
