#!/usr/bin/env node
// Throughput of the whole detection pipeline (`cloudward detect` minus printing): the CloudTrail
// file source, our rule pack through the index and the correlator, detection findings, and their
// writes to a SQLite detections table, against the floor of gunzip + JSON.parse of the same file.
//
//   npx tsc -p tsconfig.build.json && node bench/detect.mjs [events=200000]
//
// Each measurement runs in its own child process so that its peak RSS is its own. With
// ../shared/data/sigma present, a last run also loads every SigmaHQ cloud rule beside our pack.
// It prints figures and asserts nothing: they depend on the machine.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip, gunzipSync } from 'node:zlib';
import { makeWheel, syntheticEvent } from './lib/synthetic-cloudtrail.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', p);
const SIGMAHQ = join(root, '..', 'shared', 'data', 'sigma', 'rules', 'cloud');

const ACCOUNT = '111122223333';
// A day of activity, mostly reads; about 1 event in 8 raises a detection of our pack (a heavy load for
// the finding and store path).
const MIX = [
  ['ec2', 'DescribeInstances', 30],
  ['s3', 'GetObject', 20],
  ['sts', 'AssumeRole', 15],
  ['kms', 'Decrypt', 10],
  ['s3', 'PutObject', 8],
  ['iam', 'ListRoles', 6],
  ['signin', 'ConsoleLogin', 4],
  ['ec2', 'AuthorizeSecurityGroupIngress', 2],
  ['iam', 'AttachRolePolicy', 2],
  ['cloudtrail', 'StopLogging', 1],
  ['ec2', 'CreateRoute', 1],
  ['iam', 'GetUser', 1],
];
const WHEEL = makeWheel(MIX);
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];

const makeEvent = (i) =>
  syntheticEvent(i, { wheel: WHEEL, ms: Date.UTC(2026, 4, 4) + i * 400, region: REGIONS[i % 3] });

async function generate(file, n) {
  const gz = createGzip({ level: 6 });
  const out = createWriteStream(file);
  gz.pipe(out);
  const write = async (s) => {
    if (!gz.write(s)) await new Promise((r) => gz.once('drain', r));
  };
  let bytes = '{"Records":['.length;
  await write('{"Records":[');
  for (let i = 0; i < n; i++) {
    const s = (i ? ',' : '') + JSON.stringify(makeEvent(i));
    bytes += s.length;
    await write(s);
  }
  await write(']}');
  gz.end();
  await new Promise((r) => out.on('close', r));
  return bytes + 2;
}

async function child(mode, file, dbDir) {
  const t0 = process.hrtime.bigint();
  let events = 0;
  let detections = 0;
  let rules = 0;
  if (mode === 'floor') {
    const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
    for (const r of doc.Records) if (r.eventName) events++;
  } else {
    const { openSource } = await import(dist('detect/sources/index.js'));
    const { DetectionPipeline, loadDetectionRules } = await import(dist('detect/detector.js'));
    const { openDetectionStore } = await import(dist('store/sqlite-detections.js'));
    const withSigma = mode === 'detect+sigmahq';
    const storing = mode !== 'engine';
    const loaded = await loadDetectionRules({ dirs: withSigma ? [SIGMAHQ] : [] });
    const pipeline = new DetectionPipeline(loaded.rules, 'cloudtrail');
    rules = pipeline.ruleCount;
    const store = storing ? openDetectionStore(join(dbDir, `${mode}.db`)) : undefined;
    const source = openSource({ type: 'cloudtrail', path: file });
    let batch = [];
    for await (const ev of source.read()) {
      const found = pipeline.process(ev);
      if (found.length) batch.push(...found);
      if (batch.length >= 2000) {
        detections += store ? await store.addDetections(batch) : batch.length;
        batch = [];
      }
    }
    batch.push(...pipeline.flush());
    detections += store ? await store.addDetections(batch) : batch.length;
    await store?.close();
    events = pipeline.events;
    if (source.stats.problems)
      throw new Error(`unexpected problems: ${JSON.stringify(source.problems.slice(0, 3))}`);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ events, secs, peakRssMb, detections, rules }));
}

async function main() {
  if (!existsSync(dist('detect/detector.js'))) {
    console.error('build first: npx tsc -p tsconfig.build.json');
    process.exit(2);
  }
  const n = Number(process.argv[2] ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'cloudward-detect-bench-'));
  const file = join(dir, `${ACCOUNT}_CloudTrail_us-east-1_20260504T0000Z_bench.json.gz`);
  try {
    const raw = await generate(file, n);
    console.log(
      `generated ${n} CloudTrail events: ${(raw / 1e6).toFixed(1)} MB of JSON, ${(statSync(file).size / 1e6).toFixed(1)} MB gzipped`,
    );
    const run = (mode) => {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, file, dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    const row = (label, r) =>
      console.log(
        `${label.padEnd(46)} ${(r.events / r.secs).toFixed(0).padStart(8)} events/s  ${r.secs.toFixed(2).padStart(6)} s  peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB${r.rules ? `  ${r.rules} rules, ${r.detections} detections` : ''}`,
      );
    const floor = run('floor');
    row('floor: gunzipSync + JSON.parse (whole file)', floor);
    const engine = run('engine');
    row('engine: source + our pack, nothing stored', engine);
    const detect = run('detect');
    row('detect: source + our pack + store (1 core)', detect);
    console.log(
      `detect speed vs floor: ${((detect.events / detect.secs / (floor.events / floor.secs)) * 100).toFixed(0)}%`,
    );
    if (existsSync(SIGMAHQ)) {
      const all = run('detect+sigmahq');
      row('detect: our pack + SigmaHQ cloud rules + store', all);
      console.log(
        `with SigmaHQ rules vs floor: ${((all.events / all.secs / (floor.events / floor.secs)) * 100).toFixed(0)}%`,
      );
    }
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
