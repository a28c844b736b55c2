#!/usr/bin/env node
// Detection speed at scale: a synthetic CloudTrail tree of >= 1,000,000 events in many .json.gz files,
// read by the engine in each mode below, every mode in its own child process so that its peak RSS
// (process.resourceUsage().maxRSS) is its own:
//   floor        gunzip + JSON.parse of every file, nothing else
//   pack         CloudTrail file source + our rule pack + correlations, one core, nothing stored
//   pack+sigma   the same with every SigmaHQ cloud rule loaded too (skipped when absent)
//   pack workers, pack+sigma workers
//                the same with worker threads across files (as `cloudward detect --workers <CPUs>`)
//
//   npx tsc -p tsconfig.build.json && node bench/detect-speed.mjs [events=1000000] [files=200]
//
// DIST=<dir> points at another build of src/ (default dist/). BASE_DIST=<dir> runs every engine
// mode with that build too, right after this one, to compare two builds on the same (shared,
// loaded) machine. REPS=<n> repeats every run n times, interleaved, and prints medians.
// MODES=floor,pack,... picks modes. WORKERS=<n> sets the worker threads (default: one per CPU).
// HASH=1 hashes every finding's JSON in order, to compare builds and modes (off by default: with the
// SigmaHQ rules' 329,016 findings, stringifying and hashing them was half the run's CPU, which is the
// bench's work, not detection's).
// It prints figures (and, with HASH=1, that hash of every finding's JSON, and the
// main thread's share of the process's CPU time), asserts nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip, gunzipSync } from 'node:zlib';
import { iso, makeWheel, syntheticEvent } from './lib/synthetic-cloudtrail.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.DIST ?? join(root, 'dist');
const dist = (p) => join(distDir, p);
const SIGMAHQ = join(root, '..', 'shared', 'data', 'sigma', 'rules', 'cloud');
const ACCOUNT = '111122223333';

// [service, eventName, weight]: mostly reads, with the writes our pack and SigmaHQ rules look at.
const MIX = [
  ['ec2', 'DescribeInstances', 200],
  ['s3', 'GetObject', 150],
  ['sts', 'AssumeRole', 120],
  ['kms', 'Decrypt', 80],
  ['s3', 'PutObject', 60],
  ['iam', 'ListRoles', 40],
  ['lambda', 'ListFunctions20150331', 30],
  ['logs', 'PutLogEvents', 30],
  ['dynamodb', 'Query', 30],
  ['signin', 'ConsoleLogin', 20],
  ['ec2', 'AuthorizeSecurityGroupIngress', 8],
  ['iam', 'AttachRolePolicy', 6],
  ['iam', 'CreateAccessKey', 4],
  ['iam', 'CreateUser', 3],
  ['s3', 'PutBucketPolicy', 3],
  ['ec2', 'CreateRoute', 3],
  ['iam', 'GetUser', 3],
  ['cloudtrail', 'StopLogging', 1],
  ['cloudtrail', 'DeleteTrail', 1],
  ['guardduty', 'DeleteDetector', 1],
  ['ec2', 'ModifyInstanceAttribute', 2],
  ['kms', 'ScheduleKeyDeletion', 1],
  ['ec2', 'DeleteFlowLogs', 1],
  ['ssm', 'GetParameter', 10],
  ['secretsmanager', 'GetSecretValue', 5],
  ['sts', 'GetCallerIdentity', 10],
];
const WHEEL = makeWheel(MIX);

const makeEvent = (i, ms) => syntheticEvent(i, { wheel: WHEEL, ms, region: 'us-east-1' });

/** The CloudTrail tree: AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>, 5 minutes a file. */
async function generate(dir, total, files) {
  const per = Math.ceil(total / files);
  const start = Date.UTC(2026, 4, 4);
  const step = (5 * 60_000) / per;
  let i = 0;
  for (let f = 0; f < files; f++) {
    const fileStart = start + f * 5 * 60_000;
    const d = new Date(fileStart);
    const day = join(
      dir,
      'AWSLogs',
      ACCOUNT,
      'CloudTrail',
      'us-east-1',
      String(d.getUTCFullYear()),
      String(d.getUTCMonth() + 1).padStart(2, '0'),
      String(d.getUTCDate()).padStart(2, '0'),
    );
    mkdirSync(day, { recursive: true });
    const stamp = iso(fileStart)
      .replace(/[-:]/g, '')
      .replace(/\d\dZ$/, 'Z');
    const gz = createGzip({ level: 6 });
    const out = createWriteStream(
      join(day, `${ACCOUNT}_CloudTrail_us-east-1_${stamp}_${f.toString(36)}.json.gz`),
    );
    gz.pipe(out);
    const parts = [];
    for (let k = 0; k < per && i < total; k++, i++)
      parts.push(JSON.stringify(makeEvent(i, fileStart + k * step)));
    gz.end(`{"Records":[${parts.join(',')}]}`);
    await new Promise((r) => out.on('close', r));
  }
  return i;
}

function listFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith('.json.gz')) out.push(join(e.parentPath, e.name));
  return out.sort();
}

/** Worker threads in the workers modes: WORKERS=<n>, else one per CPU. */
const benchWorkers = () => Number(process.env.WORKERS ?? availableParallelism());

/** CPU seconds of this process's main thread alone (Linux /proc; NaN elsewhere). */
function mainThreadCpuSecs() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

async function child(mode, dir) {
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const mainCpu0 = mainThreadCpuSecs();
  let events = 0;
  let detections = 0;
  let rules = 0;
  let top;
  // every finding's JSON in order: two builds (or one thread and workers) agree when their hashes do
  const hash = process.env.HASH === '1' ? createHash('sha256') : undefined;
  const tally = hash
    ? (found) => {
        for (const f of found) hash.update(JSON.stringify(f));
        return found.length;
      }
    : (found) => found.length;
  if (mode === 'floor') {
    for (const file of listFiles(dir)) {
      const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
      for (const r of doc.Records) if (r.eventName) events++;
    }
  } else {
    const { openSource } = await import(dist('detect/sources/index.js'));
    const { DetectionPipeline, loadDetectionRules } = await import(dist('detect/detector.js'));
    const ruleDirs = mode.startsWith('pack+sigma') ? [SIGMAHQ] : [];
    const loaded = await loadDetectionRules({ dirs: ruleDirs });
    const pipeline = new DetectionPipeline(loaded.rules, 'cloudtrail');
    rules = pipeline.ruleCount;
    if (mode.endsWith('workers')) {
      // What `cloudward detect --workers N` does for a directory: workers read and match, this thread
      // takes their results in file order for correlations and findings.
      const pool = await import(dist('detect/worker-pool.js'));
      const { listSourceFiles, readFilesParallel } = pool;
      // builds that send correlation-only events compactly (items `0`) read them as `readLog` does
      // (the reader is in compact-events.js, or in worker-pool.js in builds before it)
      const compactModule = existsSync(dist('detect/compact-events.js'))
        ? await import(dist('detect/compact-events.js'))
        : pool;
      const compact = compactModule.CompactReader
        ? new compactModule.CompactReader(pipeline.ruleSet.detections, pipeline.ruleSet.correlations)
        : undefined;
      const { ruleKey } = await import(dist('detect/sigma/types.js'));
      const compiled = pipeline.ruleSet.detections;
      const files = await listSourceFiles({ type: 'cloudtrail', path: dir }, (p) => {
        throw new Error(`unexpected problem: ${JSON.stringify(p)}`);
      });
      // builds with main-share.js read files on the main thread too: WORKERS threads read, as with
      // `--workers WORKERS` (builds before it started WORKERS worker threads beside the main thread)
      const mainReads = existsSync(dist('detect/main-share.js'));
      /** A file the main thread reads itself, as a single-threaded run reads its files. */
      const readHere = async (file) => {
        const source = openSource({ type: 'cloudtrail', path: file }, { name: `cloudtrail:${dir}` });
        for await (const batch of source.readBatches())
          for (const ev of batch) detections += tally(pipeline.process(ev));
        if (source.stats.problems)
          throw new Error(`unexpected problems: ${JSON.stringify(source.problems.slice(0, 3))}`);
      };
      for await (const r of readFilesParallel({
        files,
        workers: mainReads ? benchWorkers() - 1 : benchWorkers(),
        mainReads,
        type: 'cloudtrail',
        sourceName: `cloudtrail:${dir}`,
        ruleDirs,
        builtin: true,
        // no stateful detections run here, as in the one-core modes
        stateful: false,
        ruleKeys: compiled.map((d) => ruleKey(d.meta)),
      })) {
        if (r.main) {
          await readHere(r.file);
          continue;
        }
        compact?.load(r.compact, r.file, `cloudtrail:${dir}`);
        for (const it of r.items) {
          if (it === 0) {
            compact.next();
            // as readLog does (builds before detectIn sent only matched events compactly)
            detections += tally(
              compact.detectIn
                ? compact.detectIn(pipeline)
                : pipeline.processKnown(
                    compact.time,
                    compact.reference,
                    compact.rules,
                    compact,
                    compact.later(),
                  ),
            );
            continue;
          }
          if (it.kind === 'problem') throw new Error(`unexpected problem: ${JSON.stringify(it.problem)}`);
          const found =
            it.kind === 'event'
              ? pipeline.processMatched(
                  it.event,
                  it.rules.map((i) => compiled[i]),
                )
              : pipeline.processUnmatched(it.time, it.reference);
          detections += tally(found);
        }
      }
      detections += tally(pipeline.flush());
    } else {
      const source = openSource({ type: 'cloudtrail', path: dir });
      // as `cloudward detect` reads a file source: a batch of events at a time
      if (source.readBatches) {
        for await (const batch of source.readBatches())
          for (const ev of batch) detections += tally(pipeline.process(ev));
      } else for await (const ev of source.read()) detections += tally(pipeline.process(ev));
      detections += tally(pipeline.flush());
      if (source.stats.problems)
        throw new Error(`unexpected problems: ${JSON.stringify(source.problems.slice(0, 3))}`);
    }
    events = pipeline.events;
    top = pipeline.byRule()[0];
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const mainCpuSecs = mainThreadCpuSecs() - mainCpu0;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({
      events,
      secs,
      cpuSecs,
      mainCpuSecs,
      peakRssMb,
      detections,
      rules,
      findingsHash: hash ? hash.digest('hex').slice(0, 16) : '- (HASH=1 prints it)',
      top: top && `${top.title} (${top.count})`,
    }),
  );
}

