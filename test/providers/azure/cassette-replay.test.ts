import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureError } from '../../../src/providers/azure/errors.js';
import { type AzureFixture, type FixtureAnswer, startAzureFixture } from './fixture-server.js';
import { fixtureTransport } from './helpers.js';

/**
 * Replay of recorded real Resource Manager exchanges (cloud-custodian's VCR cassettes) through
 * the transport and the real HTTP stack: every recorded list is listed (following its
 * recorded nextLinks, which name the public host and are rewritten to the fixture's base),
 * every recorded error is classified. Proof that paging, `nextLink: null`, error bodies with
 * and without the `error` wrapper, and the rate-limit headers are read as Azure sends them.
 */
const FILE = new URL(
  '../../../../shared/data/config/cloud-custodian/azure_vcr_cassettes.jsonl',
  import.meta.url,
);
const present = existsSync(FILE);
if (!present) console.log(`skipping Azure cassette replay: ${FILE.pathname} is absent`);

interface Interaction {
  request: { method: string; uri: string };
  response: { status: { code: number }; headers: Record<string, string[]>; body?: { data?: unknown } };
}

interface Recorded {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** query parameters, decoded and sorted: how a request is matched to its recording */
const canonical = (q: URLSearchParams) =>
  [...q.entries()]
    .map(([k, v]) => `${k.toLowerCase()}=${v}`)
    .sort()
    .join('&');

const KEEP_HEADERS = /^(x-ms-|retry-after|content-type)/i;

function cassettes(): { file: string; recordings: Map<string, Map<string, Recorded>> }[] {
  const out: { file: string; recordings: Map<string, Map<string, Recorded>> }[] = [];
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { file: string; content: { interactions?: Interaction[] } };
    const recordings = new Map<string, Map<string, Recorded>>();
    for (const it of c.content.interactions ?? []) {
      const url = new URL(it.request.uri);
      const body = it.response.body?.data;
      if (it.request.method !== 'GET' || url.hostname !== 'management.azure.com' || body === undefined)
        continue;
      if (!url.searchParams.has('api-version')) continue;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(it.response.headers))
        if (KEEP_HEADERS.test(k) && v[0]) headers[k] = v[0];
      const byQuery = recordings.get(url.pathname.toLowerCase()) ?? new Map<string, Recorded>();
      if (!byQuery.has(canonical(url.searchParams))) {
        byQuery.set(canonical(url.searchParams), { status: it.response.status.code, body, headers });
      }
      recordings.set(url.pathname.toLowerCase(), byQuery);
    }
    if (recordings.size > 0) out.push({ file: c.file, recordings });
  }
  return out;
}

interface ListCase {
  path: string;
  query: Record<string, string>;
  /** items over the recorded pages */
  items: number;
  pages: number;
}

/** The recorded first pages whose whole chain of nextLinks was recorded too. */
function listCases(recordings: Map<string, Map<string, Recorded>>): ListCase[] {
  const out: ListCase[] = [];
  for (const [path, byQuery] of recordings) {
    for (const [q, rec] of byQuery) {
      const params = new URLSearchParams(q);
      if (rec.status !== 200 || params.has('$skiptoken')) continue;
      let page = rec.body as { value?: unknown[]; nextLink?: string | null } | null;
      if (!page || !Array.isArray(page.value)) continue;
      let items = 0;
      let pages = 0;
      let complete = true;
      while (page && Array.isArray(page.value)) {
        items += page.value.length;
        pages++;
        if (!page.nextLink) break;
        const next = new URL(page.nextLink);
        const rec2 = recordings.get(next.pathname.toLowerCase())?.get(canonical(next.searchParams));
        if (!rec2) {
          complete = false;
          break;
        }
        page = rec2.body as typeof page;
      }
      if (!complete) continue;
      // the recorded path keeps its case for the request; the map key is lower case
      out.push({ path, query: Object.fromEntries(params.entries()), items, pages });
    }
  }
  return out;
}

describe.skipIf(!present)('replay of recorded real Resource Manager answers', () => {
  let fx: AzureFixture;
  beforeAll(async () => {
    fx = await startAzureFixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  it('lists every recorded list through its recorded pages and classifies every recorded error', async () => {
    let lists = 0;
    let multiPage = 0;
    let errors = 0;
    for (const { file, recordings } of present ? cassettes() : []) {
      fx.reset();
      for (const [path] of recordings) {
        fx.routes[`arm ${path}`] = (req): FixtureAnswer => {
          const rec = recordings.get(req.path.toLowerCase())?.get(canonical(req.query));
          if (!rec)
            return { status: 400, body: { error: { code: 'NotRecorded', message: `${file}: ${req.path}` } } };
          return { status: rec.status, body: rec.body, headers: rec.headers };
        };
      }
      const { transport } = fixtureTransport(fx);
      for (const c of listCases(recordings)) {
        const got = await transport.list('arm', c.path, c.query);
        expect(got, `${file} ${c.path}`).toHaveLength(c.items);
        lists++;
        if (c.pages > 1) multiPage++;
      }
      for (const [path, byQuery] of recordings) {
        for (const [q, rec] of byQuery) {
          if (rec.status < 400) continue;
          const err = await transport
            .get('arm', path, Object.fromEntries(new URLSearchParams(q)))
            .catch((e: unknown) => e);
          expect(err, `${file} ${path}`).toBeInstanceOf(AzureError);
          const body = rec.body as { error?: { code?: string }; code?: string };
          expect((err as AzureError).code).toBe(body.error?.code ?? body.code);
          expect((err as AzureError).kind).toBe(rec.status === 404 ? 'absent' : 'failed');
          errors++;
        }
      }
      expect(fx.refused).toEqual([]);
      transport.close();
    }
    expect(lists).toBeGreaterThan(300);
    expect(multiPage).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
    console.log(`replayed ${lists} recorded lists (${multiPage} paged) and ${errors} recorded errors`);
  }, 120_000);
});
