import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  GcpAbsentError,
  GcpApiDisabledError,
  GcpConfigError,
  GcpDeniedError,
  GcpFailedError,
  GcpThrottledError,
} from '../../../src/providers/gcp/errors.js';
import type { GcpTransport } from '../../../src/providers/gcp/transport.js';
import {
  aggregated,
  type GcpFixture,
  googleErrors,
  pagedList,
  sequence,
  startGcpFixture,
} from './fixture-server.js';
import { FakeClock, fixtureServiceAccount, fixtureTransport, isolateGoogleEnv, SCANNER } from './helpers.js';

const P = 'shop-prod';
const FIREWALLS = `compute/v1/projects/${P}/global/firewalls`;
const firewall = (name: string) => ({
  kind: 'compute#firewall',
  name,
  network: `https://www.googleapis.com/compute/v1/projects/${P}/global/networks/default`,
  direction: 'INGRESS',
  sourceRanges: ['0.0.0.0/0'],
  allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
});

let fx: GcpFixture;
let dir: string;
let restore: () => void;
let clock: FakeClock;
let transport: GcpTransport;

beforeAll(async () => {
  fx = await startGcpFixture();
  dir = mkdtempSync(join(tmpdir(), 'cloudward-gcp-transport-'));
  const key = fixtureServiceAccount(fx, dir);
  restore = isolateGoogleEnv({ GOOGLE_APPLICATION_CREDENTIALS: key.file });
});

afterAll(async () => {
  restore();
  await fx.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  for (const k of Object.keys(fx.routes)) delete fx.routes[k];
  fx.requests.length = 0;
  fx.unmatched.length = 0;
  clock = new FakeClock();
  transport?.close();
  transport = await fixtureTransport(fx, { max_attempts: 4 }, { clock });
});

describe('requests', () => {
  it('keep Google path and query below an endpoint root that carries a path, with the bearer token', async () => {
    fx.routes[`sqladmin GET v1/projects/${P}/instances/db-1`] = {
      body: { name: 'db-1', kind: 'sql#instance' },
    };
    const got = await transport.get<{ name: string }>('sqladmin', `v1/projects/${P}/instances/db-1`, {
      query: { fields: 'name,settings', view: undefined },
      project: P,
    });
    expect(got.name).toBe('db-1');
    expect(transport.url('sqladmin', `v1/projects/${P}/instances`)).toBe(
      `${fx.origin}/sqladmin/v1/projects/${P}/instances`,
    );
    const [req] = fx.requests;
    expect(req?.query.get('fields')).toBe('name,settings');
    expect(req?.query.has('view')).toBe(false);
    expect(req?.principal).toBe(SCANNER);
    expect(fx.refused).toEqual([]);
  });

  it('refuse a path that is not relative to the API root, before sending', async () => {
    await expect(transport.get('compute', `/compute/v1/projects/${P}`)).rejects.toThrow(GcpConfigError);
    await expect(transport.get('compute', `compute/v1/projects/${P}?x=1`)).rejects.toThrow(
      /query separately/,
    );
    await expect(transport.get('compute', 'compute/v1/../v2')).rejects.toThrow(/\.\./);
    expect(fx.requests).toEqual([]);
  });
});

