import stringWidth from 'string-width';

/** Inspecting what reached a terminal: escape sequences and visible widths. */

const ESC = '\\u001b';
const SEQUENCE = new RegExp(`${ESC}(?:\\[[0-?]*[ -/]*[@-~]?|[\\s\\S]?)`, 'g');
const SGR = new RegExp(`^${ESC}\\[[0-9;]*m$`);

/** Every escape sequence in the text (complete or not). */
export function escapes(text: string): string[] {
  return text.match(SEQUENCE) ?? [];
}

/** Escape sequences that are not complete colour (SGR) sequences. */
export function nonColourEscapes(text: string): string[] {
  return escapes(text).filter((e) => !SGR.test(e));
}

/** The text without colour sequences. */
export function plain(text: string): string {
  return text.replace(SEQUENCE, '');
}

/** Lines wider than `width` terminal columns, with their widths. */
export function overWide(text: string, width: number): string[] {
  return text
    .split('\n')
    .filter((l) => stringWidth(l) > width)
    .map((l) => `${stringWidth(l)}: ${plain(l)}`);
}

/**
 * The screen a terminal `cols` wide shows after receiving `raw`: a small emulator of what
 * progress bars and loggers use (carriage return, line feed, cursor moves, erase in line and
 * display, save and restore, auto-wrap on and off). Colour is ignored.
 */
export function screen(raw: string, cols: number): string[] {
  const rows: string[][] = [[]];
  let r = 0;
  let c = 0;
  let wrap = true;
  let saved: [number, number] = [0, 0];
  const row = (i: number) => {
    while (rows.length <= i) rows.push([]);
    return rows[i] as string[];
  };
  const csi = new RegExp(`^${ESC}\\[([?]?)([0-9;]*)([@-~])`);
  for (let i = 0; i < raw.length; ) {
    const ch = raw[i] as string;
    if (ch === '\u001b') {
      const m = csi.exec(raw.slice(i, i + 32));
      if (m) {
        const [all, priv, params, final] = m as unknown as [string, string, string, string];
        const n = Number(params.split(';')[0] || 0);
        if (priv === '?' && params === '7') wrap = final === 'h';
        else if (final === 'A') r = Math.max(0, r - (n || 1));
        else if (final === 'B') r += n || 1;
        else if (final === 'C') c = Math.min(cols - 1, c + (n || 1));
        else if (final === 'D') c = Math.max(0, c - (n || 1));
        else if (final === 'G') c = Math.max(0, (n || 1) - 1);
        else if (final === 'H') {
          const [y = 1, x = 1] = params.split(';').map((v) => Number(v || 1));
          r = y - 1;
          c = x - 1;
        } else if (final === 'K') {
          const line = row(r);
          if (n === 0) line.length = Math.min(line.length, c);
          else if (n === 1) for (let x = 0; x <= c && x < line.length; x++) line[x] = ' ';
          else line.length = 0;
        } else if (final === 'J' && n === 0) {
          row(r).length = Math.min(row(r).length, c);
          rows.length = r + 1;
        }
        i += all.length;
        continue;
      }
      const next = raw[i + 1];
      if (next === '7') saved = [r, c];
      else if (next === '8') [r, c] = saved;
      i += 2;
      continue;
    }
    i += 1;
    if (ch === '\r') c = 0;
    else if (ch === '\n') r += 1;
    else if (ch === '\b') c = Math.max(0, c - 1);
    else if (ch >= ' ') {
      if (c >= cols) {
        if (wrap) {
          r += 1;
          c = 0;
        } else c = cols - 1;
      }
      const line = row(r);
      while (line.length < c) line.push(' ');
      line[c] = ch;
      c += Math.max(1, stringWidth(ch));
    }
  }
  return rows.map((l) => l.join('').trimEnd());
}
