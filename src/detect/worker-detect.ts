/**
 * Worker thread of the parallel detect path: reads whole log files, matches their events against the same
 * rules as the main thread, and sends back per file, in read order, what the main thread needs to finish
 * the job in time order (correlations, findings, storage): matched events with their rule indexes, the time
 * and id of unmatched events, and the problems met.
 */
import { performance } from 'node:perf_hooks';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { CompactWriter, OwnWriter, RecordTexts } from './compact-events.js';
import { loadDetectionRules, SOURCE_IDS } from './detector.js';
import type { EventRecord } from './event.js';
import { ruleView } from './rule-view.js';
import { fieldsRead } from './sigma/correlator.js';
import { RuleSet } from './sigma/ruleset.js';
import { ruleKey } from './sigma/types.js';
import { CLOUDTRAIL_RECORD_TYPE } from './sources/cloudtrail.js';
import { openSource } from './sources/index.js';
import { statefulFacts } from './stateful/facts.js';
import type { OwnWire, ToWorker, WireItem, WorkerSetup } from './worker-protocol.js';

if (!parentPort) throw new Error('worker-detect must run in a worker thread');
const port: MessagePort = parentPort;
const setup = workerData as WorkerSetup;

const loaded = await loadDetectionRules({ dirs: setup.ruleDirs, builtin: setup.builtin });
const ruleSet = new RuleSet(loaded.rules, { source: SOURCE_IDS[setup.type] });
const indexOf = new Map(ruleSet.detections.map((d, i) => [d, i]));
/** per rule: the fields the correlations read of an event it matched */
const reads = ruleSet.detections.map((d) => fieldsRead(ruleSet.correlations, d));
/** the records' own texts of the file being read, for the events sent compactly */
const recordTexts = new RecordTexts();
port.postMessage({ kind: 'ready', keys: ruleSet.detections.map((d) => ruleKey(d.meta)) });

/** Reads a file and sends what the main thread needs of it (rejects when it cannot). */
function answer(msg: ToWorker): Promise<void> {
  const started = performance.now();
  // A JSON string crosses to the main thread much faster than a structured clone of the same objects.
  return readFile(msg.file).then(({ items, skipped, compact, own }) => {
    const wire = compact?.done();
    port.postMessage(
      {
        kind: 'file',
        seq: msg.seq,
        items: JSON.stringify(items),
        skipped,
        ...(wire ? { compact: wire } : {}),
        ...(own ? { own } : {}),
        ms: performance.now() - started,
      },
      [
        ...(wire ? [wire.ints, wire.ends, wire.indexes] : []),
        ...(own ? [own.starts, own.ends, own.indexes, own.rules] : []),
      ].map((a) => a.buffer as ArrayBuffer),
    );
  });
}

/** Tells the main thread that a file could not be read or answered. */
function failed(seq: number, err: unknown): void {
  port.postMessage({ kind: 'error', seq, message: err instanceof Error ? err.message : String(err) });
}

// Files are read one after another, in the order sent (the main thread sends a worker its next file
// before it is done with one, so that it never waits between files); one at a time, as `recordTexts` holds
// the file being read.
let reading = Promise.resolve();
port.on('message', (msg: ToWorker) => {
  // a file that could not be read or answered fails the run (the main thread stops at it)
  reading = reading.then(() => answer(msg)).catch((err: unknown) => failed(msg.seq, err));
});

/**
 * Whether the main thread makes this event again from its record and position alone (see `WireItem`):
 * a CloudTrail event of this file and source, which `cloudTrailEvent` made from that same record.
 */
function remadeFromRecord(event: EventRecord, file: string): boolean {
  const at = event.ext.source;
  return (
    setup.type === 'cloudtrail' &&
    at !== undefined &&
    at.file === file &&
    event.ext.record_type === CLOUDTRAIL_RECORD_TYPE &&
    event.com.origin_key === setup.sourceName &&
    typeof event.raw.eventName === 'string'
  );
}

/** Whether an event these rules matched raises no finding of its own (they only feed correlations). */
const onlyCorrelated = (rules: readonly number[]): boolean =>
  rules.every((r) => {
    const d = ruleSet.detections[r];
    return d !== undefined && !d.standalone;
  });

async function readFile(file: string): Promise<{
  items: WireItem[];
  skipped: number;
  compact: CompactWriter | undefined;
  own: OwnWire | undefined;
}> {
  const items: WireItem[] = [];
  const own = setup.type === 'cloudtrail' ? new OwnWriter() : undefined;
  const compact =
    setup.type === 'cloudtrail'
      ? new CompactWriter(ruleSet.detections, reads, setup.stateful !== false)
      : undefined;
  recordTexts.reset();
  const source = openSource(
    { type: setup.type, path: file },
    {
      name: setup.sourceName,
      onProblem: (problem) => items.push({ kind: 'problem', problem }),
      ...(compact
        ? { onRecordSpans: (_file, text, base, spans) => recordTexts.onSpans(text, base, spans) }
        : {}),
    },
  );
  const batches = source.readBatches?.() ?? oneByOne(source.read());
  for await (const batch of batches)
    for (const event of batch) {
      const matches = ruleSet.match(ruleView(event));
      if (matches.length === 0) {
        if (compact) {
          compact.addUnmatched(event);
          items.push(0);
          continue;
        }
        // the largest part of an unmatched event's message, which the main thread parses: only when asked for
        const facts = setup.stateful === false ? null : statefulFacts(event);
        items.push({
          kind: 'time',
          time: event.com.time,
          reference: event.com.reference,
          ...(facts ? { facts } : {}),
        });
      } else {
        const rules = matches.map((m) => indexOf.get(m.rule) ?? -1);
        if (remadeFromRecord(event, file)) {
          const { file: _file, ...at } = event.ext.source ?? { file };
          const span = compact ? recordTexts.span(event, at) : undefined;
          if (compact && onlyCorrelated(rules)) {
            compact.add(event, rules, at, span && recordTexts.fileText.slice(span[0], span[1]));
            items.push(0);
          } else if (own && span) {
            own.add(span, at.index as number, rules);
            items.push(1);
          } else items.push({ kind: 'record', raw: event.raw, at, rules });
        } else items.push({ kind: 'event', event, rules });
      }
    }
  const ownWire = own?.done(recordTexts.fileText);
  recordTexts.reset();
  return { items, skipped: source.stats.skipped, compact, own: ownWire };
}

async function* oneByOne<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}
