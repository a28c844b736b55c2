/**
 * Worker thread of the parallel detect path: reads whole log files, matches their events against the same
 * rules as the main thread and builds the standalone findings (with the same `matchDetection`), and sends
 * back per file, in read order, only what the main thread must do in event order: each event's time, the
 * findings built, the events that feed a correlation, the stateful detections' facts, and the problems met.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FindingRecord } from '../core/record.js';
import { matchDetection } from './detection-record.js';
import { loadDetectionRules, SOURCE_IDS } from './detector.js';
import type { EventRecord } from './event.js';
import { RuleSet } from './sigma/ruleset.js';
import { type CompiledDetection, ruleKey } from './sigma/types.js';
import { openSource } from './sources/index.js';
import { statefulFacts } from './stateful/facts.js';
import { eventForCorrelation, partialRecord } from './worker-items.js';
import type { EventDetail, FileBatch, ToWorker, WorkerSetup } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker-detect must run in a worker thread');
const setup = workerData as WorkerSetup;

const loaded = await loadDetectionRules({ dirs: setup.ruleDirs, builtin: setup.builtin });
const ruleSet = new RuleSet(loaded.rules, { source: SOURCE_IDS[setup.type] });
const indexOf = new Map(ruleSet.detections.map((d, i) => [d, i]));
/**
 * Per detection rule some correlation counts: every field the correlator may read of the events it
 * matches (group-by fields, counted fields, and the fields aliases name).
 */
const correlatorFields = new Map<CompiledDetection, string[]>();
for (const c of ruleSet.correlations) {
  const fields = [
    ...c.groupBy,
    ...c.valueFields,
    ...Object.values(c.aliases).flatMap((a) => Object.values(a)),
  ];
  for (const rule of ruleSet.detections)
    if (c.ruleKeys.includes(ruleKey(rule.meta)))
      correlatorFields.set(rule, [...(correlatorFields.get(rule) ?? []), ...fields]);
}
port.postMessage({ kind: 'ready', keys: ruleSet.detections.map((d) => ruleKey(d.meta)) });

port.on('message', (msg: ToWorker) => {
  readFile(msg.file).then(
    (batch) =>
      port.postMessage({ kind: 'file', seq: msg.seq, ...batch }, [
        batch.times.buffer as ArrayBuffer,
        batch.details.buffer as ArrayBuffer,
      ]),
    (err: unknown) =>
      port.postMessage({
        kind: 'error',
        seq: msg.seq,
        message: err instanceof Error ? err.message : String(err),
      }),
  );
});

async function readFile(file: string): Promise<FileBatch> {
  const times: number[] = [];
  const raws: string[] = [];
  let rawLength = 0;
  const keepRaw = (raw: Record<string, unknown>): [number, number] => {
    const text = JSON.stringify(raw);
    raws.push(text);
    rawLength += text.length;
    return [rawLength - text.length, rawLength];
  };
  const details: number[] = [];
  const entries: EventDetail[] = [];
  const problems: FileBatch['problems'] = [];
  const source = openSource(
    { type: setup.type, path: file },
    { name: setup.sourceName, onProblem: (problem) => problems.push({ at: times.length, problem }) },
  );
  const batches = source.readBatches?.() ?? oneByOne(source.read());
  for await (const batch of batches)
    for (const event of batch) {
      times.push(Date.parse(event.com.time));
      const entry = detailOf(event, keepRaw);
      details.push(entry ? entries.push(entry) - 1 : -1);
    }
  return {
    times: Float64Array.from(times),
    details: Int32Array.from(details),
    json: JSON.stringify(entries),
    raws: raws.join(''),
    problems,
    skipped: source.stats.skipped,
  };
}

/** What the main thread needs of the event beyond its time, or undefined when that is all. */
function detailOf(
  event: EventRecord,
  keepRaw: (raw: Record<string, unknown>) => [number, number],
): EventDetail | undefined {
  const matched = ruleSet.matchRules(event.raw);
  // the largest part of an unmatched event's detail, which the main thread parses: only when asked for
  const facts = setup.stateful === false ? null : statefulFacts(event);
  if (matched.length === 0 && !facts) return undefined;
  const detail: EventDetail = { reference: event.com.reference };
  if (matched.length > 0) {
    let correlation = false;
    const findings: FindingRecord[] = [];
    const rules: number[] = [];
    for (const rule of matched) {
      if (correlatorFields.has(rule)) correlation = true;
      if (!rule.standalone) continue;
      const found = matchDetection(rule, event);
      // put back by the main thread: the event's raw (sent once), and the rule's description and
      // recommendation from its own copy of the rule
      (found as { raw: unknown }).raw = 0;
      found.ext.rule = 0;
      found.com.recommendation = '';
      findings.push(found);
      rules.push(indexOf.get(rule) ?? -1);
    }
    if (findings.length > 0) {
      detail.findings = findings;
      detail.rules = rules;
    }
    if (correlation) {
      // without findings, the correlator reads a few fields of the event, and a correlation finding whose
      // last event it is shows its whole record: that goes beside, as text the main thread parses if asked
      const view = detail.findings
        ? undefined
        : partialRecord(event.raw, (probe) =>
            matched.flatMap((rule) =>
              (correlatorFields.get(rule) ?? []).map((f) => rule.resolveField(probe, f)),
            ),
          );
      detail.event = view ? eventForCorrelation(event, view) : event;
      if (view) detail.rawAt = keepRaw(event.raw);
      detail.matched = matched.map((rule) => indexOf.get(rule) ?? -1);
    } else detail.raw = event.raw;
  }
  if (facts) detail.facts = facts;
  return detail;
}

async function* oneByOne<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const item of items) yield [item];
}