describe('list', () => {
  it('follows nextPageToken to the end, with the first query kept on every page', async () => {
    const all = Array.from({ length: 7 }, (_, i) => firewall(`fw-${i}`));
    fx.routes[`compute GET ${FIREWALLS}`] = pagedList('items', all, {
      pageSize: 3,
      extra: { kind: 'compute#firewallList' },
    });
    const got = await transport.list<{ name: string }>('compute', FIREWALLS, {
      items: 'items',
      project: P,
      query: { maxResults: 500 },
    });
    expect(got.map((f) => f.name)).toEqual(all.map((f) => f.name));
    expect(fx.requests).toHaveLength(3);
    expect(fx.requests.every((r) => r.query.get('maxResults') === '500')).toBe(true);
    expect(fx.requests.map((r) => r.query.has('pageToken'))).toEqual([false, true, true]);
  });

  it('reads a list Google answered without its items field as empty', async () => {
    fx.routes[`compute GET ${FIREWALLS}`] = { body: { kind: 'compute#firewallList', id: 'x' } };
    expect(await transport.list('compute', FIREWALLS, { items: 'items', project: P })).toEqual([]);
  });

  it('refuses an items field that is not an array, and a page token loop', async () => {
    fx.routes[`compute GET ${FIREWALLS}`] = { body: { items: { a: 1 } } };
    await expect(transport.list('compute', FIREWALLS, { items: 'items' })).rejects.toMatchObject({
      kind: 'failed',
      code: 'UnexpectedShape',
    });
    fx.routes[`compute GET ${FIREWALLS}`] = { body: { items: [firewall('a')], nextPageToken: 'same' } };
    await expect(transport.list('compute', FIREWALLS, { items: 'items' })).rejects.toMatchObject({
      code: 'PageTokenLoop',
    });
  });

  it('pages() yields page by page', async () => {
    fx.routes[`compute GET ${FIREWALLS}`] = pagedList('items', [firewall('a'), firewall('b')], {
      pageSize: 1,
    });
    const sizes: number[] = [];
    for await (const page of transport.pages('compute', FIREWALLS, { items: 'items' }))
      sizes.push(page.length);
    expect(sizes).toEqual([1, 1]);
  });
});

describe('aggregatedList', () => {
  const path = `compute/v1/projects/${P}/aggregated/instances`;

  it('gives every item with its scope, skips empty scopes and reports unreachable ones', async () => {
    fx.routes[`compute GET ${path}`] = aggregated(
      'instances',
      {
        'zones/us-central1-a': [{ name: 'vm-a' }, { name: 'vm-b' }],
        'zones/europe-west1-b': [],
        'zones/asia-east1-a': [{ name: 'vm-c' }],
      },
      { unreachable: ['zones/me-central2-a'], scopesPerPage: 2, kind: 'compute#instanceAggregatedList' },
    );
    const got = await transport.aggregatedList<{ name: string }>(path, { items: 'instances', project: P });
    expect(got.items.map((i) => `${i.scope}/${i.item.name}`)).toEqual([
      'zones/us-central1-a/vm-a',
      'zones/us-central1-a/vm-b',
      'zones/asia-east1-a/vm-c',
    ]);
    expect(got.unreachable.map((u) => u.scope)).toEqual(['zones/me-central2-a']);
    expect(got.warnings).toEqual([]);
    expect(fx.requests.every((r) => r.query.get('returnPartialSuccess') === 'true')).toBe(true);
    expect(fx.requests).toHaveLength(2);
  });

  it('reads an UNREACHABLE warning inside a scope as unreachable (without partial success)', async () => {
    fx.routes[`compute GET ${path}`] = aggregated(
      'instances',
      { 'zones/a-1': [] },
      { unreachable: ['zones/b-1'] },
    );
    const got = await transport.aggregatedList(path, {
      items: 'instances',
      query: { returnPartialSuccess: false },
    });
    expect(got.items).toEqual([]);
    expect(got.unreachable).toEqual([
      { scope: 'zones/b-1', code: 'UNREACHABLE', message: "Scope 'zones/b-1' is unreachable." },
    ]);
  });
});

