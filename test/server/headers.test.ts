import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security.js';
import { resolveInside } from '../../src/server/static.js';
import { startTestServer, type TestServer, tempDir } from './helpers.js';

const TOKEN = 'headers-token-0123456789';
let open: TestServer;
let locked: TestServer;

beforeAll(async () => {
  const db = join(tempDir('cw-headers-'), 'cw.db');
  open = await startTestServer(db);
  locked = await startTestServer(db, { token: TOKEN });
});
afterAll(async () => {
  await open?.close();
  await locked?.close();
});

function expectSecurityHeaders(r: Response, what: string): void {
  const csp = r.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).not.toContain('unsafe-inline');
  expect(csp, what).not.toContain('unsafe-eval');
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("default-src 'none'");
  expect(r.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(r.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(r.headers.get('x-frame-options'), what).toBe('DENY');
}

describe('security headers', () => {
  it('are on every response: pages, assets, API answers, errors, redirects and refusals', async () => {
    const cases: [string, Promise<Response>, number][] = [
      ['page', open.get('/'), 200],
      ['asset', open.get('/assets/app.js'), 200],
      ['api', open.get('/api/health'), 200],
      ['api 404', open.get('/api/nothing'), 404],
      ['api 400', open.get('/api/findings?limit=x'), 400],
      ['static 404', open.get('/nothing.html'), 404],
      ['405', open.get('/', { method: 'POST' }), 405],
      ['traversal', open.get('/%2e%2e/%2e%2e/package.json'), 404],
      ['401', fetch(`http://127.0.0.1:${locked.server.port}/api/health`), 401],
      [
        'login redirect',
        fetch(`http://127.0.0.1:${locked.server.port}/?token=${TOKEN}`, { redirect: 'manual' }),
        303,
      ],
    ];
    for (const [what, p, status] of cases) {
      const r = await p;
      expect(r.status, what).toBe(status);
      expectSecurityHeaders(r, what);
    }
  });

  it('serve the policy the server module exports, and JSON with no-store', async () => {
    const r = await open.get('/api/health');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('give assets their content type and a long cache, the page none', async () => {
    const asset = await open.get('/assets/app.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await open.get('/')).headers.get('cache-control')).toBe('no-cache');
  });
});

describe('static files', () => {
  it('never resolve outside the web root', () => {
    const root = '/srv/web';
    expect(resolveInside(root, '/')).toBe('/srv/web/index.html');
    expect(resolveInside(root, '/assets/a.js')).toBe('/srv/web/assets/a.js');
    expect(resolveInside(root, '/../etc/passwd')).toBe('/srv/web/etc/passwd');
    expect(resolveInside(root, '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/web/etc/passwd');
    expect(resolveInside(root, '/a/%00b')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });

  it('say the front end is not built when the web root is empty, while the API works', async () => {
    const t = await startTestServer(join(tempDir('cw-noweb-'), 'cw.db'), { webRoot: tempDir('cw-empty-') });
    try {
      const r = await t.get('/');
      expect(r.status).toBe(503);
      expect(await r.text()).toContain('npm run build');
      expect((await t.get('/api/health')).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
