import type { CountRow, DetectionPageQuery, DetectionRecord } from '../../store/dashboard-store.js';
import type { ServerContext } from '../context.js';
import { type GeoLocation, locateIp } from '../geo.js';
import type { ApiRequest } from '../http.js';
import { int, str, time } from '../params.js';

/** Aggregates are computed over at most this many of the newest matching detections. */
export const ACTIVITY_SAMPLE = 5000;

export interface MapPoint {
  country: string;
  name: string;
  lat: number;
  lon: number;
  count: number;
  ips: string[];
}

export interface ActivityItem extends Omit<DetectionRecord, 'record'> {
  country: string | null;
  country_name: string | null;
  evidence: unknown;
}

export function detectionQuery(q: URLSearchParams): Omit<DetectionPageQuery, 'limit' | 'offset'> {
  const out: Omit<DetectionPageQuery, 'limit' | 'offset'> = {};
  const from = time(q, 'from');
  const to = time(q, 'to');
  const actor = str(q, 'actor', 500);
  const ip = str(q, 'ip', 100);
  const search = str(q, 'q', 200);
  if (from) out.from = from;
  if (to) out.to = to;
  if (actor) out.actor = actor;
  if (ip) out.source_ip = ip;
  if (search) out.search = search;
  return out;
}

const geoCache = new Map<string, GeoLocation | null>();

export function locate(ip: string | null): GeoLocation | null {
  if (ip === null) return null;
  if (!geoCache.has(ip)) {
    if (geoCache.size > 50_000) geoCache.clear();
    geoCache.set(ip, locateIp(ip));
  }
  return geoCache.get(ip) ?? null;
}

function top(counts: Map<string, number>, n: number): CountRow[] {
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, n);
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Timeline bucket size: hours for up to three days of activity, days beyond. */
function bucketOf(items: DetectionRecord[]): 'hour' | 'day' {
  const times = items.map((d) => Date.parse(d.time)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return 'day';
  return Math.max(...times) - Math.min(...times) <= 3 * 86_400_000 ? 'hour' : 'day';
}

export function aggregateActivity(items: DetectionRecord[]) {
  const bucket = bucketOf(items);
  const timeline = new Map<string, number>();
  const actors = new Map<string, number>();
  const ips = new Map<string, number>();
  const actions = new Map<string, number>();
  const points = new Map<string, MapPoint>();
  let unlocated = 0;
  for (const d of items) {
    const t = Date.parse(d.time);
    if (!Number.isNaN(t)) {
      const iso = new Date(t).toISOString();
      bump(timeline, bucket === 'hour' ? `${iso.slice(0, 13)}:00:00Z` : `${iso.slice(0, 10)}T00:00:00Z`);
    }
    if (d.actor) bump(actors, d.actor);
    if (d.action) bump(actions, d.action);
    if (d.source_ip) {
      bump(ips, d.source_ip);
      const geo = locate(d.source_ip);
      if (geo?.point) {
        const p = points.get(geo.country) ?? {
          country: geo.country,
          name: geo.name,
          ...geo.point,
          count: 0,
          ips: [],
        };
        p.count += 1;
        if (p.ips.length < 20 && !p.ips.includes(d.source_ip)) p.ips.push(d.source_ip);
        points.set(geo.country, p);
      } else unlocated += 1;
    }
  }
  return {
    bucket,
    timeline: [...timeline]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    actors: top(actors, 20),
    source_ips: top(ips, 20).map((r) => ({ ...r, country: locate(r.key)?.country ?? null })),
    actions: top(actions, 20),
    map: { points: [...points.values()].sort((a, b) => b.count - a.count), unlocated },
  };
}

export async function activity(req: ApiRequest, ctx: ServerContext) {
  const q = detectionQuery(req.query);
  const limit = int(req.query, 'limit', 50, 1, 500);
  const offset = int(req.query, 'offset', 0, 0, 10_000_000);
  const [pageOf, sample] = await Promise.all([
    ctx.dash.detections({ ...q, limit, offset }),
    ctx.dash.detections({ ...q, limit: ACTIVITY_SAMPLE, offset: 0 }),
  ]);
  const items: ActivityItem[] = pageOf.items.map(({ record, ...d }) => {
    const geo = locate(d.source_ip);
    return {
      ...d,
      country: geo?.country ?? null,
      country_name: geo?.name ?? null,
      evidence: record.raw.evidence ?? record.raw.event ?? record.raw ?? null,
    };
  });
  return {
    total: pageOf.total,
    limit,
    offset,
    items,
    sampled: sample.items.length,
    ...aggregateActivity(sample.items),
  };
}
