#!/usr/bin/env node
// SQL over activity logs at volume: a generated month of CloudTrail (EVENTS events, gzip JSON
// files of PER_FILE events as CloudTrail delivers them), then
//   floor   a full gunzip + JSON.parse pass over every file (the least any reader of the raw
//           files must do), the baseline the figures below stand beside
//   copy    the time to build the local copy (Parquet by day) and its size against the gzip JSON
//   kept    (--kept) the time for detect's reader to keep the same events in a copy, batch by
//           batch, as `detect --keep-copy` and `watch` do (JSON.parse in Node + the copy writer)
//   queries five typical queries over the copy and over the raw files
//
//   npx tsc -p tsconfig.build.json && node bench/query.mjs
//   node bench/query.mjs --events 100000 --kept          (a quick run)
//   node bench/query.mjs --events 10000000 --per-file 5000 --no-raw   (the 10M; ~9 GB of JSON, 360 MB gzip)
//
// --keep DIR keeps (and reuses) the generated tree and copy there. DIST=<dir> points at another
// build of src/ (default dist/). --no-raw skips the queries over the raw files. The environment
// variables EVENTS, PER_FILE, KEEP and RAW=0 do the same. It prints figures and asserts nothing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { writeCloudTrailMonth } from './lib/cloudtrail-month.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.DIST ?? join(root, 'dist');
const { buildCopy, queryEvents } = await import(join(distDir, 'query', 'engine.js'));

const { values: args } = parseArgs({
  options: {
    events: { type: 'string' },
    'per-file': { type: 'string' },
    keep: { type: 'string' },
    'no-raw': { type: 'boolean', default: false },
    kept: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events ?? process.env.EVENTS ?? 1_000_000);
const PER_FILE = Number(args['per-file'] ?? process.env.PER_FILE ?? 2_000);
const RAW = !args['no-raw'] && process.env.RAW !== '0';
const KEEP = args.keep ?? process.env.KEEP;
const work = KEEP ?? mkdtempSync(join(tmpdir(), 'cloudward-bench-query-'));
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

// detect --keep-copy / watch: detect's own CloudTrail reader feeding the copy writer
let kept;
if (args.kept) {
  const { openSource } = await import(join(distDir, 'detect', 'sources', 'index.js'));
  const { EventsCopyWriter } = await import(join(distDir, 'query', 'copy-writer.js'));
  const keptDir = join(work, 'kept');
  rmSync(keptDir, { recursive: true, force: true });
  kept = await time(async () => {
    const writer = await EventsCopyWriter.open(keptDir);
    for await (const event of openSource({ type: 'cloudtrail', path: trail }).read()) await writer.add(event);
    await writer.close();
    return writer.stats;
  });
  console.log(
    `kept    detect's reader + copy writer: ${kept.value.events.toLocaleString('en')} events in ${sec(kept.ms)} ` +
      `(${(kept.ms / floor.ms).toFixed(2)}x the floor), ${kept.value.files} files, ${mb(bytesUnder(keptDir))} Parquet`,
  );
}

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
    kept_copy_ms: kept && Math.round(kept.ms),
    queries: rows.map((r) => ({
      name: r.name,
      copy_ms: Math.round(r.copy),
      raw_ms: r.raw && Math.round(r.raw),
    })),
  })}`,
);
console.log(`load at the end ${loadavg()[0].toFixed(1)}`);
if (!KEEP) rmSync(work, { recursive: true, force: true });
