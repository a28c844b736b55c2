#!/usr/bin/env node
// Querying the other activity logs in place (query --azure-activity / --gcp-audit) beside
// CloudTrail in place, over EVENTS generated events of each, gzip files of PER_FILE events:
//   floor     a full gunzip + JSON.parse pass over each log's files (one Node thread), the baseline
//   query     `SELECT outcome, count(*) FROM events GROUP BY outcome` over the files in place:
//             CloudTrail read by DuckDB itself; Azure Activity and GCP Audit read by detect's
//             readers into a temporary copy, then queried (src/cli/query-logs.ts)
//
//   npx tsc -p tsconfig.build.json && node bench/query-logs.mjs --events 200000
//
// It prints figures and asserts nothing. DIST=<dir> points at another build of src/.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { azureActivityFile, azureActivityRecord, gcpAuditEntry, gcpAuditLines } from './lib/cloud-logs.mjs';
import { writeCloudTrailMonth } from './lib/cloudtrail-month.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.DIST ?? join(root, 'dist');
const { queryEvents } = await import(join(distDir, 'query', 'engine.js'));
const { withLogsCopy } = await import(join(distDir, 'cli', 'query-logs.js'));

const { values: args } = parseArgs({
  options: { events: { type: 'string' }, 'per-file': { type: 'string' } },
});
const EVENTS = Number(args.events ?? process.env.EVENTS ?? 200_000);
const PER_FILE = Number(args['per-file'] ?? process.env.PER_FILE ?? 5_000);
const work = mkdtempSync(join(tmpdir(), 'cloudward-bench-query-logs-'));
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const time = async (fn) => {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
};
const gzFiles = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.gz') && !e.parentPath.includes('CloudTrail-Digest'))
    .map((e) => join(e.parentPath, e.name));

function writeLog(dir, make, encode) {
  mkdirSync(dir, { recursive: true });
  for (let start = 0, n = 0; start < EVENTS; start += PER_FILE, n++) {
    const batch = [];
    for (let i = start; i < Math.min(EVENTS, start + PER_FILE); i++) batch.push(make(i));
    writeFileSync(join(dir, `part-${String(n).padStart(5, '0')}.json.gz`), gzipSync(encode(batch)));
  }
}

/** Every file gunzipped and parsed: JSON lines (GCP) line by line, the others whole. */
function floor(dir) {
  let parsed = 0;
  for (const f of gzFiles(dir)) {
    const text = gunzipSync(readFileSync(f)).toString('utf8');
    const docs = text.startsWith('{"insertId"') ? text.split('\n').filter(Boolean) : [text];
    for (const d of docs) {
      JSON.parse(d);
      parsed += 1;
    }
  }
  return parsed;
}

const SQL = 'SELECT outcome, count(*) AS n FROM events GROUP BY outcome ORDER BY n DESC';
const limit = 3_600_000;
try {
  console.log(
    `${EVENTS} events per log, ${PER_FILE} per gzip file; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const trail = join(work, 'trail');
  const azure = join(work, 'azure');
  const gcp = join(work, 'gcp');
  await writeCloudTrailMonth(trail, { events: EVENTS, perFile: PER_FILE });
  writeLog(azure, azureActivityRecord, azureActivityFile);
  writeLog(gcp, gcpAuditEntry, gcpAuditLines);
  const rows = [];
  for (const [name, dir, run] of [
    [
      'CloudTrail (DuckDB over the files)',
      trail,
      () => queryEvents({ cloudtrail: trail }, SQL, { timeoutMs: limit }),
    ],
    [
      'Azure Activity (reader, temporary copy)',
      azure,
      () =>
        withLogsCopy(
          [{ type: 'azure_activity', location: azure }],
          { timeoutMs: limit, withOthers: false, warn: console.warn },
          (copy) => queryEvents({ copy }, SQL, { timeoutMs: limit }),
        ),
    ],
    [
      'GCP Audit (reader, temporary copy)',
      gcp,
      () =>
        withLogsCopy(
          [{ type: 'gcp_audit', location: gcp }],
          { timeoutMs: limit, withOthers: false, warn: console.warn },
          (copy) => queryEvents({ copy }, SQL, { timeoutMs: limit }),
        ),
    ],
  ]) {
    const f = await time(() => floor(dir));
    const q = await time(run);
    const n = q.value.rows.reduce((s, r) => s + Number(r.n), 0);
    rows.push([name, n, sec(f.ms), sec(q.ms), (q.ms / f.ms).toFixed(2)]);
    console.log(
      `${name}: ${n} events, floor ${sec(f.ms)}, query ${sec(q.ms)} (${(q.ms / f.ms).toFixed(2)} x floor), load ${loadavg()[0].toFixed(1)}`,
    );
  }
  console.log(
    '\n| log | events | floor (gunzip + JSON.parse) | query in place | query / floor |\n|---|---:|---:|---:|---:|',
  );
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
