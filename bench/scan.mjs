// Scan engine benchmark: a synthetic estate of N security groups (2 rules each) and N/4
// Azure VMs, scanned end to end (normalise, evaluate, reconcile, SQLite write), against the
// floor of normalising the same snapshot without checks or a store.
// Usage: npx tsc -p tsconfig.build.json && node bench/scan.mjs [N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ALL_CHECKS } from '../dist/checks/index.js';
import { resolveParams } from '../dist/core/check.js';
import { runScan } from '../dist/core/engine.js';
import { silentLogger } from '../dist/core/logger.js';
import { NORMALISERS_REGISTRY, normaliseCollection } from '../dist/providers/normalisers.js';
import { SnapshotProvider } from '../dist/providers/snapshot.js';
import { openSqliteStore } from '../dist/store/sqlite.js';

const N = Number(process.argv[2] ?? 20000);
const ACCOUNTS = 4;

function estate(seed) {
  const accounts = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = String(100000000000 + a);
    const sgs = [];
    for (let i = 0; i < N / ACCOUNTS; i++) {
      // day 2: a fifth of the open rules are closed and a few others opened
      const open = (i % 7 === 0 && !(seed === 1 && i % 5 === 0)) || (seed === 1 && i % 101 === 0);
      sgs.push({
        item: {
          GroupId: `sg-${a}${i.toString(16).padStart(15, '0')}`,
          GroupName: `sg-${i}`,
          OwnerId: account,
          VpcId: 'vpc-1',
          Description: 'bench',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: open ? '0.0.0.0/0' : '10.0.0.0/8' }],
            },
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
          IpPermissionsEgress: [],
          Tags: [{ Key: 'team', Value: `t${i % 13}` }],
        },
      });
    }
    accounts.push({
      cloud: 'aws',
      account,
      collections: [
        { cloud: 'aws', account, region: 'us-east-1', type: 'aws.ec2.security_group', items: sgs },
      ],
    });
  }
  return {
    format: 'cloudward.snapshot/v1',
    label: `bench-${seed}`,
    taken_at: new Date().toISOString(),
    accounts,
  };
}

function floor(snap) {
  const t = performance.now();
  let records = 0;
  for (const a of snap.accounts)
    for (const c of a.collections) records += normaliseCollection(c).records.length;
  return { ms: performance.now() - t, records };
}

async function scan(store, snap, auditKey) {
  const t = performance.now();
  const report = await runScan({
    auditKey,
    providers: [new SnapshotProvider(snap)],
    checks: ALL_CHECKS,
    params: new Map(ALL_CHECKS.map((c) => [c.id, resolveParams(c, undefined)])),
    compliance: new Map(),
    normalisers: NORMALISERS_REGISTRY,
    store,
    logger: silentLogger,
  });
  return { ms: performance.now() - t, report };
}

const day1 = estate(0);
const day2 = estate(1);
const f = floor(day1);
const dir = mkdtempSync(join(tmpdir(), 'cw-bench-'));
const store = await openSqliteStore(join(dir, 'bench.db'));
const s1 = await scan(store, day1, 'bench');
const s2 = await scan(store, day2, 'bench');
await store.close();
rmSync(dir, { recursive: true, force: true });

const rate = (n, ms) => Math.round((n / ms) * 1000).toLocaleString('en');
const res = s1.report.scan.counts.resources;
console.log(
  `load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
);
console.log(`estate: ${N} security groups in ${ACCOUNTS} accounts -> ${f.records} records`);
console.log(
  `floor  (normalise only):              ${f.ms.toFixed(0)} ms, ${rate(f.records, f.ms)} records/s`,
);
console.log(
  `scan 1 (evaluate + store, all new):   ${s1.ms.toFixed(0)} ms, ${rate(res, s1.ms)} records/s, ${s1.report.findings.length} findings`,
);
const st = s2.report.scan.counts.findings;
console.log(
  `scan 2 (reconcile against scan 1):    ${s2.ms.toFixed(0)} ms, ${rate(s2.report.scan.counts.resources, s2.ms)} records/s, new ${st.new ?? 0}, open ${st.open ?? 0}, resolved ${st.resolved ?? 0}`,
);
console.log(
  `scan / floor: ${(s1.ms / f.ms).toFixed(1)}x; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