describe('errors', () => {
  const get = () =>
    transport.get('compute', `${FIREWALLS}/fw-1`, { project: { id: P, number: '111111111111' } });

  it('a 404 notFound (legacy errors[]) is absent, with its reason as a code', async () => {
    fx.routes[`compute GET ${FIREWALLS}/fw-1`] = googleErrors.notFoundLegacy(
      `projects/${P}/global/firewalls/fw-1`,
    );
    const e = await get().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GcpAbsentError);
    expect((e as GcpAbsentError).hasCode('notFound')).toBe(true);
    expect((e as GcpAbsentError).project).toBe(P);
  });

  it('a 404 NOT_FOUND (status only) is absent', async () => {
    fx.routes[`compute GET ${FIREWALLS}/fw-1`] = googleErrors.notFound();
    await expect(get()).rejects.toBeInstanceOf(GcpAbsentError);
  });

  it('a 404 without a Google body is failed, not absent (a wrong endpoint must not read as "not configured")', async () => {
    const e = await get().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GcpFailedError);
    expect((e as GcpFailedError).code).toBe('NotFoundWithoutGoogleError');
    expect(fx.unmatched).toHaveLength(1);
  });

  it('SERVICE_DISABLED in the project is disabled, with the service and reason', async () => {
    fx.routes[`compute GET ${FIREWALLS}/fw-1`] = googleErrors.serviceDisabled(
      'compute.googleapis.com',
      'Compute Engine API',
      '111111111111',
    );
    const e = (await get().catch((x: unknown) => x)) as GcpApiDisabledError;
    expect(e).toBeInstanceOf(GcpApiDisabledError);
    expect(e.kind).toBe('disabled');
    expect(e.service).toBe('compute.googleapis.com');
    expect(e.reason).toBe('compute.googleapis.com is not enabled in projects/111111111111');
  });

  it('the legacy accessNotConfigured form is disabled too', async () => {
    fx.routes[`sqladmin GET v1/projects/${P}/instances`] = googleErrors.accessNotConfigured(
      'sqladmin.googleapis.com',
      'Cloud SQL Admin API',
      '111111111111',
    );
    const e = (await transport
      .list('sqladmin', `v1/projects/${P}/instances`, { items: 'items', project: P })
      .catch((x: unknown) => x)) as GcpApiDisabledError;
    expect(e.kind).toBe('disabled');
    expect(e.service).toBe('sqladmin.googleapis.com');
    expect(e.consumer).toBe('projects/111111111111');
  });

  it("an API disabled in the credential's own project is a failure to fix, not 'not applicable'", async () => {
    fx.routes[`compute GET ${FIREWALLS}/fw-1`] = googleErrors.serviceDisabled(
      'compute.googleapis.com',
      'Compute Engine API',
      '999999999999',
    );
    const e = (await get().catch((x: unknown) => x)) as GcpFailedError;
    expect(e).toBeInstanceOf(GcpFailedError);
    expect(e.code).toBe('SERVICE_DISABLED_FOR_CALLER');
    expect(e.message).toContain('projects/999999999999');
  });

  it('PERMISSION_DENIED is denied, naming the permission Google named', async () => {
    fx.routes[`compute GET ${FIREWALLS}/fw-1`] = googleErrors.permissionDenied(
      'compute.firewalls.get',
      `projects/${P}/global/firewalls/fw-1`,
      'compute.googleapis.com',
    );
    const e = (await get().catch((x: unknown) => x)) as GcpDeniedError;
    expect(e).toBeInstanceOf(GcpDeniedError);
    expect(e.errorInfo?.metadata.permission).toBe('compute.firewalls.get');
    expect(e.message).toMatch(/^PERMISSION_DENIED: Permission 'compute.firewalls.get' denied/);
  });

  it('a body that is not JSON is failed', async () => {
    fx.routes[`compute GET ${FIREWALLS}/fw-1`] = { text: '<html>captive portal</html>' };
    await expect(get()).rejects.toMatchObject({ kind: 'failed', code: 'InvalidJson' });
  });

  it('a 400 FAILED_PRECONDITION is failed, with its status as code for the collector to judge', async () => {
    fx.routes[`compute GET ${FIREWALLS}/fw-1`] = {
      status: 400,
      body: { error: { code: 400, message: 'Precondition check failed.', status: 'FAILED_PRECONDITION' } },
    };
    const e = (await get().catch((x: unknown) => x)) as GcpFailedError;
    expect(e.kind).toBe('failed');
    expect(e.hasCode('FAILED_PRECONDITION')).toBe(true);
  });
});

