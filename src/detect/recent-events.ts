/**
 * The facts of the last correlated events, kept so that a correlation finding can describe the latest
 * event of its window. A ring of slots in parallel columns: remembering an event stores references to
 * parts its record already holds, so it makes no object and no hash-table entry per event (a `Map` by
 * event id and a facts object per event were a tenth of detecting). Events are known by the sequence
 * number `remember` returns, which the correlator hands back with a hit.
 */
import { type EventFacts, factsOf } from './detection-record.js';
import type { EventCom, EventExt, EventRecord } from './event.js';

/** An event made only when asked for (one a worker thread sent as what the correlations read of it). */
export interface LaterEvent {
  event(): EventRecord;
}

export class RecentEvents {
  private readonly ids: string[] = [];
  private readonly coms: (EventCom | LaterEvent)[] = [];
  private readonly recordTypes: string[] = [];
  private readonly positions: (EventExt['source'] | undefined)[] = [];
  /** Sequence number of the next event remembered; slot = sequence number modulo `max`. */
  private next = 0;

  constructor(private readonly max: number) {}

  /** Remembers the event (the oldest one is forgotten past `max`); returns its sequence number. */
  remember(event: EventRecord): number {
    const seq = this.next++;
    const slot = seq % this.max;
    this.ids[slot] = event.com.reference;
    this.coms[slot] = event.com;
    this.recordTypes[slot] = event.ext.record_type;
    this.positions[slot] = event.ext.source;
    return seq;
  }

  /** `remember` for an event made only if a correlation finding describes it. */
  rememberLater(id: string, later: LaterEvent): number {
    const seq = this.next++;
    const slot = seq % this.max;
    this.ids[slot] = id;
    this.coms[slot] = later;
    return seq;
  }

  /**
   * The facts of event `id`, remembered as `seq` when that is known (else the newest event of that id
   * is looked for), or undefined when it was forgotten.
   */
  facts(id: string, seq: number | undefined): EventFacts | undefined {
    const from = Math.max(0, this.next - this.max);
    if (seq !== undefined) {
      return seq >= from && seq < this.next && this.ids[seq % this.max] === id
        ? this.at(seq % this.max)
        : undefined;
    }
    for (let s = this.next - 1; s >= from; s--)
      if (this.ids[s % this.max] === id) return this.at(s % this.max);
    return undefined;
  }

  /** Events remembered now (at most `max`). */
  get size(): number {
    return Math.min(this.next, this.max);
  }

  private at(slot: number): EventFacts {
    const com = this.coms[slot] as EventCom | LaterEvent;
    if (typeof (com as Partial<LaterEvent>).event === 'function') {
      const event = (com as LaterEvent).event();
      return factsOf(event.com, event.ext.record_type, event.ext.source);
    }
    return factsOf(com as EventCom, this.recordTypes[slot] as string, this.positions[slot]);
  }
}
