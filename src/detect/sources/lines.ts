/**
 * Splits text chunks into lines with their 1-based numbers. A line longer than `maxLineChars`
 * is reported through `onTooLong` and skipped, so one runaway line cannot exhaust memory.
 */

export interface Line {
  text: string;
  line: number;
}

export interface LineOptions {
  maxLineChars?: number;
  onTooLong?: (line: number, max: number) => void;
}

export async function* splitLines(
  chunks: AsyncIterable<string>,
  opts: LineOptions = {},
): AsyncGenerator<Line> {
  const max = opts.maxLineChars ?? 64 * 1024 * 1024;
  let pending: string[] = [];
  let pendingLen = 0;
  let skipping = false;
  let lineNo = 1;

  const take = (rest: string): string => {
    const text = pending.length === 0 ? rest : pending.join('') + rest;
    pending = [];
    pendingLen = 0;
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      if (skipping) {
        skipping = false;
      } else {
        yield { text: take(chunk.slice(start, nl)), line: lineNo };
      }
      lineNo += 1;
      start = nl + 1;
    }
    if (start < chunk.length && !skipping) {
      const rest = chunk.slice(start);
      pending.push(rest);
      pendingLen += rest.length;
      if (pendingLen > max) {
        opts.onTooLong?.(lineNo, max);
        pending = [];
        pendingLen = 0;
        skipping = true;
      }
    }
  }
  if (pending.length > 0 && !skipping) yield { text: take(''), line: lineNo };
}
