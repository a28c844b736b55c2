import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { resolveParams } from '../../src/core/check.js';
import { emptySummary, runScan, ScanTally } from '../../src/core/engine.js';
import { silentLogger } from '../../src/core/logger.js';
import type { Provider } from '../../src/core/provider.js';
import type { ScanWriter } from '../../src/core/scan-store.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { SnapshotProvider } from '../../src/providers/snapshot.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { DEMO_PATHS, demoSnapshot } from '../providers/demo-estate.js';

/** A scan summary's accounts: each account's name and place in its cloud's hierarchy. */

async function scan(providers: Provider[]) {
  const store = await openSqliteStore(':memory:');
  try {
    const report = await runScan({
      normalisers: NORMALISERS_REGISTRY,
      auditKey: 'demo',
      providers,
      checks: ALL_CHECKS,
      params: new Map(ALL_CHECKS.map((c) => [c.id, resolveParams(c, undefined)])),
      compliance: new Map(),
      store,
      logger: silentLogger,
      now: () => new Date('2026-03-01T00:00:00Z'),
    });
    return { report, stored: await store.getScan(report.scan.id), current: await store.currentState('demo') };
  } finally {
    await store.close();
  }
}

describe('a scan summary lists its accounts with their place above', () => {
  it('the demo: every account with its name and path, stored and in the current state', async () => {
    const { report, stored, current } = await scan([new SnapshotProvider(demoSnapshot(1))]);
    const byAccount = new Map(report.scan.accounts?.map((a) => [a.name, a.path]));
    expect(byAccount.get('acme-prod')).toEqual(DEMO_PATHS.awsProd);
    expect(byAccount.get('acme-azure-dev')).toEqual(DEMO_PATHS.azDev);
    expect(byAccount.get('Cloudward demo')).toEqual(DEMO_PATHS.gcpProd);
    // the Entra tenant is named but has no place above
    expect(byAccount.get('Entra ID tenant acme.example')).toBeUndefined();
    expect(stored?.accounts).toEqual(report.scan.accounts);
    expect(current?.summary.accounts).toEqual(report.scan.accounts);
  });

  it('an account with a path but no name is listed, its id as name', async () => {
    const summary = emptySummary('s', 'a', null, '2026-03-01T00:00:00.000Z');
    const tally = new ScanTally(summary);
    const writer = { addResources: async () => {}, addResults: async () => {} } as unknown as ScanWriter;
    const base = { records: [], outcomes: [], errors: [], cleanScopes: [] };
    await tally.addAccount(
      writer,
      { cloud: 'gcp', account: 'p1', path: [{ kind: 'organization', id: '1' }], ...base },
      silentLogger,
    );
    await tally.addAccount(writer, { cloud: 'gcp', account: 'p2', ...base }, silentLogger);
    expect(summary.accounts).toEqual([
      { cloud: 'gcp', account: 'p1', name: 'p1', path: [{ kind: 'organization', id: '1' }] },
    ]);
  });

  it('a snapshot split into units gives each unit its account path', async () => {
    const p = new SnapshotProvider(demoSnapshot(1));
    const opts = { types: new Set(['aws.ec2.security_group']) };
    const units = await p.planUnits(opts);
    const prod = units.find((u) => u.account === '111122223333');
    expect(prod?.path).toEqual(DEMO_PATHS.awsProd);
    const [part] = await p.collectUnit(prod as NonNullable<typeof prod>, opts);
    expect(part?.path).toEqual(DEMO_PATHS.awsProd);
    expect(p.failedUnit(prod as NonNullable<typeof prod>, opts, 'x')[0]?.path).toEqual(DEMO_PATHS.awsProd);
  });
});
