import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';
import type { QueryResult } from './engine.js';

export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Widest cell of the table format; JSON and CSV are never cut. */
const MAX_CELL = 60;

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

const cut = (s: string) => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s);

/** A query's rows as a text table (cells cut at 60 characters), a JSON array, or CSV with a header. */
export function formatResult(result: QueryResult, format: OutputFormat): string {
  const names = result.columns.map((c) => c.name);
  if (format === 'json') return `${terminalJson(result.rows, 2)}\n`;
  if (format === 'csv')
    return stringify(
      result.rows.map((r) => names.map((n) => text(r[n]))),
      { header: true, columns: names },
    );
  const table = new Table({
    head: names.map(sanitizeInline),
    style: { head: [], border: [] },
    // one rule under the header only, not between rows
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of result.rows) table.push(names.map((n) => cut(sanitizeInline(text(r[n])))));
  const count = `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`;
  return `${table.toString()}\n${count}\n`;
}
