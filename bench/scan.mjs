// Scan engine benchmark: a synthetic estate of N security groups (2 rules each) and N/6 RDS
// instances in 4 accounts (the databases' failures mostly left to the engine's evidence),
// scanned end to end (normalise, evaluate, reconcile, SQLite write), against the floor of
// normalising the same snapshot without checks or a store.
// Usage: npx tsc -p tsconfig.build.json && node bench/scan.mjs [N]
// DIST=<dir> points at another build of src/ (default dist/). BASE_DIST=<dir> (absolute) runs the
// same scans with that build too, interleaved, to compare in one run on a loaded machine; REPS=<n>
// repeats each n times and prints medians.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = process.env.DIST ?? join(root, 'dist');
const from = (path) => import(pathToFileURL(join(distDir, path)).href);

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
    // one database per six groups, configured loosely: its failures (deletion protection, backups,
    // monitoring...) mostly carry no evidence of the check's own, so the engine adds the facts read
    const dbs = [];
    for (let i = 0; i < N / ACCOUNTS / 6; i++)
      dbs.push({
        item: {
          DBInstanceIdentifier: `db-${i}`,
          DBInstanceArn: `arn:aws:rds:us-east-1:${account}:db:db-${i}`,
          Engine: i % 2 ? 'postgres' : 'mysql',
          StorageEncrypted: i % 3 !== 0,
          PubliclyAccessible: i % 11 === 0,
          DeletionProtection: false,
          MultiAZ: false,
          BackupRetentionPeriod: i % 4,
          DBParameterGroups: [{ DBParameterGroupName: 'default' }],
          TagList: [{ Key: 'team', Value: `t${i % 13}` }],
        },
        parameters: [],
      });
    accounts.push({
      cloud: 'aws',
      account,
      collections: [
        { cloud: 'aws', account, region: 'us-east-1', type: 'aws.ec2.security_group', items: sgs },
        { cloud: 'aws', account, region: 'us-east-1', type: 'aws.rds.db_instance', items: dbs },
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

async function once() {
  const { ALL_CHECKS } = await from('checks/index.js');
  const { resolveParams } = await from('core/check.js');
  const { runScan } = await from('core/engine.js');
  const { silentLogger } = await from('core/logger.js');
  const { NORMALISERS_REGISTRY, normaliseCollection } = await from('providers/normalisers.js');
  const { SnapshotProvider } = await from('providers/snapshot.js');
  const { openSqliteStore } = await from('store/sqlite.js');

  const floor = (snap) => {
    const t = performance.now();
    let records = 0;
    for (const a of snap.accounts)
      for (const c of a.collections) records += normaliseCollection(c).records.length;
    return { ms: performance.now() - t, records };
  };
  const scan = async (store, snap, auditKey) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
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
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, report };
  };

  const day1 = estate(0);
  const day2 = estate(1);
  const f = floor(day1);
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-'));
  const store = await openSqliteStore(join(dir, 'bench.db'));
  const s1 = await scan(store, day1, 'bench');
  const s2 = await scan(store, day2, 'bench');
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const st = s2.report.scan.counts.findings;
  return {
    records: f.records,
    floor_ms: f.ms,
    scan1_ms: s1.ms,
    scan2_ms: s2.ms,
    scan1_cpu_ms: s1.cpuMs,
    scan2_cpu_ms: s2.cpuMs,
    resources: s1.report.scan.counts.resources,
    failures: s1.report.findings.filter((x) => x.com.status === 'fail').length,
    with_evidence: s1.report.findings.filter((x) => x.com.status === 'fail' && x.raw.evidence != null).length,
    errors: s1.report.findings.filter((x) => x.com.status === 'error').length,
    day2: `new ${st.new ?? 0}, open ${st.open ?? 0}, resolved ${st.resolved ?? 0}`,
    rss_mb: process.resourceUsage().maxRSS / 1024,
  };
}

if (process.argv[3] === '--child') {
  process.stdout.write(`${JSON.stringify(await once())}\n`);
  process.exit(0);
}

const REPS = Number(process.env.REPS ?? 1);
const builds = [['this build', distDir]];
if (process.env.BASE_DIST) builds.push(['base build', process.env.BASE_DIST]);
const runs = new Map(builds.map(([name]) => [name, []]));
for (let rep = 0; rep < REPS; rep++)
  for (const [name, dist] of builds) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(N), '--child'], {
      encoding: 'utf8',
      env: { ...process.env, DIST: dist },
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`${name} (${dist}) failed:\n${r.stderr}`);
    runs.get(name).push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (n, ms) => Math.round((n / ms) * 1000).toLocaleString('en');
console.log(
  `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; ${REPS} run(s) each, medians`,
);
for (const [name, list] of runs) {
  const m = (k) => median(list.map((x) => x[k]));
  const last = list[list.length - 1];
  console.log(`${name}: ${N} security groups in ${ACCOUNTS} accounts -> ${last.records} records`);
  console.log(
    `  floor  (normalise only):            ${m('floor_ms').toFixed(0)} ms, ${rate(last.records, m('floor_ms'))} records/s`,
  );
  console.log(
    `  scan 1 (evaluate + store, all new): ${m('scan1_ms').toFixed(0)} ms (CPU ${m('scan1_cpu_ms').toFixed(0)} ms), ${rate(last.resources, m('scan1_ms'))} records/s, ${last.failures} failures (${last.with_evidence} with evidence), ${last.errors} could not evaluate`,
  );
  console.log(
    `  scan 2 (reconcile against scan 1):  ${m('scan2_ms').toFixed(0)} ms (CPU ${m('scan2_cpu_ms').toFixed(0)} ms), ${last.day2}`,
  );
  console.log(
    `  scan / floor: ${(m('scan1_ms') / m('floor_ms')).toFixed(1)}x; peak RSS ${m('rss_mb').toFixed(0)} MB`,
  );
}
