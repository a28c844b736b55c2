// Precision and recall of our rule pack on Panther's labelled rule tests whose intent our rules
// cover (the table in bench/detect-accuracy-map.json). Cases that need Panther's mocks are left out.
//
//   npx tsc -p tsconfig.build.json && node bench/detect-accuracy.mjs [--json | --markdown] [--misses]
//
// Each case's event is matched against our rules as `cloudward detect` matches raw events; Panther's
// VPC flow and OCSF network records are renamed to the flow log's own field names first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', p);
if (!existsSync(dist('detect/detector.js'))) {
  console.error('build first: npx tsc -p tsconfig.build.json');
  process.exit(2);
}
const { loadDetectionRules } = await import(dist('detect/detector.js'));
const { RuleSet } = await import(dist('detect/sigma/ruleset.js'));
const { sourceFor, sourceKey } = await import(dist('detect/sigma/logsource.js'));

// ../shared beside a clone, ../../shared beside a worktree of one
const TESTS =
  [join(root, '..'), join(root, '..', '..')]
    .map((d) => join(d, 'shared', 'data', 'logs', 'panther', 'panther_tests.jsonl'))
    .find((f) => existsSync(f)) ??
  join(root, '..', 'shared', 'data', 'logs', 'panther', 'panther_tests.jsonl');
const testsFile = process.env.PANTHER_TESTS ?? TESTS;
if (!existsSync(testsFile)) {
  console.error(`no labelled cases at ${testsFile} (set PANTHER_TESTS)`);
  process.exit(2);
}
const { map, vpcflow_fields: flowFields } = JSON.parse(
  readFileSync(join(root, 'bench', 'detect-accuracy-map.json'), 'utf8'),
);

/** Panther's VPC flow (camelCase) and OCSF network records, as our VPC flow events (field text). */
function asFlowRecord(log) {
  const out = {};
  for (const [k, v] of Object.entries(log)) {
    const name = flowFields[k];
    if (name && v !== null && v !== undefined) out[name] = String(v);
  }
  const src = log.src_endpoint ?? {};
  const dst = log.dst_endpoint ?? {};
  if (src.ip !== undefined) out.srcaddr = String(src.ip);
  if (src.port !== undefined) out.srcport = String(src.port);
  if (dst.ip !== undefined) out.dstaddr = String(dst.ip);
  if (dst.port !== undefined) out.dstport = String(dst.port);
  return out;
}

const { rules, errors } = await loadDetectionRules();
if (errors.length) console.error(`${errors.length} rules failed to load`);
const byName = new Map(rules.map((r) => [r.meta.name, r]));
const ruleSets = new Map();
function ruleSetFor(rule) {
  const source = sourceFor(rule.logsource);
  const key = sourceKey(source);
  if (!ruleSets.has(key)) ruleSets.set(key, new RuleSet(rules, { source }));
  return { key, set: ruleSets.get(key) };
}

const rows = new Map();
const misses = [];
let skippedMocks = 0;
for (const line of readFileSync(testsFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const c = JSON.parse(line);
  const ours = map[c.rule_id];
  if (!ours) continue;
  if (c.mocks !== undefined) {
    skippedMocks += 1;
    continue;
  }
  const targets = ours.map((n) => {
    const r = byName.get(n);
    if (!r) throw new Error(`mapping names unknown rule ${n}`);
    return r;
  });
  const { key, set } = ruleSetFor(targets[0]);
  const event = key === 'aws/vpcflow' ? asFlowRecord(c.log) : c.log;
  const matched = new Set(set.match(event).map((m) => m.rule.meta.name));
  const predicted = ours.some((n) => matched.has(n));
  const row = rows.get(c.rule_id) ?? {
    panther: c.rule_id,
    ours: ours.join(' | '),
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
  };
  rows.set(c.rule_id, row);
  if (predicted && c.expected) row.tp += 1;
  else if (predicted) row.fp += 1;
  else if (c.expected) row.fn += 1;
  else row.tn += 1;
  if (predicted !== c.expected)
    misses.push(`${c.rule_id}: ${predicted ? 'false positive' : 'missed'}: ${c.test_name}`);
}

const ratio = (a, b) => (b === 0 ? null : a / b);
const fmt = (x) => (x === null ? '  -  ' : x.toFixed(2));
const table = [...rows.values()].map((r) => ({
  ...r,
  precision: ratio(r.tp, r.tp + r.fp),
  recall: ratio(r.tp, r.tp + r.fn),
}));
const total = table.reduce(
  (t, r) => ({ tp: t.tp + r.tp, fp: t.fp + r.fp, fn: t.fn + r.fn, tn: t.tn + r.tn }),
  {
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
  },
);
const overall = {
  ...total,
  precision: ratio(total.tp, total.tp + total.fp),
  recall: ratio(total.tp, total.tp + total.fn),
};

if (process.argv.includes('--markdown')) {
  const cell = (x) => (x === null ? '-' : x.toFixed(2));
  console.log('| Panther rule | our rule | cases | TP | FP | FN | TN | precision | recall |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of table) {
    const cases = r.tp + r.fp + r.fn + r.tn;
    console.log(
      `| ${r.panther} | ${r.ours.replaceAll(' | ', ', ')} | ${cases} | ${r.tp} | ${r.fp} | ${r.fn} | ${r.tn} | ${cell(r.precision)} | ${cell(r.recall)} |`,
    );
  }
  console.log(
    `\nMeasured: **${total.tp + total.fp + total.fn + total.tn} cases, precision ${fmt(overall.precision)}, recall ${fmt(overall.recall)}** (${total.tp} true positives, ${total.fp} false positives, ${total.fn} misses, ${total.tn} true negatives; ${skippedMocks} cases with mocks left out).`,
  );
} else if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ rules: table, overall, skipped_mock_cases: skippedMocks, misses }, null, 2));
} else {
  console.log(`${'Panther rule'.padEnd(58)} ${'our rule'.padEnd(46)} cases  TP FP FN TN  prec  recall`);
  for (const r of table) {
    const cases = r.tp + r.fp + r.fn + r.tn;
    console.log(
      `${r.panther.padEnd(58)} ${r.ours.slice(0, 46).padEnd(46)} ${String(cases).padStart(5)} ${[r.tp, r.fp, r.fn, r.tn].map((x) => String(x).padStart(3)).join('')}  ${fmt(r.precision)}  ${fmt(r.recall)}`,
    );
  }
  console.log(
    `overall: ${total.tp + total.fp + total.fn + total.tn} cases, precision ${fmt(overall.precision)}, recall ${fmt(overall.recall)}; ${skippedMocks} cases with mocks left out`,
  );
  if (process.argv.includes('--misses')) for (const m of misses) console.log(`  ${m}`);
}
