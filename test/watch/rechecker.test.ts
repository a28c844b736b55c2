import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { createLogger } from '../../src/core/logger.js';
import type { Collection } from '../../src/core/provider.js';
import type { WatchedAudit } from '../../src/watch/audits.js';
import { WatchMetrics } from '../../src/watch/metrics.js';
import type { RecheckReport } from '../../src/watch/recheck.js';
import { planRechecks, Rechecker } from '../../src/watch/rechecker.js';
import { TriggerIndex } from '../../src/watch/trigger-index.js';
import { ACCOUNT, GROUP, trailEvent } from './fixtures.js';

function audit(key: string, ids: string[]): WatchedAudit {
  const checks = ALL_CHECKS.filter((c) => ids.includes(c.id));
  return {
    key,
    schedule: '0 3 * * *',
    notify: [],
    checks,
    params: new Map(),
    compliance: new Map(),
    index: new TriggerIndex(checks),
    providers: [],
    selection: { checks: ids },
  };
}

const sg = audit('net', ['aws.ec2.no_admin_ports_from_ipv4_internet']);
const trail = audit('trail', ['aws.cloudtrail.multi_region_trail_logging']);
const s3 = audit('s3', ['aws.s3.bucket_requires_tls']);
const logger = createLogger({ level: 'error', write: () => undefined });
const report: RecheckReport = {
  scan: {
    id: 'x',
    audit_key: 'a',
    label: null,
    started_at: '',
    finished_at: null,
    status: 'complete',
    counts: {
      resources: 0,
      results: { pass: 0, fail: 0, error: 0, manual: 0, not_applicable: 0 },
      findings: {},
    },
    errors: [],
  },
  findings: [],
  results: [],
};

describe('planRechecks', () => {
  it('plans a resource recheck for audits reading the resource, a scope recheck for triggered account checks', () => {
    const open = planRechecks(trailEvent('AuthorizeSecurityGroupIngress', { groupId: GROUP }), [
      sg,
      trail,
      s3,
    ]);
    expect(open.jobs.map((j) => [j.kind, j.audit.key])).toEqual([['resource', 'net']]);
    const stop = planRechecks(
      trailEvent('StopLogging', { name: 'main' }, { source: 'cloudtrail.amazonaws.com' }),
      [sg, trail, s3],
    );
    expect(stop.jobs.map((j) => [j.kind, j.audit.key])).toEqual([['scope', 'trail']]);
    expect(stop.jobs[0]).toMatchObject({ account: ACCOUNT });
    const none = planRechecks(trailEvent('DescribeInstances', {}), [sg, trail, s3]);
    expect(none).toEqual({ jobs: [], unresolved: [] });
  });

  it('an event the checks care about without a resource id is unresolved, not guessed', () => {
    const r = planRechecks(trailEvent('AuthorizeSecurityGroupIngress', {}), [sg]);
    expect(r.jobs).toEqual([]);
    expect(r.unresolved.map((a) => a.key)).toEqual(['net']);
  });
});

describe('Rechecker', () => {
  it('events for a resource whose recheck has not started join it; a failed collection is counted, not committed', async () => {
    let collections = 0;
    let commits = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const metrics = new WatchMetrics();
    const rechecker = new Rechecker([sg], {
      recollectors: async () => [
        {
          collectOne: async (t): Promise<Collection> => {
            collections += 1;
            await gate;
            return t.id === 'sg-broken'
              ? { cloud: 'aws', account: t.account, region: t.region, type: t.type, error: 'Throttling' }
              : { cloud: 'aws', account: t.account, region: t.region, type: t.type, items: [] };
          },
          collectAccount: async () => null,
        },
      ],
      commitResource: async () => {
        commits += 1;
        return report;
      },
      commitScope: async () => report,
      metrics,
      logger,
      concurrency: 1,
    });
    const ev = () => trailEvent('AuthorizeSecurityGroupIngress', { groupId: GROUP });
    const first = rechecker.submit(ev());
    const second = rechecker.submit(ev()); // first is running: this one waits
    const third = rechecker.submit(ev()); // joins the second
    const broken = rechecker.submit(trailEvent('AuthorizeSecurityGroupIngress', { groupId: 'sg-broken' }));
    expect(rechecker.backlog).toBe(2);
    release();
    await Promise.all([first, second, third, broken]);
    expect(collections).toBe(3);
    expect(commits).toBe(2);
    const text = await metrics.text();
    expect(text).toMatch(/cloudward_rechecks_total\{audit="net",outcome="gone"\} 2/);
    expect(text).toMatch(/cloudward_rechecks_total\{audit="net",outcome="error"\} 1/);
    expect(rechecker.submit(trailEvent('DescribeInstances', {}))).toBeUndefined();
    await rechecker.drain();
    expect(rechecker.submit(ev())).toBeUndefined();
  });
});
