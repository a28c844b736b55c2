// Noise of the rule pack on benign activity: detections per 1,000 events, per severity, against the budget in
// bench/detect-noise-budget.json (stated in docs/detection.md).
//
//   npx tsc -p tsconfig.build.json && node bench/detect-noise.mjs [events] [--json] [--list]
//
// Two inputs:
// - a generated day of ordinary activity in one AWS account (bench/lib/benign-day.mjs, 20,000 events by
//   default), run through the CloudTrail reader and the whole pipeline (correlations included);
// - Panther's labelled benign cases (expected: false) of the log types Cloudward reads, each case on its own
//   (../shared/data/logs/panther/panther_tests.jsonl, or PANTHER_TESTS). These are near misses written to
//   look like attacks, so their budget is looser.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benignDay } from './lib/benign-day.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', p);
if (!existsSync(dist('detect/detector.js'))) {
  console.error('build first: npx tsc -p tsconfig.build.json');
  process.exit(2);
}
const { loadDetectionRules, DetectionPipeline } = await import(dist('detect/detector.js'));
const sources = await import(dist('detect/sources/index.js'));
const { ProblemLog } = await import(dist('detect/sources/source.js'));

const args = process.argv.slice(2);
const events = Number(args.find((a) => /^\d+$/.test(a)) ?? 20_000);
const budget = JSON.parse(readFileSync(join(root, 'bench', 'detect-noise-budget.json'), 'utf8'));
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];

const { rules, errors } = await loadDetectionRules();
if (errors.length) console.error(`${errors.length} rules failed to load`);

function formatFor(type) {
  return {
    cloudtrail: sources.cloudTrailFormat,
    azure_activity: sources.azureActivityFormat,
    gcp_audit: sources.gcpAuditFormat,
    entra_id: sources.entraFormat,
    vpcflow: sources.vpcFlowFormat(),
  }[type];
}

/** Detections of a list of raw events read as `type`, through the real reader and pipeline. */
function run(type, raws, { separate = false } = {}) {
  const format = formatFor(type);
  const log = new ProblemLog();
  const ctx = { file: `noise:${type}`, origin: 'noise', log };
  const found = [];
  let pipeline = new DetectionPipeline(rules, type);
  let read = 0;
  raws.forEach((raw, i) => {
    const evs = format.readMessage(typeof raw === 'string' ? raw : JSON.stringify(raw), ctx, { line: i + 1 });
    read += evs.length;
    for (const e of evs) found.push(...pipeline.process(e));
    if (separate) {
      found.push(...pipeline.flush());
      pipeline = new DetectionPipeline(rules, type);
    }
  });
  found.push(...pipeline.flush());
  return { read, found, problems: log.problems.length };
}

function rates(read, found) {
  const by = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const f of found) by[f.com.severity] += 1;
  return Object.fromEntries(
    SEVERITIES.map((s) => [s, { count: by[s], per1000: read ? (by[s] * 1000) / read : 0 }]),
  );
}

function verdict(name, r, limits) {
  const over = SEVERITIES.filter((s) => limits[s] !== undefined && r[s].per1000 > limits[s]);
  return { name, over };
}

const results = [];
// 1. the generated day
const day = benignDay({ events });
const dayRun = run('cloudtrail', day);
results.push({
  name: `generated day (${dayRun.read} CloudTrail events)`,
  key: 'generated_day',
  ...dayRun,
  rates: rates(dayRun.read, dayRun.found),
});

// 2. Panther's labelled benign cases
const TESTS =
  process.env.PANTHER_TESTS ?? join(root, '..', 'shared', 'data', 'logs', 'panther', 'panther_tests.jsonl');
if (existsSync(TESTS)) {
  const TYPES = {
    'AWS.CloudTrail': 'cloudtrail',
    'Azure.MonitorActivity': 'azure_activity',
    'GCP.AuditLog': 'gcp_audit',
    'Azure.Audit': 'entra_id',
  };
  const byType = new Map();
  for (const line of readFileSync(TESTS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    if (c.expected !== false || c.mocks !== undefined) continue;
    const types = c.log_types ?? [];
    const type = types.length === 1 ? TYPES[types[0]] : undefined;
    if (!type) continue;
    const log = Object.fromEntries(Object.entries(c.log).filter(([k]) => !k.startsWith('p_')));
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type).push(log);
  }
  let read = 0;
  const found = [];
  for (const [type, logs] of byType) {
    const r = run(type, logs, { separate: true });
    read += r.read;
    found.push(...r.found);
  }
  results.push({
    name: `Panther benign cases (${read} events)`,
    key: 'panther_benign',
    read,
    found,
    rates: rates(read, found),
  });
} else {
  console.error(`no Panther cases at ${TESTS}: only the generated day is measured`);
}

function countByRule(found) {
  const counts = new Map();
  for (const f of found) {
    const key = `${f.com.severity} ${f.ext.check_title}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

const report = results.map((r) => ({
  name: r.name,
  events: r.read,
  rates: r.rates,
  budget: budget[r.key],
  over: verdict(r.name, r.rates, budget[r.key]).over,
  byRule: countByRule(r.found),
}));

if (args.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const r of report) {
    console.log(r.name);
    console.log(
      `  ${'severity'.padEnd(10)} ${'detections'.padStart(10)} ${'per 1,000'.padStart(10)} ${'budget'.padStart(8)}`,
    );
    for (const s of SEVERITIES) {
      const b = r.budget?.[s];
      console.log(
        `  ${s.padEnd(10)} ${String(r.rates[s].count).padStart(10)} ${r.rates[s].per1000.toFixed(3).padStart(10)} ${(b === undefined ? '-' : String(b)).padStart(8)}${r.over.includes(s) ? '  OVER' : ''}`,
      );
    }
    if (args.includes('--list'))
      for (const [rule, n] of r.byRule) console.log(`    ${String(n).padStart(5)}  ${rule}`);
  }
}
if (report.some((r) => r.over.length > 0)) process.exitCode = 1;
