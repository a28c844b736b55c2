import { describe, expect, it } from 'vitest';
import {
  escapeJsonForTerminal,
  sanitizeInline,
  sanitizeMultiline,
  sanitizeTerminal,
  terminalJson,
} from '../../src/core/terminal-text.js';

const R = '\uFFFD';

describe('terminal text sanitiser', () => {
  it.each([
    ['screen clear', 'evil\x1b[2Jname', `evil${R}name`],
    ['OSC 8 hyperlink (ST)', 'a\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\b', `a${R}click${R}b`],
    ['OSC 8 hyperlink (BEL)', 'a\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07b', `a${R}click${R}b`],
    ['window title', 'x\x1b]0;pwned\x07y', `x${R}y`],
    ['forged colour', 'x\x1b[31mRED\x1b[0m', `x${R}RED${R}`],
    ['8-bit CSI', 'x\u009b2Jy', `x${R}y`],
    ['8-bit OSC', 'x\u009d8;;http://e\u009cy', `x${R}y`],
    ['terminal reset', 'x\x1bcy', `x${R}y`],
    ['charset switch', 'x\x1b(0y', `x${R}y`],
    ['DCS', 'x\x1bPq#0;2;0;0;0\x1b\\y', `x${R}y`],
    ['unterminated OSC', 'x\x1b]8;;http://evil', `x${R}`],
    ['lone ESC at the end', 'x\x1b', `x${R}`],
    ['bell and backspace', 'a\x07b\x08c', `a${R}b${R}c`],
    ['carriage return overwrite', 'safe\rEVIL', 'safe EVIL'],
    ['bidi override', 'invoice\u202efdp.exe', `invoice${R}fdp.exe`],
    ['bidi isolate', 'a\u2066b\u2069c', `a${R}b${R}c`],
    ['DEL and C1', 'a\u007fb\u0085c', `a${R}b${R}c`],
    ['line breaks in a cell', 'one\ntwo\tthree', 'one two three'],
  ])('inline: %s', (_what, input, want) => {
    expect(sanitizeInline(input)).toBe(want);
  });

  it('keeps ordinary text, accents, CJK and emoji as they are', () => {
    const text = 'café 東京 🚀 arn:aws:iam::123456789012:user/ana (eu-west-1) 100%';
    expect(sanitizeInline(text)).toBe(text);
  });

  it('keeps line breaks and tabs in multi-line text', () => {
    expect(sanitizeMultiline('a\n\tb\x1b[2Jc\r\nd')).toBe(`a\n\tb${R}c\nd`);
  });

  it('keeps colour only when the command paints in colour, and nothing else', () => {
    const ours = '\x1b[1mHIGH\x1b[22m \x1b[2J \x1b]8;;http://e\x07x';
    expect(sanitizeTerminal(ours, { keepColor: true })).toBe(`\x1b[1mHIGH\x1b[22m ${R} ${R}x`);
    expect(sanitizeTerminal(ours, { keepColor: false })).toBe(`${R}HIGH${R} ${R} ${R}x`);
  });

  it('JSON keeps the data and escapes what JSON.stringify leaves raw', () => {
    const value = { name: 'a\x1b[2J\u009b\u202eb\u2028' };
    const text = terminalJson(value);
    const raw = [...text].filter((c) => {
      const n = c.codePointAt(0) ?? 0;
      return n < 0x20 || (n >= 0x7f && n <= 0x9f) || n === 0x202e || n === 0x2028;
    });
    expect(raw.filter((c) => c !== '\n')).toEqual([]);
    expect(JSON.parse(text)).toEqual(value);
    expect(escapeJsonForTerminal('"plain"')).toBe('"plain"');
  });
});
