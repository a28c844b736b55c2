import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: {
    delivery_id: string;
    source: string;
    items: { finding_id: string; event: string; origin: string; rule_id: string; reference: string }[];
    /** a log source's message: the incident it is about */
    incident?: { id: string; update: boolean; detections: number; version: number };
  };
}

/**
 * A webhook receiver on 127.0.0.1. `hold` makes it keep requests unanswered (to crash a sender
 * mid-delivery); `status` answers with that code.
 */
export async function startReceiver() {
  const got: Received[] = [];
  const held: (() => void)[] = [];
  const state = { hold: false, status: 204 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'],
      });
      const answer = () => {
        if (!res.destroyed) {
          res.writeHead(state.status);
          res.end();
        }
      };
      if (state.hold) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    state,
    /** distinct deliveries (a redelivery after a crash carries the same id) */
    deliveries(): Received['body'][] {
      const seen = new Map<string, Received['body']>();
      for (const g of got) seen.set(g.body.delivery_id, g.body);
      return [...seen.values()];
    },
    release(): void {
      for (const h of held.splice(0)) h();
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** Waits until `pred` holds (checking every 25 ms), failing after `ms` with `what`. */
export async function until(
  pred: () => boolean | Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await pred()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
