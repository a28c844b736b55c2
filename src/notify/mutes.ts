import type { ConfigMute } from '../config/schema.js';
import { checksOf } from '../core/exposure.js';
import { globMatch } from '../core/glob.js';
import type { FindingRecord } from '../core/record.js';
import type { Mute } from '../store/store.js';
import { ruleOf } from './alert.js';

/** When a config mute stops muting: a date means 00:00 UTC that day; null for never. */
export function muteExpiry(m: Pick<ConfigMute, 'expires'>): Date | null {
  if (m.expires === 'never') return null;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(m.expires) ? `${m.expires}T00:00:00.000Z` : m.expires);
}

export function muteActive(m: Pick<ConfigMute, 'expires'>, now: Date): boolean {
  const end = muteExpiry(m);
  return end === null || now.getTime() < end.getTime();
}

/** True when the finding matches every selector the mute gives. */
export function muteMatches(m: ConfigMute, f: FindingRecord): boolean {
  const detection = f.com.origin_type === 'detection';
  // a finding of several checks (one exposure) is muted by a mute of any of them
  if (m.check !== undefined && (detection || !checksOf(f).some((c) => globMatch(m.check as string, c))))
    return false;
  if (m.rule !== undefined && (!detection || !globMatch(m.rule, ruleOf(f).id))) return false;
  if (m.account !== undefined && !globMatch(m.account, f.com.account)) return false;
  if (m.region !== undefined && !globMatch(m.region, f.com.region)) return false;
  if (
    m.resource !== undefined &&
    !globMatch(m.resource, f.com.reference) &&
    !globMatch(m.resource, f.com.name)
  )
    return false;
  if (m.tag !== undefined) {
    const at = m.tag.indexOf('=');
    const value = f.com.tags[m.tag.slice(0, at)];
    if (value === undefined || !globMatch(m.tag.slice(at + 1), value)) return false;
  }
  return true;
}

/** The first config mute in force at `now` that matches the finding. */
export function configMuteFor(
  finding: FindingRecord,
  mutes: readonly ConfigMute[],
  now: Date,
): ConfigMute | undefined {
  return mutes.find((m) => muteActive(m, now) && muteMatches(m, finding));
}

/** The predicate reconcile() takes: a finding's config mute as a store Mute, or undefined. */
export function configMutePredicate(
  mutes: readonly ConfigMute[],
  now: Date,
): ((f: FindingRecord) => Mute | undefined) | undefined {
  const active = mutes.filter((m) => muteActive(m, now));
  if (active.length === 0) return undefined;
  return (f) => {
    const m = configMuteFor(f, active, now);
    if (!m) return undefined;
    return {
      finding_id: f.com.finding_id,
      owner: m.owner,
      reason: m.reason,
      created_at: now.toISOString(),
      expires_at: muteExpiry(m)?.toISOString() ?? null,
    };
  };
}
