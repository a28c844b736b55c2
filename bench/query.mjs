#!/usr/bin/env node
// SQL over activity logs at volume: a generated month of CloudTrail (EVENTS events, gzip JSON
// files of PER_FILE events as CloudTrail delivers them), then
//   floor   a full gunzip + JSON.parse pass over every file (the least any reader of the raw
//           files must do), the baseline the figures below stand beside
//   copy    the time to build the local copy (Parquet by day) and its size against the gzip JSON
//   queries five typical queries over the copy and over the raw files
//
//   npx tsc -p tsconfig.build.json && node bench/query.mjs
//   EVENTS=10000000 PER_FILE=5000 node bench/query.mjs     (the 10M; needs ~8 GB of disk and time)
//
// KEEP=<dir> keeps (and reuses) the generated tree and copy there. DIST=<dir> points at another
// build of src/ (default dist/). RAW=0 skips the queries over the raw files. It prints figures
// and asserts nothing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { writeCloudTrailMonth } from './lib/cloudtrail-month.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.DIST ?? join(root, 'dist');
const { buildCopy, queryEvents } = await import(join(distDir, 'query', 'engine.js'));

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const PER_FILE = Number(process.env.PER_FILE ?? 2_000);
const RAW = process.env.RAW !== '0';
const work = process.env.KEEP ?? mkdtempSync(join(tmpdir(), 'cloudward-bench-query-'));
const trail = join(work, 'trail');
const copy = join(work, 'copy');

const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const time = async (fn) => {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
};

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json.gz') && !e.parentPath.includes('CloudTrail-Digest'))
    .map((e) => join(e.parentPath, e.name));
}

function bytesUnder(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile() && e.name.endsWith('.parquet')) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

console.log(
  `bench/query: ${EVENTS.toLocaleString('en')} events, ${PER_FILE} a file, ${availableParallelism()} CPUs, ` +
    `load ${loadavg()[0].toFixed(1)}, in ${work}`,
);

if (!existsSync(join(trail, 'AWSLogs'))) {
  mkdirSync(trail, { recursive: true });
  const gen = await time(() => writeCloudTrailMonth(trail, { events: EVENTS, perFile: PER_FILE }));
  console.log(
    `generated ${gen.value.files} files (${mb(gen.value.gzipBytes)} gzip, ${mb(gen.value.jsonBytes)} JSON) in ${sec(gen.ms)}`,
  );
}
const files = filesUnder(trail);
const gzipBytes = files.reduce((n, f) => n + statSync(f).size, 0);

// the floor: every file gunzipped and parsed, nothing else
const floor = await time(async () => {
  let n = 0;
  for (const f of files) n += JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')).Records.length;
  return n;
});
console.log(
  `floor   gunzip + JSON.parse of ${files.length} files: ${floor.value.toLocaleString('en')} events in ${sec(floor.ms)}`,
);

const built = await time(() => buildCopy(trail, copy, { timeoutMs: 3_600_000 }));
const copyBytes = bytesUnder(copy);
console.log(
  `copy    built in ${sec(built.ms)} (${(built.ms / floor.ms).toFixed(2)}x the floor): ${built.value.events.toLocaleString('en')} events, ` +
    `${built.value.days} days, ${mb(copyBytes)} Parquet vs ${mb(gzipBytes)} gzip JSON (${((100 * copyBytes) / gzipBytes).toFixed(0)}%)`,
);

const QUERIES = [
  [
    'top console sign-ins since a date',
    `SELECT actor, count(*) AS n, count(*) FILTER (WHERE outcome <> 'success') AS failed,
       count(DISTINCT source_ip) AS addresses FROM events
     WHERE event_name = 'ConsoleLogin' AND time >= TIMESTAMPTZ '2026-11-23' GROUP BY actor ORDER BY n DESC LIMIT 10`,
  ],
  [
    'SG changes by a principal since a date',
    `SELECT time, event_name, resource, outcome FROM events WHERE service = 'ec2'
     AND event_name LIKE '%SecurityGroup%' AND contains(actor, 'app-7') AND time >= TIMESTAMPTZ '2026-11-20' ORDER BY time`,
  ],
  [
    'events by error code',
    `SELECT outcome, count(*) AS n, count(DISTINCT actor) AS principals FROM events
     WHERE outcome <> 'success' GROUP BY outcome ORDER BY n DESC`,
  ],
  [
    'top source IPs for a user',
    `SELECT source_ip, count(*) AS n FROM events WHERE contains(actor, 'assumed-role/app-3/')
     GROUP BY source_ip ORDER BY n DESC, source_ip LIMIT 10`,
  ],
  [
    'count by eventName per day',
    `SELECT day, event_name, count(*) AS n FROM events GROUP BY day, event_name ORDER BY day, n DESC, event_name`,
  ],
];

const rows = [];
for (const [name, sql] of QUERIES) {
  const onCopy = await time(() => queryEvents({ copy }, sql, { timeoutMs: 3_600_000 }));
  const onRaw = RAW
    ? await time(() => queryEvents({ cloudtrail: trail }, sql, { timeoutMs: 3_600_000 }))
    : undefined;
  if (onRaw && JSON.stringify(onRaw.value.rows) !== JSON.stringify(onCopy.value.rows))
    console.log(`  note: "${name}" answered differently over the copy and the raw files`);
  rows.push({ name, copy: onCopy.ms, raw: onRaw?.ms, n: onCopy.value.rows.length });
}
console.log('\nquery                                   rows   copy       raw files');
for (const r of rows)
  console.log(
    `${r.name.padEnd(38)} ${String(r.n).padStart(5)}   ${sec(r.copy).padStart(8)}   ${r.raw === undefined ? '-' : sec(r.raw).padStart(8)}`,
  );
console.log(
  `\n${JSON.stringify({
    events: EVENTS,
    per_file: PER_FILE,
    files: files.length,
    gzip_bytes: gzipBytes,
    copy_bytes: copyBytes,
    floor_ms: Math.round(floor.ms),
    build_copy_ms: Math.round(built.ms),
    queries: rows.map((r) => ({
      name: r.name,
      copy_ms: Math.round(r.copy),
      raw_ms: r.raw && Math.round(r.raw),
    })),
  })}`,
);
if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
