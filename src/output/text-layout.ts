/**
 * Laying text out for a terminal of a given width: wrapping that breaks between words (and
 * inside ids only between their parts), and borderless tables whose columns share the width.
 * Text comes in plain (already sanitised); colour is painted on each wrapped line afterwards,
 * so a colour sequence is never split across a line break.
 */
import stringWidth from 'string-width';

export const visibleWidth = (text: string): number => stringWidth(text);

/** Where an id may break: after these characters (aws.iam.root_account, arn:aws:..., a/b). */
const ID_BREAK = /[._/:,=@-]/;

/** The pieces of a word that may be put on separate lines, each keeping its break character. */
function idParts(word: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (const ch of word) {
    cur += ch;
    if (ID_BREAK.test(ch)) {
      parts.push(cur);
      cur = '';
    }
  }
  if (cur) parts.push(cur);
  return parts;
}

/** Cuts a piece that has no break point into chunks of at most `width` columns. */
function hardSplit(piece: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of piece) {
    if (cur && visibleWidth(cur + ch) > width) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** The narrowest a column can be without cutting a part of an id: its longest unbreakable piece. */
export function minimumWidth(text: string): number {
  let max = 0;
  for (const word of text.split(/\s+/)) for (const p of idParts(word)) max = Math.max(max, visibleWidth(p));
  return max;
}

/**
 * Lines of at most `width` columns. Breaks at spaces (runs of spaces inside a line are kept,
 * so aligned text stays aligned); a word longer than a line breaks after one of
 * `. _ / : , = @ -`; only a piece with no such place is cut, at the width.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // the paragraph's indentation stays on its first line
    let line = /^ */.exec(paragraph)?.[0] ?? '';
    if (visibleWidth(line) >= w) line = '';
    let gap = '';
    const push = () => {
      lines.push(line.trimEnd());
      line = '';
      gap = '';
    };
    for (const token of paragraph.trimStart().split(/( +)/)) {
      if (token === '') continue;
      if (token.startsWith(' ')) {
        gap = token;
        continue;
      }
      const word = token;
      const sep = line.trim() ? gap : '';
      gap = '';
      if (visibleWidth(line + sep + word) <= w) {
        line += sep + word;
        continue;
      }
      if (visibleWidth(word) <= w) {
        push();
        line = word;
        continue;
      }
      // a long word: fill the current line with its parts, breaking between them
      let rest = idParts(word);
      if (line.trim() && visibleWidth(line + sep + (rest[0] ?? '')) > w) push();
      else line += sep;
      while (rest.length) {
        const part = rest[0] as string;
        if (visibleWidth(line + part) <= w) {
          line += part;
          rest = rest.slice(1);
        } else if (!line.trim()) {
          // no break point fits: cut the piece at the width
          const [chunk = ''] = hardSplit(part, Math.max(1, w - visibleWidth(line)));
          line += chunk;
          rest = [part.slice(chunk.length), ...rest.slice(1)].filter(Boolean);
          if (rest.length) push();
        } else push();
      }
    }
    push();
  }
  return lines;
}

/** A line wrapped to `width`, its continuation lines indented by `indent` more spaces. */
export function wrapHanging(text: string, width: number, indent: number): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const [head = '', ...more] = wrapText(text, width);
  if (more.length === 0) return [head];
  const rest = text.slice(head.length).trimStart();
  const pad = ' '.repeat(lead.length + indent);
  return [head, ...wrapText(rest, Math.max(10, width - pad.length)).map((l) => pad + l)];
}

export interface Column<Row> {
  header: string;
  /** the cell's plain text; each line of it is a paragraph, wrapped on its own */
  cell: (row: Row) => string;
  /** colour for each wrapped line of the cell, told which paragraph the line belongs to */
  paint?: (line: string, row: Row, paragraph: number) => string;
  /** never wider than this */
  max?: number;
  /** false: the column keeps its natural width (up to max) and others give way */
  shrink?: boolean;
  /** a column with more weight keeps more of its width when columns must shrink (default 1) */
  weight?: number;
}

export interface TableLayout<Row> {
  columns: Column<Row>[];
  rows: Row[];
  width: number;
  /** header painter (e.g. bold) */
  header?: (text: string) => string;
  gap?: number;
}

/**
 * A borderless table that fits `width`: columns take their natural width when everything
 * fits; otherwise the shrinkable column widest for its weight gives way first, down to its
 * longest unbreakable piece where possible, and cells wrap. Continuation lines leave the
 * first column empty, so each row's start is visible.
 */
export function renderColumns<Row>(t: TableLayout<Row>): string[] {
  const gap = t.gap ?? 2;
  const cols = t.columns;
  const cells = t.rows.map((r) => cols.map((c) => c.cell(r)));
  const natural = cols.map((c, i) =>
    Math.min(
      c.max ?? Number.POSITIVE_INFINITY,
      Math.max(
        visibleWidth(c.header),
        ...cells.map((row) => Math.max(...(row[i] ?? '').split('\n').map(visibleWidth))),
      ),
    ),
  );
  const available = Math.max(cols.length, t.width - gap * (cols.length - 1));
  const widths = fitWidths(
    natural,
    cols.map((c, i) =>
      Math.min(
        natural[i] ?? 1,
        Math.max(visibleWidth(c.header), ...cells.map((row) => minimumWidth(row[i] ?? ''))),
      ),
    ),
    cols.map((c) => (c.shrink === false ? 0 : (c.weight ?? 1))),
    available,
  );
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - visibleWidth(s)));
  const line = (parts: string[]) => parts.join(' '.repeat(gap)).trimEnd();
  const out: string[] = [];
  const head = line(cols.map((c, i) => pad(c.header, widths[i] ?? 1)));
  out.push(t.header ? t.header(head) : head);
  t.rows.forEach((row, r) => {
    const wrapped = cols.map((_, i) =>
      (cells[r]?.[i] ?? '')
        .split('\n')
        .flatMap((para, p) => wrapText(para, widths[i] ?? 1).map((text) => ({ text, p }))),
    );
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let l = 0; l < height; l++) {
      out.push(
        line(
          cols.map((c, i) => {
            const got = wrapped[i]?.[l];
            const text = got?.text ?? '';
            const padded = pad(text, widths[i] ?? 1);
            if (!c.paint || !got || !text) return padded;
            return c.paint(text, row, got.p) + padded.slice(text.length);
          }),
        ),
      );
    }
  });
  return out;
}

/** Column widths summing to at most `available`: natural if they fit, else shrinkable columns give way. */
function fitWidths(natural: number[], minimum: number[], weight: number[], available: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0);
  // toward each column's minimum, then toward 4, then (a very narrow terminal) every column toward 1
  const passes = [
    { floor: minimum, all: false },
    { floor: widths.map(() => 4), all: false },
    { floor: widths.map(() => 1), all: true },
  ];
  for (const { floor, all } of passes) {
    while (total() > available) {
      // the column widest for its weight gives way first
      let widest = -1;
      let most = 0;
      widths.forEach((w, i) => {
        const wt = weight[i] || (all ? 1 : 0);
        if (wt > 0 && w > (floor[i] ?? 1) && w / wt > most) {
          widest = i;
          most = w / wt;
        }
      });
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 1) - 1;
    }
  }
  return widths;
}
