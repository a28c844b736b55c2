/**
 * One access key used from two places too far apart for the time between: the key (or a session's
 * temporary key) is in two hands. Places are countries, from the offline address database
 * (src/core/geo.ts), at the centroid of each country.
 *
 * Baseline: each key's last located use, kept for WINDOW_MS (event time). False-positive
 * controls: addresses that are private, reserved or not in the database are not placed (VPC
 * endpoints, AWS service hosts); calls AWS services make for the key are left out; the two
 * places must be at least MIN_KM apart and the speed between them above MAX_KMH (faster than an
 * airliner); one key raises at most one detection per pair of countries per window. VPN and
 * proxy exits are the known remaining cause: say so in the falsepositives.
 */
import { countryCentroid, distanceKm, locateIp } from '../../core/geo.js';
import type { FindingRecord } from '../../core/record.js';
import { statefulDetection } from '../detection-record.js';
import type { RuleMeta } from '../sigma/types.js';
import type { StatefulFacts } from './facts.js';
import { type DetectionStateStore, StateCache } from './state.js';

export const WINDOW_MS = 24 * 3_600_000;
export const MIN_KM = 500;
export const MAX_KMH = 1000;

export const KEY_TRAVEL_RULE: RuleMeta = {
  file: '(built in: src/detect/stateful/key-travel.ts)',
  document: 0,
  id: 'cloudward.stateful.access_key_travel',
  title: 'Access key used from two distant places',
  status: 'experimental',
  level: 'high',
  description:
    'One access key was used from two countries further apart than anyone can travel in the time between the calls. The key is in two hands: rotate it and find out where it leaked.',
  author: 'Cloudward',
  references: ['https://attack.mitre.org/techniques/T1078/004/'],
  tags: ['attack.initial-access', 'attack.credential-access', 'attack.t1078.004', 'attack.t1552'],
  falsepositives: [
    'A VPN or proxy that exits in another country',
    'A key shared between teams in distant offices',
  ],
  fields: [],
};

interface Place {
  ip: string;
  country: string;
  lat: number;
  lon: number;
  time_ms: number;
  /** country pairs already reported in the window ("FR>US") */
  reported: string[];
}

export class AccessKeyTravel {
  private readonly places: StateCache<Place>;

  constructor(
    store: DetectionStateStore,
    private readonly locate: (
      ip: string,
    ) => { country: string; lat: number; lon: number } | null = locateCountry,
  ) {
    this.places = new StateCache(store, 'access_key_place');
  }

  async observe(f: StatefulFacts): Promise<FindingRecord | null> {
    if (!f.access_key || !f.source_ip || f.by_service) return null;
    const here = this.locate(f.source_ip);
    if (!here) return null;
    const t = Date.parse(f.time);
    const before = await this.places.get(f.access_key, t);
    const next: Place = { ip: f.source_ip, ...here, time_ms: t, reported: before?.reported ?? [] };
    // an older event (logs out of order) is judged against the newer place, which stays
    if (before && t < before.time_ms) Object.assign(next, { ...before });
    let found: FindingRecord | null = null;
    if (before && before.country !== here.country) {
      const km = distanceKm(before, here);
      const hours = Math.max(Math.abs(t - before.time_ms), 60_000) / 3_600_000;
      const pair = [before.country, here.country].sort().join('>');
      if (km >= MIN_KM && km / hours > MAX_KMH && !next.reported.includes(pair)) {
        next.reported = [...next.reported, pair].slice(-20);
        found = statefulDetection(
          KEY_TRAVEL_RULE,
          f,
          `key ${f.access_key} used from ${before.country} (${before.ip}) and ${here.country} (${f.source_ip}) ${Math.round(hours * 60)} minutes apart, ${Math.round(km)} km`,
          {
            kind: 'access_key_travel',
            access_key: f.access_key,
            principal: f.principal,
            from: { ip: before.ip, country: before.country, time: new Date(before.time_ms).toISOString() },
            to: { ip: f.source_ip, country: here.country, time: f.time },
            distance_km: Math.round(km),
            speed_kmh: Math.round(km / hours),
          },
        );
      }
    }
    await this.places.set(f.access_key, next, next.time_ms + WINDOW_MS);
    return found;
  }

  async flush(): Promise<void> {
    await this.places.flush();
  }
}

function locateCountry(ip: string): { country: string; lat: number; lon: number } | null {
  const geo = locateIp(ip);
  if (!geo) return null;
  const point = geo.point ?? countryCentroid(geo.country);
  return point ? { country: geo.country, ...point } : null;
}
