import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HealthServerOptions {
  host: string;
  port: number;
  /** false once the service is stopping */
  live: () => boolean;
  ready: () => Promise<Readiness>;
  metrics: () => Promise<string>;
  metricsContentType: string;
}

/**
 * /healthz (the process serves), /readyz (store reachable, sources started) and /metrics
 * (Prometheus text). GET and HEAD only; nothing else is served.
 */
export async function startHealthServer(
  o: HealthServerOptions,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    const answer = async () => {
      if (path === '/healthz') {
        const live = o.live();
        send(live ? 200 : 503, 'text/plain; charset=utf-8', live ? 'ok\n' : 'stopping\n');
      } else if (path === '/readyz') {
        const r = await o.ready();
        send(r.ready ? 200 : 503, 'application/json', `${JSON.stringify(r)}\n`);
      } else if (path === '/metrics') {
        send(200, o.metricsContentType, await o.metrics());
      } else {
        send(404, 'text/plain; charset=utf-8', 'not found: /healthz, /readyz, /metrics\n');
      }
    };
    answer().catch((e: unknown) => {
      if (!res.headersSent) send(500, 'text/plain; charset=utf-8', `${(e as Error).message}\n`);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
