import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BURST_SHARE,
  consumerKey,
  DEFAULT_QUOTA,
  DEFAULT_QUOTAS,
  type LimitScope,
  limitScopesFor,
  QUOTA_SHARE,
  type RequestLimiter,
  TokenBucketLimiter,
} from '../../../src/providers/gcp/limiter.js';
import { type GcpFixture, startGcpFixture } from './fixture-server.js';
import { FakeClock, fixtureServiceAccount, fixtureTransport, isolateGoogleEnv, SCANNER } from './helpers.js';

describe('limit scopes', () => {
  it('a read counts against its project and its caller, per API', () => {
    const scopes = limitScopesFor(
      'compute',
      'compute/v1/projects/p1/global/firewalls',
      'p1',
      'project:scanner',
    );
    expect(scopes.map((s) => s.key)).toEqual([
      'gcp:compute:project:p1',
      'gcp:compute:caller:project:scanner',
    ]);
    const compute = DEFAULT_QUOTAS.compute;
    expect(scopes[0]?.ratePerSecond).toBeCloseTo(((compute?.projectPerMinute ?? 0) * QUOTA_SHARE) / 60);
    expect(scopes[0]?.burst).toBe(Math.floor((compute?.projectPerMinute ?? 0) * BURST_SHARE));
  });

  it('no 60-second window can exceed the quota: burst plus a minute of refill stays under it', () => {
    for (const q of [...Object.values(DEFAULT_QUOTAS), DEFAULT_QUOTA]) {
      for (const perMinute of [q.projectPerMinute, q.callerPerMinute]) {
        const [s] = limitScopesFor('x', 'y', undefined, 'c', { x: perMinute });
        expect((s?.burst ?? 0) + (s?.ratePerSecond ?? 0) * 60).toBeLessThanOrEqual(perMinute);
      }
    }
  });

  it("Resource Manager's search counts against its own smaller quota group", () => {
    const search = limitScopesFor('cloudresourcemanager', 'v3/projects:search', undefined, 'c');
    const get = limitScopesFor('cloudresourcemanager', 'v3/projects/p1', 'p1', 'c');
    expect(search.map((s) => s.key)).toEqual(['gcp:cloudresourcemanager:search:caller:c']);
    expect(search[0]?.ratePerSecond).toBeLessThan(get[1]?.ratePerSecond ?? 0);
  });

  it('a configured requests_per_minute replaces the default for that API', () => {
    const [s] = limitScopesFor('logging', 'v2/projects/p/sinks', 'p', 'c', { logging: 60 });
    expect(s?.ratePerSecond).toBeCloseTo((60 * QUOTA_SHARE) / 60);
  });

  it("charges the quota project, else a service account's own project, else the principal", () => {
    expect(consumerKey({ kind: 'authorized_user', quotaProject: 'billing-proj' })).toBe(
      'project:billing-proj',
    );
    expect(consumerKey({ kind: 'service_account', email: SCANNER })).toBe('project:scanner-proj');
    expect(consumerKey({ kind: 'external_account', email: 'x@example.com' })).toBe('principal:x@example.com');
    expect(consumerKey({ kind: 'authorized_user' })).toBe('principal:authorized_user');
  });
});

describe('TokenBucketLimiter', () => {
  it('one caller reading many projects waits for its shared caller quota', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ maxConcurrency: 4, clock });
    // KMS: 300 reads/min per calling project; 60 reads over 60 projects exceed the burst of 30
    for (let i = 0; i < 60; i++) {
      await limiter.run(
        limitScopesFor('cloudkms', 'v1/x', `project-${i}`, 'project:scanner'),
        async () => undefined,
      );
    }
    const caller = limiter.bucketOf('gcp:cloudkms:caller:project:scanner');
    expect(caller?.waits).toBeGreaterThan(0);
    // every project bucket had tokens to spare: only the shared caller bucket held requests back
    expect(limiter.bucketOf('gcp:cloudkms:project:project-0')?.waits).toBe(0);
    // 60 reads at 80% of 300/min after a burst of 30: at least (60-30)/4 per second = 7.5 s
    expect(clock.time).toBeGreaterThanOrEqual(7000);
  });

  it('holds every request of a paused scope', async () => {
    const clock = new FakeClock();
    const limiter = new TokenBucketLimiter({ maxConcurrency: 1, clock });
    const [s] = limitScopesFor('compute', 'x', 'p1', 'c');
    if (!s) throw new Error('no scope');
    limiter.pause(s, 5000);
    await limiter.run([s], async () => undefined);
    expect(limiter.stats().pauseWaits).toBe(1);
    expect(clock.time).toBeGreaterThanOrEqual(5000);
  });
});

describe('a shared limiter', () => {
  let fx: GcpFixture;
  let dir: string;
  let restore: () => void;

  beforeAll(async () => {
    fx = await startGcpFixture({
      routes: {
        'compute GET compute/v1/projects/p1/global/networks': { body: { items: [{ name: 'default' }] } },
        'compute GET compute/v1/projects/p2/global/networks': { body: { items: [{ name: 'default' }] } },
      },
    });
    dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-limiter-'));
    restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: fixtureServiceAccount(fx, dir).file });
  });

  afterAll(async () => {
    restore();
    await fx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is asked for every read, with the project and caller scopes', async () => {
    const seen: string[][] = [];
    const shared: RequestLimiter = {
      run: (scopes: readonly LimitScope[], fn) => {
        seen.push(scopes.map((s) => s.key));
        return fn();
      },
      pause: () => undefined,
    };
    const transport = await fixtureTransport(fx, {}, { limiter: shared });
    for (const p of ['p1', 'p2']) {
      await transport.list('compute', `compute/v1/projects/${p}/global/networks`, {
        items: 'items',
        project: p,
      });
    }
    expect(seen).toEqual([
      ['gcp:compute:project:p1', 'gcp:compute:caller:project:scanner-proj'],
      ['gcp:compute:project:p2', 'gcp:compute:caller:project:scanner-proj'],
    ]);
    expect(transport.stats().limiter).toBeUndefined();
    transport.close();
  });
});
