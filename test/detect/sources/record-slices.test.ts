import { describe, expect, it } from 'vitest';
import { OwnRecords, OwnWriter, RecordTexts } from '../../../src/detect/compact-events.js';
import type { EventRecord } from '../../../src/detect/event.js';
import { RecordSlices, SLICE_RECORDS } from '../../../src/detect/sources/json-records.js';

const record = (i: number, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.09',
  eventName: 'GetObject',
  eventID: `e-${i}`,
  ...extra,
});

/** Every slice's records, with the texts its spans give for them (null where it gives none). */
function readAll(text: string) {
  const slices = RecordSlices.of(text, ['Records']);
  if (!slices) throw new Error('not sliceable');
  const out: { record: unknown; text: string | null }[] = [];
  for (;;) {
    const records = slices.next();
    if (records === null) throw new Error('a slice did not parse');
    if (records.length === 0) return out;
    const spans = slices.spans();
    records.forEach((record, k) => {
      out.push({ record, text: spans ? text.slice(spans[k], (spans[k + 1] as number) - 1) : null });
    });
  }
}

describe('RecordSlices.spans', () => {
  it("gives each record's own text in the file, across slices and at the end", () => {
    const records = Array.from({ length: SLICE_RECORDS * 2 + 5 }, (_, i) => record(i));
    const text = JSON.stringify({ Records: records });
    const read = readAll(text);
    expect(read).toHaveLength(records.length);
    for (const [i, r] of read.entries()) {
      expect(r.text).toBe(JSON.stringify(records[i]));
      expect(r.record).toEqual(records[i]);
    }
  });

  it('gives none for a slice holding the cut text inside a record, and again for the next slices', () => {
    const nested = record(1, { requestParameters: { items: [{ a: 1 }, { eventVersion: 'x' }] } });
    const records = [record(0), nested, ...Array.from({ length: SLICE_RECORDS }, (_, i) => record(i + 2))];
    const text = JSON.stringify({ Records: records });
    const read = readAll(text);
    expect(read.map((r) => r.record)).toEqual(records);
    // the first slice ends one record early (the cut inside the nested record counts as one): not proven
    const first = read.slice(0, SLICE_RECORDS - 1);
    expect(first.every((r) => r.text === null)).toBe(true);
    const rest = read.slice(SLICE_RECORDS - 1);
    expect(rest.every((r, k) => r.text === JSON.stringify(records[SLICE_RECORDS - 1 + k]))).toBe(true);
  });

  it('gives none for a slice with a record opening with another key, which hides a bound from the cuts', () => {
    // with a record holding the cut text too there are as many cuts as records, but shifted by one
    const { eventVersion: _v, ...rest } = record(1);
    const reordered = { ...rest, eventVersion: '1.09' };
    const nested = record(2, { requestParameters: { items: [{ a: 1 }, { eventVersion: 'x' }] } });
    const records = [record(0), reordered, nested, record(3)];
    const read = readAll(JSON.stringify({ Records: records }));
    expect(read.map((r) => r.record)).toEqual(records);
    expect(read.every((r) => r.text === null)).toBe(true);
  });
});

describe('RecordTexts', () => {
  it("takes a span's text only when it holds the event's id", () => {
    const records = [record(0), record(1), record(2)];
    const text = JSON.stringify({ Records: records });
    const starts = records.map((r) => text.indexOf(JSON.stringify(r)));
    const texts = new RecordTexts();
    // right for record 0, then one span covering records 1 and 2 as if it were record 1's
    const end2 = (starts[2] as number) + JSON.stringify(records[2]).length;
    texts.onSpans(text, 0, [starts[0] as number, starts[1] as number, end2 + 1]);
    const eventOf = (r: Record<string, unknown>) => ({ raw: r }) as unknown as EventRecord;
    const textOf = (r: Record<string, unknown>, at: { line?: number; index?: number }) => {
      const span = texts.span(eventOf(r), at);
      return span && text.slice(span[0], span[1]);
    };
    const taken = records.map((r, index) => textOf(r, { line: 1, index }));
    expect(taken[0]).toBe(JSON.stringify(records[0]));
    // a span holding two records' ids is not one record
    expect(taken[1]).toBeUndefined();
    // no span given
    expect(taken[2]).toBeUndefined();
    // a span without the event's id
    expect(textOf(records[1] as Record<string, unknown>, { line: 1, index: 0 })).toBeUndefined();
    // not on line 1, or no index: not a slice's record
    expect(textOf(records[0] as Record<string, unknown>, { line: 2, index: 0 })).toBeUndefined();
    expect(textOf(records[0] as Record<string, unknown>, { line: 1 })).toBeUndefined();
  });
});

describe('OwnWriter', () => {
  const records = Array.from({ length: 10 }, (_, i) => record(i, { requestParameters: { key: `k${i}` } }));
  const text = JSON.stringify({ Records: records });
  const spanOf = (i: number): [number, number] => {
    const start = text.indexOf(JSON.stringify(records[i]));
    return [start, start + JSON.stringify(records[i]).length];
  };
  /** What the main thread reads of the wire: each record, with its index and rules. */
  const readBack = (wire: NonNullable<ReturnType<OwnWriter['done']>>) => {
    const reader = new OwnRecords(wire, 'f.json');
    const out = Array.from(wire.starts, () => reader.next());
    expect(() => reader.next()).toThrow('too few records for f.json');
    return out;
  };

  it("sends the file's whole text, not a copy of each record, when the records are most of it", () => {
    const own = new OwnWriter();
    // records 1 to 9 but 5: two runs of records that follow each other in the text
    const taken = [1, 2, 3, 4, 6, 7, 8, 9];
    for (const i of taken) own.add(spanOf(i), i, i % 2 ? [0, 3] : [1]);
    const wire = own.done(text);
    expect(wire?.text).toBe(text);
    expect(readBack(wire as NonNullable<typeof wire>)).toEqual(
      taken.map((i) => ({ raw: records[i], index: i, rules: i % 2 ? [0, 3] : [1] })),
    );
    // per event: its number of rules, then their indexes
    expect([...(wire?.rules ?? [])].slice(0, 5)).toEqual([2, 0, 3, 1, 1]);
  });

  it('sends the records alone when they are a small part of the file', () => {
    const own = new OwnWriter();
    own.add(spanOf(3), 3, [0]);
    own.add(spanOf(7), 7, [2]);
    const wire = own.done(text);
    expect(wire?.text).toBe(`${JSON.stringify(records[3])},${JSON.stringify(records[7])}`);
    expect(readBack(wire as NonNullable<typeof wire>)).toEqual([
      { raw: records[3], index: 3, rules: [0] },
      { raw: records[7], index: 7, rules: [2] },
    ]);
    expect(new OwnWriter().done(text)).toBeUndefined();
  });
});
