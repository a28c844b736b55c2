import type { AnyCheck } from '../core/check.js';
import type { CloudType } from '../core/record.js';
import { normaliserFor } from '../providers/normalisers.js';
import { BY_TYPE, entriesFor } from './resource-ids.js';

/**
 * Which checks an activity-log event can change. Two sources, joined:
 * - a check's own `triggers` (the event names its author listed);
 * - the resource table (resource-ids.ts): an event that changes a resource re-runs every check
 *   that reads that resource's records, so a fix (RevokeSecurityGroupIngress) resolves a finding
 *   even when the check only lists the events that open it.
 */
export class TriggerIndex {
  private readonly byEvent = new Map<string, AnyCheck[]>();

  constructor(readonly checks: readonly AnyCheck[]) {
    for (const check of checks) {
      for (const name of check.triggers) {
        const list = this.byEvent.get(name) ?? [];
        if (!list.includes(check)) list.push(check);
        this.byEvent.set(name, list);
      }
    }
  }

  /** Checks whose `triggers` name the event (any cloud: event names do not collide across clouds). */
  triggered(eventName: string): AnyCheck[] {
    return this.byEvent.get(eventName) ?? [];
  }

  /** Checks that read any record a collector of `collectorType` yields. */
  readersOf(collectorType: string): AnyCheck[] {
    const produced = new Set(normaliserFor(collectorType)?.produces ?? [collectorType]);
    return this.checks.filter((c) => c.uses.some((t) => produced.has(t)));
  }

  /**
   * The checks an event can change: those that list it, plus those reading a resource the
   * resource table says it changes.
   */
  checksFor(cloud: CloudType, eventName: string): AnyCheck[] {
    const out = new Set(this.triggered(eventName).filter((c) => !c.clouds || c.clouds.includes(cloud)));
    for (const entry of entriesFor(cloud, eventName)) {
      for (const c of this.readersOf(entry.type)) if (!c.clouds || c.clouds.includes(cloud)) out.add(c);
    }
    return [...out];
  }

  /** Every event name that leads to a recheck, for docs and metrics. */
  eventNames(): string[] {
    const names = new Set(this.byEvent.keys());
    for (const entry of BY_TYPE.values()) {
      if (this.readersOf(entry.type).length > 0) for (const n of Object.keys(entry.events)) names.add(n);
    }
    return [...names].sort();
  }
}
