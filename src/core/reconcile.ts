import { checksOf } from './exposure.js';
import { findingId } from './ids.js';
import type { FindingRecord } from './record.js';
import type { FindingEvent, FindingLife, Mute } from './scan-store.js';

export interface ReconcileInput {
  auditKey: string;
  scanId: string;
  now: string;
  /** lives from the store before this scan */
  previous: Map<string, FindingLife>;
  /** this scan's fail and error results as finding records (state not yet set) */
  current: FindingRecord[];
  /** `findingId(check, reference)` of every check that passed (or did not apply) on a resource in this scan */
  passed: Set<string>;
  /** `<check>|<account>|<region>` where the check ran with all its data: a finding there that did not recur is resolved */
  cleanScopes: Set<string>;
  mutes: Map<string, Mute>;
  /** mutes from the config, matched on the finding itself (check, account, resource, tag...) */
  configMute?: (rec: FindingRecord) => Mute | undefined;
}

export interface ReconcileOutput {
  /** lives to write (new, changed and re-seen ones) */
  lives: FindingLife[];
  events: FindingEvent[];
  /** current findings plus those resolved by this scan, with their states */
  findings: FindingRecord[];
}

export const scopeKey = (checkId: string, account: string, region: string) =>
  `${checkId}|${account}|${region}`;

/**
 * A live finding stored under a check's own id before its check declared an exposure: the
 * merged finding continues it (open, first seen then) instead of starting as new; the old
 * life is resolved, as its check no longer reports under that id.
 */
function perCheckLife(rec: FindingRecord, previous: Map<string, FindingLife>): FindingLife | undefined {
  if (typeof rec.ext.exposure !== 'string') return undefined;
  return checksOf(rec)
    .map((check) => previous.get(findingId(check, rec.com.reference)))
    .filter((l): l is FindingLife => l !== undefined && l.state !== 'resolved')
    .sort((a, b) => a.first_seen.localeCompare(b.first_seen))[0];
}

/**
 * The life of a finding across scans of one audit:
 * none -> new; new/open/regressed -> open; resolved -> regressed; not seen where its check ran
 * cleanly -> resolved. A finding whose check could not run (collector error, different selection)
 * keeps its state: an unreadable resource is never evidence of a fix. A finding of several checks
 * (one exposure) is resolved when one of them passed on its resource or ran cleanly in its scope
 * and none of them reported it again.
 */
export function reconcile(input: ReconcileInput): ReconcileOutput {
  const lives: FindingLife[] = [];
  const events: FindingEvent[] = [];
  const findings: FindingRecord[] = [];
  const seen = new Set<string>();
  const event = (finding_id: string, state: FindingEvent['state']) =>
    events.push({ finding_id, scan_id: input.scanId, state, at: input.now });

  for (const rec of input.current) {
    const id = rec.com.finding_id;
    if (seen.has(id)) continue;
    seen.add(id);
    const prev = input.previous.get(id) ?? perCheckLife(rec, input.previous);
    const state: FindingLife['state'] = !prev ? 'new' : prev.state === 'resolved' ? 'regressed' : 'open';
    if (state !== 'open') event(id, state);
    const first_seen = prev?.first_seen ?? input.now;
    const mute = input.mutes.get(id) ?? input.configMute?.(rec);
    const record: FindingRecord = {
      ...rec,
      ext: {
        ...rec.ext,
        ...(mute ? { muted: { owner: mute.owner, reason: mute.reason, expires_at: mute.expires_at } } : {}),
      },
      com: { ...rec.com, state: mute ? 'muted' : state, first_seen, last_seen: input.now },
    };
    // A life keeps the unmuted state; the mute is applied when findings are read.
    lives.push({
      finding_id: id,
      audit_key: input.auditKey,
      check_id: rec.ext.check_id,
      reference: rec.com.reference,
      state,
      first_seen,
      last_seen: input.now,
      resolved_at: null,
      record: { ...record, com: { ...record.com, state } },
    });
    findings.push(record);
  }

  for (const [id, prev] of input.previous) {
    if (seen.has(id) || prev.state === 'resolved') continue;
    const c = prev.record.com;
    const checks = [...new Set([prev.check_id, ...checksOf(prev.record)])];
    const resolved =
      input.passed.has(id) ||
      checks.some(
        (check) =>
          input.passed.has(findingId(check, prev.reference)) ||
          input.cleanScopes.has(scopeKey(check, c.account, c.region)),
      );
    if (!resolved) continue;
    event(id, 'resolved');
    const record: FindingRecord = { ...prev.record, com: { ...prev.record.com, state: 'resolved' } };
    lives.push({ ...prev, state: 'resolved', resolved_at: input.now, record });
    findings.push(record);
  }
  return { lives, events, findings };
}
