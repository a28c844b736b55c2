import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliContext } from '../../src/cli/context.js';
import { serve } from '../../src/cli/serve.js';
import { isLoopbackHost } from '../../src/server/security.js';
import { startServer } from '../../src/server/server.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openSqliteDashboardStore } from '../../src/store/sqlite-dashboards.js';
import { jsonInit, startTestServer, type TestServer, tempDir } from './helpers.js';

const TOKEN = 'test-token-0123456789abcdef';
const db = join(tempDir('cw-auth-'), 'cw.db');

describe('binding', () => {
  it('refuses a non-loopback host without a token, and a short token', async () => {
    const store = await openSqliteStore(db);
    const dash = openSqliteDashboardStore(db);
    try {
      await expect(startServer({ store, dash, host: '0.0.0.0', port: 0 })).rejects.toThrow(
        /refusing to listen on 0.0.0.0 without a token/,
      );
      await expect(startServer({ store, dash, host: '127.0.0.1', port: 0, token: 'short' })).rejects.toThrow(
        /at least 16/,
      );
    } finally {
      await dash.close();
      await store.close();
    }
  });

  it('tells loopback names from others', () => {
    for (const h of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]', 'app.localhost'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '192.168.1.5',
      'example.com',
      'localhost.example.com',
      '128.0.0.1',
    ])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('requires the token on every request when bound to all interfaces', async () => {
    const t = await startTestServer(db, { host: '0.0.0.0', token: TOKEN });
    try {
      // reached through loopback, but the server is bound to every interface: the token is required
      const anon = await fetch(`http://127.0.0.1:${t.server.port}/api/health`);
      expect(anon.status).toBe(401);
      expect(anon.headers.get('www-authenticate')).toContain('Bearer');
      const ok = await t.get('/api/health');
      expect(ok.status).toBe(200);
      expect(t.server.loginUrl).toContain(`?token=${TOKEN}`);
    } finally {
      await t.close();
    }
  });
});

describe('with a token', () => {
  let t: TestServer;
  let base: string;
  beforeAll(async () => {
    t = await startTestServer(db, { token: TOKEN });
    base = `http://127.0.0.1:${t.server.port}`;
  });
  afterAll(async () => t?.close());

  it('answers 401 without credentials, for the API and for pages', async () => {
    const api = await fetch(`${base}/api/overview`);
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: string }).error).toMatch(/token is required/);
    expect((await fetch(`${base}/`)).status).toBe(401);
  });

  it('answers 401 for a wrong bearer token and accepts the right one', async () => {
    const wrong = await fetch(`${base}/api/health`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${base}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
  });

  it('trades a login link for an HttpOnly SameSite cookie and drops the token from the address', async () => {
    const bad = await fetch(`${base}/?token=wrong-token-value-123`, { redirect: 'manual' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const login = await fetch(`${base}/?token=${TOKEN}#/findings`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    const page = await fetch(`${base}/`, { headers: { cookie: pair } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Cloudward</title>');
    const api = await fetch(`${base}/api/health`, { headers: { cookie: pair } });
    expect(api.status).toBe(200);
    const forged = await fetch(`${base}/api/health`, {
      headers: { cookie: 'cloudward_token=guess-guess-guess-guess' },
    });
    expect(forged.status).toBe(401);
  });

  it('refuses state changes from a cookie session without the custom header, from a foreign origin, and form posts', async () => {
    const login = await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const body = JSON.stringify({ name: 'x', widgets: [] });
    const noHeader = await fetch(`${base}/api/dashboards`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body,
    });
    expect(noHeader.status).toBe(403);
    const foreign = await fetch(`${base}/api/dashboards`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/json',
        'x-cloudward-request': '1',
        origin: 'https://evil.example',
      },
      body,
    });
    expect(foreign.status).toBe(403);
    const form = await fetch(`${base}/api/dashboards`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-cloudward-request': '1' },
      body: 'name=x',
    });
    expect(form.status).toBe(415);
    const ok = await fetch(`${base}/api/dashboards`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-cloudward-request': '1', origin: base },
      body,
    });
    expect(ok.status).toBe(201);
  });

  it('lets a bearer-token client change state without the custom header', async () => {
    const r = await t.get('/api/dashboards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'from a script', widgets: [] }),
    });
    expect(r.status).toBe(201);
  });
});

describe('without a token (loopback)', () => {
  it('serves this machine but refuses a foreign Host name (DNS rebinding)', async () => {
    const t = await startTestServer(db);
    try {
      expect((await t.get('/api/health')).status).toBe(200);
      const { request } = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: t.server.port,
            path: '/api/health',
            headers: { host: 'attacker.example:80' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
      const post = await t.get('/api/dashboards', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(post.status).toBe(403);
      expect((await t.get('/api/dashboards', jsonInit('POST', { name: 'ok', widgets: [] }))).status).toBe(
        201,
      );
    } finally {
      await t.close();
    }
  });
});

describe('cloudward serve', () => {
  const run = async (
    opts: { port: string; host: string; token?: string },
    probe: (url: string, out: string) => Promise<void>,
  ) => {
    const ctx = new CliContext({ db, quiet: true });
    const ac = new AbortController();
    let out = '';
    let announce: () => void = () => {};
    const announced = new Promise<void>((r) => {
      announce = r;
    });
    const done = serve(ctx, opts, ac.signal, (text) => {
      out += text;
      announce();
    });
    try {
      await Promise.race([announced, done]);
      const url = /on (http:\/\/\S+?)\s/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      await probe(url!, out);
    } finally {
      ac.abort();
      await done;
      await ctx.close();
    }
  };

  it('serves on loopback without a token', async () => {
    await run({ port: '0', host: '127.0.0.1' }, async (url, out) => {
      expect(out).not.toContain('token');
      expect((await fetch(`${url}api/health`)).status).toBe(200);
    });
  });

  it('generates and prints a login link when bound to all interfaces, and never prints a given token', async () => {
    await run({ port: '0', host: '0.0.0.0' }, async (_url, out) => {
      const token = /\?token=([\w-]+)/.exec(out)?.[1];
      expect(token?.length).toBeGreaterThanOrEqual(32);
      const port = /:(\d+)\//.exec(out)?.[1];
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(401);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ok.status).toBe(200);
    });
    await run({ port: '0', host: '0.0.0.0', token: TOKEN }, async (_url, out) => {
      expect(out).not.toContain(TOKEN);
    });
  });

  it('refuses a bad port or a short token with a clear message', async () => {
    const ctx = new CliContext({ db, quiet: true });
    const ac = new AbortController();
    await expect(serve(ctx, { port: 'http', host: '127.0.0.1' }, ac.signal)).rejects.toThrow(
      /--port: expected a port number/,
    );
    await expect(serve(ctx, { port: '70000', host: '127.0.0.1' }, ac.signal)).rejects.toThrow(/--port/);
    await expect(serve(ctx, { port: '0', host: '127.0.0.1', token: 'abc' }, ac.signal)).rejects.toThrow(
      /at least 16/,
    );
    await ctx.close();
  });
});
