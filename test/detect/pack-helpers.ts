import type { EventRecord } from '../../src/detect/event.js';
import type { LogFormat } from '../../src/detect/sources/index.js';
import { ProblemLog } from '../../src/detect/sources/source.js';

/** One test event as the log holds it: a JSON object, or a flow log line. */
export type TestEvent = Record<string, unknown> | string;

/** Parse events with the source's own reader, failing on any problem it reports. */
export function toEvents(format: LogFormat, events: readonly TestEvent[], file: string): EventRecord[] {
  const log = new ProblemLog();
  const ctx = { file, origin: 'test', log };
  const out = events.flatMap((e, i) =>
    format.readMessage(typeof e === 'string' ? e : JSON.stringify(e), ctx, { line: i + 1 }),
  );
  if (log.problems.length > 0) throw new Error(`${file}: ${log.problems.map((p) => p.reason).join('; ')}`);
  if (out.length !== events.length)
    throw new Error(`${file}: ${events.length - out.length} events were skipped`);
  return out;
}
