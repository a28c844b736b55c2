#!/usr/bin/env node
// How long `cloudward scan --demo` takes when its audit's notifier is down, against the same
// scan without alerts and with a receiver that answers, in the same run.
//
//   npm run build && node bench/alerts-dead-receiver.mjs [runs=3]
//
// Receivers, all on 127.0.0.1: one that answers 200, a closed port (connection refused) and a
// server that accepts the connection and never answers (what a hung receiver, or one whose
// address drops packets, costs: the attempt's timeout). Prints the median wall time of each
// (a fresh store per run: every run is an audit's first scan, so one baseline message per
// notifier). It asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'cli', 'main.js');
const RUNS = Number(process.argv[2] ?? 3);

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

const ok = createHttpServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('ok'));
});
const okPort = await listen(ok);
const sockets = new Set();
const silent = createServer((s) => {
  sockets.add(s);
  s.on('data', () => {});
});
const silentPort = await listen(silent);
const closed = createHttpServer();
const closedPort = await listen(closed);
await new Promise((r) => closed.close(r));

const dir = mkdtempSync(join(tmpdir(), 'cloudward-bench-dead-'));
async function time(name, url) {
  const config = join(dir, `${name}.yaml`);
  writeFileSync(
    config,
    url
      ? `notifiers:\n  hook: { type: webhook, url: "${url}" }\naudits:\n  demo: { providers: [demo], notify: [hook] }\n`
      : 'audits:\n  demo: { providers: [demo] }\n',
  );
  const times = [];
  let line = '';
  for (let i = 0; i < RUNS; i++) {
    const db = join(dir, `${name}-${i}.db`);
    const t0 = performance.now();
    // spawned, not spawnSync: the receivers in this process must keep answering meanwhile
    const child = spawn(
      process.execPath,
      [cli, '--db', db, '--config', config, 'scan', '--demo', '--quiet', '--no-progress'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const status = await new Promise((resolve) => child.on('close', resolve));
    const r = { status, stderr };
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
    line = r.stderr.split('\n').find((l) => l.includes("'hook'")) ?? '';
  }
  const median = times.sort((a, b) => a - b)[times.length >> 1];
  return { receiver: name, 'median s': (median / 1000).toFixed(2), 'what the scan said': line.slice(0, 90) };
}

try {
  const rows = [
    await time('no notifier', null),
    await time('answers 200', `http://127.0.0.1:${okPort}/hook`),
    await time('connection refused', `http://127.0.0.1:${closedPort}/hook`),
    await time('never answers', `http://127.0.0.1:${silentPort}/hook`),
  ];
  console.log(`cloudward scan --demo, ${RUNS} runs each`);
  console.table(rows);
} finally {
  for (const s of sockets) s.destroy();
  ok.close();
  silent.close();
  rmSync(dir, { recursive: true, force: true });
}
