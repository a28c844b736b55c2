/**
 * Text from clouds and logs (resource names, tags, user names, user agents, error messages) is
 * attacker-controlled. Before it reaches a terminal it loses every control sequence a terminal
 * would act on: screen clearing, cursor moves, forged colours, OSC 8 hyperlinks, window titles,
 * C0 and C1 control characters and the bidirectional overrides that reorder what is shown.
 *
 * Each removed sequence becomes U+FFFD, so the reader sees that something was there.
 * JSON keeps the data lossless instead: `escapeJsonForTerminal` writes the characters that
 * JSON.stringify leaves raw (C1 controls, bidi overrides, line separators) as \u escapes.
 */

const ESC = '\\u001b';
const ST = `(?:\\u0007|${ESC}\\\\|\\u009c)`;
/** OSC, DCS, SOS, PM, APC: a string up to the string terminator (or the end of the text). */
const STRING_SEQ = `(?:${ESC}[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[\\s\\S]*?(?:${ST}|$)`;
/** CSI: parameters, intermediates, one final byte. */
const CSI = `(?:${ESC}\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?`;
/** SGR, the colour sequences our own painters write; the one CSI the boundary may keep. */
const SGR = new RegExp(`^${ESC}\\[[0-9;]*m$`);
/** Any other escape sequence: ESC, intermediates, a final byte (ESC c resets the terminal). */
const OTHER_ESC = `${ESC}[\\u0020-\\u002f]*[\\u0030-\\u007e]?`;
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const LONE_CONTROL = `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001a\\u001c-\\u001f\\u007f-\\u009f${BIDI}]`;

const SEQUENCE = new RegExp(`${STRING_SEQ}|${CSI}|${OTHER_ESC}|${LONE_CONTROL}`, 'g');
const REPLACEMENT = '\uFFFD';

function strip(text: string, keepSgr: boolean): string {
  return text.replace(SEQUENCE, (seq) => (keepSgr && SGR.test(seq) ? seq : REPLACEMENT));
}

/** One field on one line (a table cell, a name): line breaks and tabs become spaces. */
export function sanitizeInline(text: string): string {
  return strip(text.replace(/\r\n?|[\n\t\u2028\u2029]/g, ' '), false);
}

/** A block of text where line breaks and tabs are kept (a description, an error message). */
export function sanitizeMultiline(text: string): string {
  return strip(text.replace(/\r\n?|[\u2028\u2029]/g, '\n'), false);
}

/**
 * The terminal boundary: everything a command writes for people passes here last. Line breaks
 * and tabs stay; colour sequences stay only when the command paints in colour (fields were
 * already cleaned, so they can only be our own); every other sequence is removed.
 */
export function sanitizeTerminal(text: string, opts: { keepColor: boolean }): string {
  return strip(text.replace(/\r\n/g, '\n'), opts.keepColor);
}

const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${BIDI}]`, 'g');

/** JSON text with the characters JSON.stringify leaves raw written as \u escapes: the same data. */
export function escapeJsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON.stringify, safe to print on a terminal and equal in value. */
export function terminalJson(value: unknown, indent?: number): string {
  return escapeJsonForTerminal(JSON.stringify(value, null, indent));
}
