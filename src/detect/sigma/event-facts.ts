/** Event time and id as the correlator reads them when the caller does not give them. */
/** What the caller already knows about an event. */
export interface EventFacts {
  /** Epoch milliseconds. */
  time?: number;
  id?: string;
  /** A number the caller knows the event by (e.g. where it keeps its facts); hits report their last event's. */
  ref?: number;
}

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function get(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function parseTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e11 ? v * 1000 : v;
  if (typeof v === 'string' && v !== '') {
    if (/^\d+(\.\d+)?$/.test(v)) return parseTime(Number(v));
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (v instanceof Date) return v.getTime();
  return undefined;
}

const TIME_PATHS = [
  ['eventTime'], // CloudTrail
  ['time'], // Azure Activity Log
  ['timestamp'], // GCP Cloud Audit Logs
  ['receiveTimestamp'],
  ['start'], // VPC flow logs (epoch seconds)
  ['@timestamp'],
  ['com', 'time'], // a Cloudward {raw, ext, com} record
];

/** Event time from the usual fields of CloudTrail, Azure, GCP, VPC flow logs or a Cloudward record. */
export function defaultEventTime(event: unknown): number | undefined {
  for (const path of TIME_PATHS) {
    const t = parseTime(get(event, path));
    if (t !== undefined) return t;
  }
  return undefined;
}

const ID_PATHS = [['eventID'], ['eventDataId'], ['insertId'], ['id'], ['com', 'reference']];

export function defaultEventId(event: unknown): string | undefined {
  for (const path of ID_PATHS) {
    const id = firstString(get(event, path));
    if (id !== undefined) return id;
  }
  return undefined;
}
