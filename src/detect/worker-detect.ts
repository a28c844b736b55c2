/**
 * Worker thread of the parallel detect path: reads whole log files, matches their events against the same
 * rules as the main thread, and sends back per file, in read order, what the main thread needs to finish
 * the job in time order (correlations, findings, storage): matched events with their rule indexes, the time
 * and id of unmatched events, and the problems met.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDetectionRules, SOURCE_IDS } from './detector.js';
import type { EventRecord } from './event.js';
import { fieldsRead } from './sigma/correlator.js';
import { RuleSet } from './sigma/ruleset.js';
import { type CompiledDetection, ruleKey } from './sigma/types.js';
import { CLOUDTRAIL_RECORD_TYPE } from './sources/cloudtrail.js';
import { openSource } from './sources/index.js';
import { statefulFacts } from './stateful/facts.js';
import type { CompactWire, ToWorker, WireItem, WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker-detect must run in a worker thread');
const setup = workerData as WorkerSetup;

const loaded = await loadDetectionRules({ dirs: setup.ruleDirs, builtin: setup.builtin });
const ruleSet = new RuleSet(loaded.rules, { source: SOURCE_IDS[setup.type] });
const indexOf = new Map(ruleSet.detections.map((d, i) => [d, i]));
/** per rule: the fields the correlations read of an event it matched */
const reads = ruleSet.detections.map((d) => fieldsRead(ruleSet.correlations, d));
port.postMessage({ kind: 'ready', keys: ruleSet.detections.map((d) => ruleKey(d.meta)) });

port.on('message', (msg: ToWorker) => {
  readFile(msg.file).then(
    // A JSON string crosses to the main thread much faster than a structured clone of the same objects.
    ({ items, skipped, compact }) => {
      const wire = compact?.done();
      port.postMessage(
        {
          kind: 'file',
          seq: msg.seq,
          items: JSON.stringify(items),
          skipped,
          ...(wire ? { compact: wire } : {}),
        },
        wire ? [wire.ints.buffer as ArrayBuffer, wire.ends.buffer as ArrayBuffer] : [],
      );
    },
    (err: unknown) =>
      port.postMessage({
        kind: 'error',
        seq: msg.seq,
        message: err instanceof Error ? err.message : String(err),
      }),
  );
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

/** A file's `CompactWire`, filled event by event. */
class CompactColumns {
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly ints: number[] = [];
  private readonly others: unknown[] = [];
  private readonly parts: string[] = [];
  private readonly ends: number[] = [];
  private readonly facts: unknown[] | undefined;
  private length = 0;

  constructor(stateful: boolean) {
    this.facts = stateful ? [] : undefined;
  }

  private str(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  add(event: EventRecord, rules: readonly number[], at: unknown): void {
    const ints = this.ints;
    ints.push(this.str(event.com.time), this.str(event.com.reference), rules.length);
    for (const r of rules) {
      ints.push(r);
      const rule = ruleSet.detections[r] as CompiledDetection;
      for (const name of reads[r] ?? []) {
        const v = rule.resolveField(event.raw, name);
        if (typeof v === 'string') ints.push(this.str(v));
        else if (v === null || v === undefined || typeof v === 'symbol') ints.push(-1);
        else ints.push(-2 - (this.others.push(v) - 1));
      }
    }
    const text = JSON.stringify([at, event.raw]);
    this.parts.push(text);
    this.length += text.length;
    this.ends.push(this.length);
    this.facts?.push(statefulFacts(event));
  }

  done(): CompactWire | undefined {
    if (this.ends.length === 0) return undefined;
    return {
      strings: JSON.stringify(this.strings),
      ints: Int32Array.from(this.ints),
      others: JSON.stringify(this.others),
      blob: this.parts.join(''),
      ends: Int32Array.from(this.ends),
      ...(this.facts ? { facts: JSON.stringify(this.facts) } : {}),
    };
  }
}

/** Whether an event these rules matched raises no finding of its own (they only feed correlations). */
const onlyCorrelated = (rules: readonly number[]): boolean =>
  rules.every((r) => {
    const d = ruleSet.detections[r];
    return d !== undefined && !d.standalone;
  });

async function readFile(
  file: string,
): Promise<{ items: WireItem[]; skipped: number; compact: CompactColumns | undefined }> {
  const items: WireItem[] = [];
  const compact = setup.type === 'cloudtrail' ? new CompactColumns(setup.stateful !== false) : undefined;
  const source = openSource(
    { type: setup.type, path: file },
    { name: setup.sourceName, onProblem: (problem) => items.push({ kind: 'problem', problem }) },
  );
  const batches = source.readBatches?.() ?? oneByOne(source.read());
  for await (const batch of batches)
    for (const event of batch) {
      const matches = ruleSet.match(event.raw);
      if (matches.length === 0) {
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
          if (compact && onlyCorrelated(rules)) {
            compact.add(event, rules, at);
            items.push(0);
          } else items.push({ kind: 'record', raw: event.raw, at, rules });
        } else items.push({ kind: 'event', event, rules });
      }
    }
  return { items, skipped: source.stats.skipped, compact };
}

async function* oneByOne<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}
