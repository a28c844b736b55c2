import { existsSync, readFileSync } from 'node:fs';
import type { Answer } from './fixture-server.js';

/**
 * Recorded real Google API answers (`gcp_flight_responses.jsonl` of the shared reference
 * data: `{test_dir, file, content: {headers: {status...}, body}}`), served by the fixture as
 * recorded. The data is optional: `FLIGHTS_AVAILABLE` is false without it and suites skip.
 */
const FILE = [
  new URL('../../../../shared/data/config/cloud-custodian/gcp_flight_responses.jsonl', import.meta.url)
    .pathname,
  '/work/shared/data/config/cloud-custodian/gcp_flight_responses.jsonl',
].find((f) => existsSync(f));

export const FLIGHTS_AVAILABLE = FILE !== undefined;

let cache: Map<string, Answer> | undefined;

function load(): Map<string, Answer> {
  if (cache) return cache;
  cache = new Map();
  if (!FILE) return cache;
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { test_dir: string; file: string; content: unknown };
    const content = r.content as { headers?: { status?: string }; body?: unknown } | null;
    if (typeof content !== 'object' || content === null) continue;
    cache.set(`${r.test_dir}/${r.file}`, {
      status: Number(content.headers?.status ?? 200),
      body: content.body ?? {},
    });
  }
  return cache;
}

/** The recorded answer `<test_dir>/<file>`; throws when it is not in the data. */
export function flight(key: string): Answer {
  const a = load().get(key);
  if (!a) throw new Error(`no recorded answer ${key}`);
  return a;
}