describe('throttling and retries', () => {
  const path = `${FIREWALLS}/fw-1`;
  const ok = { body: firewall('fw-1') };

  it('retries a 429 RESOURCE_EXHAUSTED with backoff, pausing the quota scope', async () => {
    fx.routes[`compute GET ${path}`] = sequence(
      googleErrors.resourceExhausted429('compute.googleapis.com', '1'),
      ok,
    );
    await expect(transport.get('compute', path, { project: P })).resolves.toMatchObject({ name: 'fw-1' });
    expect(fx.requests).toHaveLength(2);
    const s = transport.stats();
    expect(s.throttled).toBe(1);
    expect(s.retries).toBe(1);
    expect(clock.sleeps.some((ms) => ms >= 1000)).toBe(true);
  });

  it('retries the 403 rateLimitExceeded the auth library does not retry', async () => {
    fx.routes[`compute GET ${path}`] = sequence(
      googleErrors.rateLimit403('compute.googleapis.com', '1'),
      googleErrors.rateLimit403('compute.googleapis.com', '1'),
      ok,
    );
    await expect(transport.get('compute', path, { project: P })).resolves.toMatchObject({ name: 'fw-1' });
    expect(transport.stats()).toMatchObject({ throttled: 2, retries: 2, attempts: 3 });
    // the backoff grows
    const [first = 0, second = 0] = clock.sleeps.filter((ms) => ms >= 1000);
    expect(second).toBeGreaterThan(first / 2);
  });

  it('ends throttled after the last attempt: an error, never a pass', async () => {
    fx.routes[`compute GET ${path}`] = googleErrors.rateLimit403('compute.googleapis.com', '1');
    const e = (await transport
      .get('compute', path, { project: P })
      .catch((x: unknown) => x)) as GcpThrottledError;
    expect(e).toBeInstanceOf(GcpThrottledError);
    expect(e.attempts).toBe(4);
    expect(e.quotaLimit).toBe('ReadRequestsPerMinutePerProject');
    expect(fx.requests).toHaveLength(4);
  });

  it('honours Retry-After when Google sends one', async () => {
    fx.routes[`compute GET ${path}`] = sequence(
      {
        ...googleErrors.resourceExhausted429('compute.googleapis.com', '1'),
        headers: { 'retry-after': '7' },
      },
      ok,
    );
    await transport.get('compute', path, { project: P });
    expect(clock.sleeps).toContain(7000);
  });

  it('retries 503 and gives up on a daily quota at once', async () => {
    fx.routes[`compute GET ${path}`] = sequence(googleErrors.backendError503(), ok);
    await expect(transport.get('compute', path, { project: P })).resolves.toBeTruthy();
    fx.routes[`compute GET ${path}`] = {
      status: 403,
      body: {
        error: {
          code: 403,
          message: 'Daily Limit Exceeded.',
          errors: [{ message: 'Daily Limit Exceeded.', domain: 'usageLimits', reason: 'dailyLimitExceeded' }],
        },
      },
    };
    fx.requests.length = 0;
    const e = (await transport.get('compute', path).catch((x: unknown) => x)) as GcpThrottledError;
    expect(e.kind).toBe('throttled');
    expect(e.attempts).toBe(1);
    expect(fx.requests).toHaveLength(1);
  });
});

describe('caller', () => {
  it("is the key's service account, its quota charged to the account's own project", async () => {
    const c = await transport.caller();
    expect(c).toMatchObject({ kind: 'service_account', email: SCANNER, consumer: 'project:scanner-proj' });
    expect(JSON.stringify(c)).not.toMatch(/PRIVATE KEY|ya29/);
  });
});
