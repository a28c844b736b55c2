#!/usr/bin/env node
// Report rendering at scale: 100,000 synthetic findings rendered as HTML, SARIF and OCSF (time and
// size), then the HTML report opened in Debian's Chromium: time to the first rendered page and to
// apply a severity filter, and the number of table rows in the DOM. Prints figures; asserts nothing.
//
//   npx tsc -p tsconfig.build.json && node bench/report.mjs [--findings N]
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const need = (p) => {
  const f = join(root, 'dist', p);
  if (!existsSync(f)) {
    console.error('dist/ is missing: build first with `npx tsc -p tsconfig.build.json`');
    process.exit(2);
  }
  return import(f);
};
const { renderHtmlReport } = await need('output/html-report.js');
const { renderSarif } = await need('output/sarif.js');
const { renderOcsf } = await need('output/ocsf.js');
const { buildReportInput } = await need('output/report-input.js');
const { loadFrameworks } = await need('frameworks/framework.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const count = Number(arg('--findings', '100000'));

const SEV = ['critical', 'high', 'medium', 'low', 'info'];
const STATES = ['new', 'open', 'regressed', 'muted', 'resolved'];
const CLOUDS = ['aws', 'azure', 'gcp'];
const CHECKS = [
  'common.network.no_sensitive_port_open_to_internet',
  'common.database.tls_enforced',
  'common.compute.os_disk_encrypted',
  'common.web.min_tls_version',
  'common.logging.retention_at_least_365_days',
];
const started = '2025-03-01T02:00:00.000Z';
const id = (s) => createHash('sha256').update(s).digest('hex').slice(0, 32);

function synthetic(n) {
  const findings = [];
  const results = [];
  for (let i = 0; i < n; i++) {
    const check = CHECKS[i % CHECKS.length];
    const account = String(100000000000 + (i % 200));
    const region = ['eu-west-1', 'us-east-1', 'ap-south-1', 'eastus', 'europe-west1'][i % 5];
    const reference = `arn:aws:ec2:${region}:${account}:resource/r-${i.toString(36)}`;
    const status = i % 23 === 0 ? 'error' : 'fail';
    const f = {
      raw: { evidence: { port: 22 + (i % 9), source: '0.0.0.0/0', rule: `rule-${i % 1000}` } },
      ext: {
        record_type: 'finding',
        check_id: check,
        check_title: `Title of ${check}`,
        resource_record_type: 'aws.ec2.instance',
      },
      com: {
        cloud_type: CLOUDS[i % 3],
        record_type: 'compute_event',
        reference,
        name: `workload-${i}`,
        account,
        region,
        service: 'ec2',
        tags: { team: `team-${i % 40}`, env: i % 2 ? 'prod' : 'dev' },
        description: `workload-${i} fails ${check} on port ${22 + (i % 9)}`,
        recommendation: `Remediate ${check} as its documentation says.`,
        severity: SEV[i % 5],
        status,
        compliance: ['cloudward-baseline-1.0:1.1'],
        finding_id: id(`${check}|${reference}`),
        state: STATES[i % 5],
        first_seen: '2025-02-01T02:00:00.000Z',
        last_seen: started,
        audit_key: 'bench',
        origin_key: check,
        origin_type: 'check',
      },
    };
    findings.push(f);
    results.push({
      finding_id: f.com.finding_id,
      check_id: check,
      reference,
      resource_name: f.com.name,
      cloud: f.com.cloud_type,
      account,
      region,
      status: f.com.state === 'resolved' ? 'pass' : status,
      severity: f.com.severity,
      message: f.com.description,
    });
  }
  return { findings, results };
}

const mb = (s) => `${(Buffer.byteLength(s) / 1048576).toFixed(1)} MiB`;
function timed(label, fn) {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${mb(out)}`);
  return out;
}

console.log(`report rendering, ${count.toLocaleString('en')} findings (node ${process.version})`);
const t0 = performance.now();
const { findings, results } = synthetic(count);
console.log(`${'generate findings'.padEnd(22)} ${(performance.now() - t0).toFixed(0).padStart(6)} ms`);
const scan = {
  id: '20250301T020000000Z',
  audit_key: 'bench',
  label: 'bench',
  started_at: started,
  finished_at: '2025-03-01T02:05:00.000Z',
  status: 'complete',
  counts: {
    resources: count,
    results: { pass: 0, fail: count, error: 0, manual: 0, not_applicable: 0 },
    findings: {},
  },
  errors: [],
};
const input = buildReportInput({
  scan,
  findings,
  results,
  frameworks: loadFrameworks(),
  tool: { name: 'Cloudward', version: 'bench' },
});
const html = timed('render HTML', () => renderHtmlReport(input));
timed('render SARIF', () => renderSarif(input));
timed('render OCSF', () => renderOcsf(input));

const chromiumPath = '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`browser figures skipped: ${chromiumPath} is not installed (apt-get install chromium)`);
  process.exit(0);
}
const { chromium } = await import('playwright-core');
const dir = mkdtempSync(join(tmpdir(), 'cloudward-bench-'));
const file = join(dir, 'report.html');
writeFileSync(file, html);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let t = performance.now();
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  console.log(
    `${'browser: first page'.padEnd(22)} ${(performance.now() - t).toFixed(0).padStart(6)} ms  (load, parse, summary, first sort and render)`,
  );
  t = performance.now();
  await page.selectOption('#f-severity', 'critical');
  const line = await page.locator('#status-line').innerText();
  console.log(
    `${'browser: filter'.padEnd(22)} ${(performance.now() - t).toFixed(0).padStart(6)} ms  (${line})`,
  );
  t = performance.now();
  await page.click('th[data-sort="resource"]');
  console.log(`${'browser: sort'.padEnd(22)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  t = performance.now();
  await page.click('#next');
  console.log(`${'browser: next page'.padEnd(22)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  console.log(`browser: DOM rows      ${await page.locator('#findings-body tr').count()}`);
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
