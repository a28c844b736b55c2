import { describe, expect, it } from 'vitest';
import {
  JsonRecordSplitter,
  type SplitIssue,
  type SplitItem,
} from '../../../src/detect/sources/json-splitter.js';

function splitAll(chunks: string[], opts?: ConstructorParameters<typeof JsonRecordSplitter>[0]) {
  const s = new JsonRecordSplitter(opts);
  const items: SplitItem[] = [];
  const issues: SplitIssue[] = [];
  for (const c of chunks) {
    const r = s.push(c);
    items.push(...r.items);
    issues.push(...r.issues);
  }
  issues.push(...s.end().issues);
  return { items, issues, stats: s.stats };
}

/** Every way of cutting `text` into two chunks, plus one-character chunks. */
function cuttings(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

const tricky = [
  { eventName: 'a', note: 'brackets ] } [ { inside', q: 'escaped \\" quote "', s: '\\' },
  { nested: { list: [1, [2, { x: '}]' }], 3] }, empty: {}, arr: [] },
  { unicode: 'caf\u00e9 \u2603 \ud83d\ude00', esc: '\n\t\u0000"\\/' },
  { k: '{"Records": [1,2]}', tail: '\\\\' },
];

describe('JsonRecordSplitter', () => {
  it('yields each element of a Records array, whatever the chunk boundaries', () => {
    const text = JSON.stringify({ Records: tricky });
    for (const chunks of cuttings(text)) {
      const { items, issues } = splitAll(chunks);
      expect(issues).toEqual([]);
      expect(items.map((i) => JSON.parse(i.text))).toEqual(tricky);
      expect(items.map((i) => i.index)).toEqual([0, 1, 2, 3]);
      expect(items.every((i) => i.kind === 'element')).toBe(true);
    }
  });

  it('handles pretty-printed files, keys before and after Records, and other keys holding arrays', () => {
    const text = `{\n  "meta": {"Records": "not this", "list": [{"a": 1}]},\n  "other": [{"skip": true}],\n  "Records" : [\n    {"a": 1},\n    {"b": "]"}\n  ],\n  "after": [{"c": 3}]\n}\n`;
    for (const chunks of cuttings(text)) {
      const { items, issues } = splitAll(chunks);
      expect(issues).toEqual([]);
      expect(items.map((i) => JSON.parse(i.text))).toEqual([{ a: 1 }, { b: ']' }]);
    }
  });

  it('splits top-level arrays and concatenated containers, and returns other objects as documents', () => {
    const text = '[{"x":1},{"y":[2]}]\n{"Records":[{"z":3}]}{"Records":[]}\n{"single":"doc","n":[1,2]}\n';
    const { items, issues, stats } = splitAll(cuttings(text)[1] ?? []);
    expect(issues).toEqual([]);
    expect(items.map((i) => [i.kind, JSON.parse(i.text)])).toEqual([
      ['element', { x: 1 }],
      ['element', { y: [2] }],
      ['element', { z: 3 }],
      ['document', { single: 'doc', n: [1, 2] }],
    ]);
    expect(items[3]?.line).toBe(3);
    expect(stats.arrays).toBe(3);
  });

  it('yields scalar elements so that the caller can report them', () => {
    const { items } = splitAll(['{"Records":[1, "two" ,null,{"ok":true},true]}']);
    expect(items.map((i) => i.text)).toEqual(['1', '"two"', 'null', '{"ok":true}', 'true']);
  });

  it('reports a truncated records array with the index of the cut record', () => {
    const text = JSON.stringify({ Records: [{ a: 1 }, { b: 2 }, { c: 'long string' }] });
    const cut = text.slice(0, text.indexOf('long'));
    const { items, issues } = splitAll([cut]);
    expect(items.map((i) => JSON.parse(i.text))).toEqual([{ a: 1 }, { b: 2 }]);
    const start = cut.indexOf('{"c"');
    expect(issues).toEqual([
      {
        line: 1,
        index: 2,
        offset: start,
        reason: `record 2 (at line 1, column ${start + 1}, byte ${start}) is incomplete: input ended inside it`,
      },
    ]);
  });

  it('reports text that is not JSON and carries on with the next line', () => {
    const { items, issues } = splitAll(['garbage here\n{"a":1}\n', 'more junk ] }\n{"b":2}']);
    expect(items.map((i) => JSON.parse(i.text))).toEqual([{ a: 1 }, { b: 2 }]);
    expect(issues.map((i) => i.line)).toEqual([1, 3]);
    expect(issues[0]?.reason).toMatch(/not the start of a JSON object/);
  });

  describe('resynchronises after a malformed record', () => {
    const good = (i: number) => JSON.stringify({ i, s: `{[ "${i}" ]} \\"}` });

    it('a record that is never closed: the next record starts where a key was expected', () => {
      const bad = '{"i":2,"nested":{"a":"}"}';
      const text = `{"Records":[${good(0)},${good(1)},${bad},${good(3)},${good(4)}]}`;
      const badAt = text.indexOf(bad);
      for (const chunks of cuttings(text)) {
        const { items, issues } = splitAll(chunks);
        expect(items.map((i) => [i.index, JSON.parse(i.text).i])).toEqual([
          [0, 0],
          [1, 1],
          [3, 3],
          [4, 4],
        ]);
        expect(issues).toHaveLength(1);
        expect(issues[0]).toMatchObject({ line: 1, index: 2, offset: badAt });
        expect(issues[0]?.reason).toBe(
          `record 2 (at line 1, column ${badAt + 1}, byte ${badAt}) is malformed: its braces do not balance, and record 3 starts at line 1, column ${text.indexOf(good(3)) + 1}, byte ${text.indexOf(good(3))} before it is closed; skipped, reading goes on with record 3`,
        );
      }
    });

    it('the last record is never closed before the records array ends', () => {
      const text = `{"Records":[${good(0)},{"i":1,"a":{"b":[1]}]}`;
      const { items, issues } = splitAll([text]);
      expect(items.map((i) => JSON.parse(i.text).i)).toEqual([0]);
      expect(issues).toHaveLength(1);
      expect(issues[0]?.reason).toMatch(
        /^record 1 \(at line 1, column \d+, byte \d+\) is malformed: .*still open where the records array ends/,
      );
    });

    it('one brace too many, garbage between records, several bad records in a row', () => {
      const line3 = `${good(1)}, junk ,{"x":{"y":1},{"x":{,${good(5)}`;
      const text = `{"Records":[\n${good(0)}}},\n${line3}\n]}\n`;
      const column = (s: string) => line3.indexOf(s) + 1;
      const { items, issues } = splitAll(cuttings(text)[1] ?? []);
      expect(items.filter((i) => i.text.startsWith('{')).map((i) => JSON.parse(i.text).i)).toEqual([0, 1, 5]);
      expect(items.find((i) => i.text === 'junk')?.index).toBe(2);
      expect(issues.map((i) => [i.line, i.index, i.reason.slice(0, i.reason.indexOf(', byte'))])).toEqual([
        [2, undefined, `unexpected "}" after record 0 at line 2, column ${good(0).length + 1}`],
        [3, 3, `record 3 (at line 3, column ${column('{"x":{"y"')}`],
        [3, 4, `record 4 (at line 3, column ${column('{"x":{,')}`],
      ]);
    });

    it('counts columns from the start of the line and bytes in UTF-8', () => {
      const text = `{"Records":[\n  {"k":"café ☃"},\n  {"k":{"x":1},\n  {"k":"ok"}\n]}`;
      const { items, issues } = splitAll([text]);
      expect(items.map((i) => JSON.parse(i.text).k)).toEqual(['café ☃', 'ok']);
      const byte = Buffer.byteLength(text.slice(0, text.indexOf('{"k":{')));
      expect(issues[0]).toMatchObject({ line: 3, index: 1, offset: byte });
      expect(issues[0]?.reason).toMatch(
        new RegExp(`^record 1 \\(at line 3, column 3, byte ${byte}\\) is malformed`),
      );
    });
  });

  it('skips an element larger than the limit and reports it', () => {
    const big = { big: 'x'.repeat(500) };
    const text = JSON.stringify({ Records: [{ a: 1 }, big, { b: 2 }] });
    const chunks = text.match(/.{1,50}/gs) ?? [];
    const { items, issues } = splitAll(chunks, { maxItemChars: 200 });
    expect(items.map((i) => JSON.parse(i.text))).toEqual([{ a: 1 }, { b: 2 }]);
    expect(items.map((i) => i.index)).toEqual([0, 2]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.index).toBe(1);
  });

  it('streams: never buffers more than one element, however large the file', () => {
    const element = (i: number) => ({
      eventTime: '2024-05-01T00:00:00Z',
      eventName: `Op${i}`,
      requestParameters: { text: `] } " \\ ${'y'.repeat(i % 97)}` },
    });
    const s = new JsonRecordSplitter();
    let largest = 0;
    let count = 0;
    let total = 0;
    // generate the file as a stream of 1000-char chunks, never holding it whole
    let pending = '{"Records":[';
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const el = JSON.stringify(element(i));
      largest = Math.max(largest, el.length);
      pending += (i ? ',' : '') + el;
      while (pending.length >= 1000) {
        total += 1000;
        count += s.push(pending.slice(0, 1000)).items.length;
        pending = pending.slice(1000);
      }
    }
    pending += ']}';
    total += pending.length;
    count += s.push(pending).items.length;
    expect(s.end().issues).toEqual([]);
    expect(count).toBe(n);
    expect(total).toBeGreaterThan(2_000_000);
    expect(s.stats.maxBufferedChars).toBeLessThanOrEqual(largest);
    expect(s.stats.maxItemChars).toBe(largest);
  });
});
