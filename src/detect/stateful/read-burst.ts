/**
 * A sudden burst of reads across many resources: a principal that reads a handful of things in
 * a usual ten minutes and now reads hundreds, across services (sweeping before exfiltration).
 * The rule pack's correlations count against fixed thresholds; this one measures the principal
 * against its own history.
 *
 * Baseline: the principal's busiest ten-minute bucket of distinct resources read, fading by half
 * each week (HALF_LIFE_MS), kept 30 days after its last read. False-positive controls: a bucket
 * raises only with at least MIN_DISTINCT distinct resources and more than FACTOR times the
 * baseline; a principal first seen less than a day before (LEARNING_MS) is learning; failed
 * calls and calls AWS services make are left out; one detection per principal and bucket.
 * Memory: distinct resources are kept as 32-bit hashes, at most MIN_DISTINCT * FACTOR per
 * principal, and at most 5,000 principals in memory.
 */
import { createHash } from 'node:crypto';
import type { FindingRecord } from '../../core/record.js';
import { statefulDetection } from '../detection-record.js';
import type { RuleMeta } from '../sigma/types.js';
import type { StatefulFacts } from './facts.js';
import { type DetectionStateStore, StateCache } from './state.js';

export const BUCKET_MS = 10 * 60_000;
export const MIN_DISTINCT = 100;
export const FACTOR = 4;
export const LEARNING_MS = 86_400_000;
export const HALF_LIFE_MS = 7 * 86_400_000;
const KEEP_MS = 30 * 86_400_000;
const MAX_HASHES = MIN_DISTINCT * FACTOR;

export const READ_BURST_RULE: RuleMeta = {
  file: '(built in: src/detect/stateful/read-burst.ts)',
  document: 0,
  id: 'cloudward.stateful.read_burst',
  title: 'Burst of reads across many resources',
  status: 'experimental',
  level: 'medium',
  description:
    'A principal read far more distinct resources in ten minutes than it ever does (at least 100, and four times its busiest ten minutes of recent weeks). Sweeping resources is how an intruder maps and collects before taking data out: check what was read and whether the principal is a new inventory or backup job.',
  author: 'Cloudward',
  references: ['https://attack.mitre.org/techniques/T1580/', 'https://attack.mitre.org/techniques/T1530/'],
  tags: ['attack.discovery', 'attack.collection', 'attack.t1580', 'attack.t1530', 'attack.t1619'],
  falsepositives: ['A new inventory, backup or analytics job running under an existing identity'],
  fields: [],
};

interface Reading {
  first_ms: number;
  bucket_ms: number;
  /** 32-bit hashes of the distinct resources read in the current bucket */
  hashes: number[];
  /** busiest closed bucket, faded to `baseline_at` */
  baseline: number;
  baseline_at: number;
  reported_bucket: number | null;
}

const hash32 = (s: string) => createHash('sha1').update(s).digest().readUInt32BE(0);

function faded(r: Reading, t: number): number {
  return r.baseline * 0.5 ** (Math.max(0, t - r.baseline_at) / HALF_LIFE_MS);
}

export class ReadBurst {
  private readonly readers: StateCache<Reading>;

  constructor(store: DetectionStateStore) {
    this.readers = new StateCache(store, 'read_burst', 5_000);
  }

  async observe(f: StatefulFacts): Promise<FindingRecord | null> {
    if (!f.read || !f.principal || f.by_service || f.outcome === 'failure') return null;
    const t = Date.parse(f.time);
    const bucket = Math.floor(t / BUCKET_MS) * BUCKET_MS;
    const key = `${f.account}\u001f${f.principal}`;
    const r: Reading = (await this.readers.get(key, t)) ?? {
      first_ms: t,
      bucket_ms: bucket,
      hashes: [],
      baseline: 0,
      baseline_at: t,
      reported_bucket: null,
    };
    r.first_ms = Math.min(r.first_ms, t);
    if (bucket > r.bucket_ms) {
      // the bucket closed: it may raise the baseline
      const base = faded(r, r.bucket_ms);
      r.baseline = Math.max(base, r.hashes.length);
      r.baseline_at = r.bucket_ms;
      r.bucket_ms = bucket;
      r.hashes = [];
    }
    let found: FindingRecord | null = null;
    // reads of older buckets (logs out of order) only count towards nothing: the bucket moved on
    if (bucket === r.bucket_ms) {
      const h = hash32(f.target ?? f.api);
      if (r.hashes.length < MAX_HASHES && !r.hashes.includes(h)) r.hashes.push(h);
      const baseline = faded(r, t);
      const distinct = r.hashes.length;
      if (
        distinct >= MIN_DISTINCT &&
        distinct > FACTOR * baseline &&
        t - r.first_ms >= LEARNING_MS &&
        r.reported_bucket !== bucket
      ) {
        r.reported_bucket = bucket;
        found = statefulDetection(
          READ_BURST_RULE,
          f,
          `${f.principal} read ${distinct} distinct resources in ten minutes (busiest before: ${Math.round(baseline)})`,
          {
            kind: 'read_burst',
            principal: f.principal,
            distinct_resources: distinct,
            baseline: Math.round(baseline),
            bucket_start: new Date(bucket).toISOString(),
          },
        );
      }
    }
    await this.readers.set(key, r, Math.max(r.bucket_ms, t) + KEEP_MS);
    return found;
  }

  async flush(): Promise<void> {
    await this.readers.flush();
  }
}
