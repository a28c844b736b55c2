import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What every query answers: the events engine's results and the store's alike. */
export interface ResultTable {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

/** The narrowest a column is cut to when the table does not fit. */
const MIN_COLUMN = 3;

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

const cut = (s: string, width: number) => (s.length > width ? `${s.slice(0, Math.max(0, width - 1))}…` : s);

/**
 * The width of each column so the table fits `width` characters: columns keep their natural
 * width when all fit; otherwise the widest are cut to one common cap, the largest that fits.
 * Each column takes 3 more characters (padding and its border), the table 1.
 */
export function fitColumns(natural: readonly number[], width: number): number[] {
  const room = width - 1 - 3 * natural.length;
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= room) return [...natural];
  let cap = Math.max(...natural);
  while (cap > MIN_COLUMN && natural.reduce((a, w) => a + Math.min(w, cap), 0) > room) cap--;
  return natural.map((w) => Math.min(w, cap));
}

/**
 * A query's rows as a text table fitted to `width` (long cells cut with …; the full values
 * are in the json and csv formats), a JSON array, or CSV with a header.
 */
export function formatResult(result: ResultTable, format: OutputFormat, width = 80): string {
  const names = result.columns.map((c) => c.name);
  if (format === 'json') return `${terminalJson(result.rows, 2)}\n`;
  if (format === 'csv')
    return stringify(
      result.rows.map((r) => names.map((n) => text(r[n]))),
      { header: true, columns: names },
    );
  const head = names.map(sanitizeInline);
  const cells = result.rows.map((r) => names.map((n) => sanitizeInline(text(r[n]))));
  const natural = head.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length), 1));
  const widths = fitColumns(natural, width);
  const table = new Table({
    head: head.map((h, i) => cut(h, widths[i] ?? MIN_COLUMN)),
    colWidths: widths.map((w) => w + 2),
    wordWrap: false,
    style: { head: [], border: [] },
    // one rule under the header only, not between rows
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of cells) table.push(row.map((c, i) => cut(c, widths[i] ?? MIN_COLUMN)));
  const count = `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`;
  const cutNote = widths.some((w, i) => w < (natural[i] ?? 0))
    ? '\ncells cut to fit: --format json or csv shows them whole'
    : '';
  return `${table.toString()}\n${count}${cutNote}\n`;
}