async function main() {
  if (!existsSync(dist('detect/detector.js'))) {
    console.error('build first: npx tsc -p tsconfig.build.json');
    process.exit(2);
  }
  const n = Number(process.argv[2] ?? 1_000_000);
  const files = Number(process.argv[3] ?? 200);
  const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'cloudward-speed-'));
  try {
    if (!existsSync(join(dir, 'AWSLogs'))) {
      const made = await generate(dir, n, files);
      console.log(`generated ${made} CloudTrail events in ${files} .json.gz files under ${dir}`);
    }
    const cpus = availableParallelism();
    console.log(
      `machine: ${cpus} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const only = process.env.MODES?.split(',');
    const reps = Math.max(1, Number(process.env.REPS ?? 1));
    const baseDist = process.env.BASE_DIST;
    const run = (mode, build) => {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
        env: { ...process.env, DIST: build },
      });
      if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
      return JSON.parse(r.stdout);
    };
    const modes = [
      ['floor', 'floor: gunzip + JSON.parse'],
      ['pack', 'our pack, 1 core'],
      ['pack+sigma', 'pack + SigmaHQ cloud, 1 core'],
      ['pack workers', `our pack, ${benchWorkers()} workers`],
      ['pack+sigma workers', `pack + SigmaHQ cloud, ${benchWorkers()} workers`],
    ].filter(([mode, label]) => {
      if (only && !only.includes(mode)) return false;
      if (mode.startsWith('pack+sigma') && !existsSync(SIGMAHQ)) {
        console.log(`${label}: skipped, no SigmaHQ rules at ${SIGMAHQ}`);
        return false;
      }
      return true;
    });
    // every (mode, build) pair, run in turn REPS times so that load changes hit all of them alike
    const runs = [];
    for (const [mode, label] of modes) {
      runs.push({ mode, label, build: distDir, results: [] });
      if (baseDist && mode !== 'floor')
        runs.push({ mode, label: `${label} (base)`, build: baseDist, results: [] });
    }
    for (let rep = 0; rep < reps; rep++) for (const r of runs) r.results.push(run(r.mode, r.build));
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    };
    const rateOf = (r) => median(r.results.map((x) => x.events / x.secs));
    const cpuRateOf = (r) => median(r.results.map((x) => x.events / x.cpuSecs));
    const floor = runs.find((r) => r.mode === 'floor');
    const floorRate = floor ? rateOf(floor) : undefined;
    const floorCpuRate = floor ? cpuRateOf(floor) : undefined;
    if (reps > 1) console.log(`medians of ${reps} runs each`);
    for (const r of runs) {
      const rate = rateOf(r);
      const last = r.results.at(-1);
      const secs = median(r.results.map((x) => x.secs));
      const rss = median(r.results.map((x) => x.peakRssMb));
      // the main thread's share of the CPU the process used (1.00 on one core)
      const mainShare = median(r.results.map((x) => x.mainCpuSecs / x.cpuSecs));
      // wall time is what a user waits; CPU time (all threads) is the work, steadier on a loaded machine
      const ratio = floorRate ? `${(rate / floorRate).toFixed(2)}x floor` : '';
      const cpuRate = cpuRateOf(r);
      const cpuRatio = floorCpuRate ? `${(cpuRate / floorCpuRate).toFixed(2)}x floor` : '';
      console.log(
        `${r.label.padEnd(37)} ${rate.toFixed(0).padStart(8)} events/s  ${ratio}  ${secs.toFixed(1).padStart(6)} s | per CPU-s ${cpuRate.toFixed(0).padStart(7)}  ${cpuRatio} | main thread ${Number.isNaN(mainShare) ? '-' : `${(mainShare * 100).toFixed(0)}%`} | peak RSS ${rss.toFixed(0).padStart(5)} MB${last.rules ? `  ${last.rules} rules, ${last.detections} detections, findings ${[...new Set(r.results.map((x) => x.findingsHash))].join(' ')}` : ''}`,
      );
      if (last.top) console.log(`${''.padEnd(37)} most detections: ${last.top}`);
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    if (process.env.BENCH_KEEP || process.env.BENCH_DIR) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
