/**
 * Writing detections as they are found: a terminal table (one row per detection, streamed), a JSON
 * document `{"findings": [...], "scan": {...}}` (findings streamed first, the run summary last so
 * memory does not grow with the number of detections), or JSON lines.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import pc from 'picocolors';
import type { FindingRecord } from '../core/record.js';
import type { Severity } from '../core/severity.js';
import { sanitizeInline, terminalJson } from '../core/terminal-text.js';

export const DETECT_FORMATS = ['table', 'json', 'jsonl'] as const;
export type DetectFormat = (typeof DETECT_FORMATS)[number];

/** Text sink that respects back-pressure, for stdout or a file. */
export class TextSink {
  private constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly file: WriteStream | undefined,
  ) {}

  static stdout(): TextSink {
    return new TextSink(process.stdout, undefined);
  }

  /** Opens (creating or truncating) a file; rejects with the system's reason when it cannot. */
  static async file(path: string): Promise<TextSink> {
    const stream = createWriteStream(path);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return new TextSink(stream, stream);
  }

  async write(text: string): Promise<void> {
    if (text === '') return;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
    }
  }

  async close(): Promise<void> {
    const f = this.file;
    if (!f) return;
    await new Promise<void>((resolve, reject) => {
      f.once('error', reject);
      f.end(() => resolve());
    });
  }
}

type Paint = (s: string) => string;

function severityPaint(color: boolean): Record<Severity, Paint> {
  const id: Paint = (s) => s;
  return color
    ? { critical: (s) => pc.bold(pc.magenta(s)), high: pc.red, medium: pc.yellow, low: pc.blue, info: pc.dim }
    : { critical: id, high: id, medium: id, low: id, info: id };
}

function cell(text: string, width: number): string {
  // actors, user agents and actions come from the logs: no control sequence reaches the terminal
  const t = sanitizeInline(text).replace(/\s+/g, ' ');
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}

function str(v: unknown): string {
  return typeof v === 'string' && v !== '' ? sanitizeInline(v) : '-';
}

/** Shorter actor names for the table: the last part of an ARN keeps the principal readable. */
function shortActor(actor: string): string {
  if (!actor.startsWith('arn:')) return actor;
  const resource = actor.split(':').slice(5).join(':');
  return resource || actor;
}

export interface DetectionWriter {
  /** called once before any detection */
  begin(): Promise<void>;
  write(record: FindingRecord): Promise<void>;
  /** called once at the end with the run summary */
  end(summary: object): Promise<void>;
}

/** Fixed columns of the table: time, severity and an IPv4 address always fit whole. */
const TIME_W = 20;
const SEVERITY_W = 8;
const IP_W = 15;
/** Narrower than this, a detection takes two lines (rule on the first; actor, address and action below). */
export const ONE_LINE_MIN_WIDTH = 120;
const INDENT = '    ';

/** `text` cut to `width` with an ellipsis; not padded. */
function cut(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

interface Row {
  time: string;
  severity: string;
  rule: string;
  actor: string;
  ip: string;
  action: string;
}

function rowOf(r: FindingRecord): Row {
  const clean = (v: unknown) => str(v).replace(/\s+/g, ' ');
  return {
    time: str(r.ext.time).replace(/\.\d+Z$/, 'Z'),
    severity: r.com.severity,
    rule: clean(r.ext.check_title),
    actor: shortActor(clean(r.ext.actor)),
    ip: clean(r.ext.source_ip),
    action: clean(r.ext.action),
  };
}

/**
 * One row per detection in `width` columns: rule and actor share what the fixed columns leave, the
 * action takes the rest. An address is never cut: a longer one (IPv6) takes its room from the
 * action, then from the actor.
 */
function oneLine(row: Row, width: number, paint: Paint): string {
  const free = width - (TIME_W + SEVERITY_W + IP_W + 5);
  const ruleW = Math.min(48, Math.floor(free * 0.5));
  let actorW = Math.min(36, Math.floor(free * 0.3));
  let actionW = free - ruleW - actorW;
  const over = Math.max(0, row.ip.length - IP_W);
  actionW -= over;
  if (actionW < 0) {
    actorW = Math.max(1, actorW + actionW);
    actionW = 0;
  }
  return [
    cell(row.time, TIME_W),
    paint(cell(row.severity, SEVERITY_W)),
    cell(row.rule, ruleW),
    cell(row.actor, actorW),
    row.ip.padEnd(IP_W),
    cut(row.action, actionW),
  ]
    .join(' ')
    .trimEnd();
}

/** A detection on two lines for a narrow terminal: time, severity and rule; then who, from where, what. */
function twoLines(row: Row, width: number, paint: Paint): string {
  const first = `${cell(row.time, TIME_W)} ${paint(cell(row.severity, SEVERITY_W))} ${cut(row.rule, width - TIME_W - SEVERITY_W - 2)}`;
  const from = row.ip === '-' ? '' : ` from ${row.ip}`;
  const room = width - INDENT.length - 'by '.length - from.length - ': '.length;
  const actionW = Math.min(row.action.length, Math.max(12, room - row.actor.length));
  const second = `${INDENT}by ${cut(row.actor, Math.max(1, room - actionW))}${from}: ${cut(row.action, actionW)}`;
  return `${first.trimEnd()}\n${second}`;
}

/** The detection table for a terminal (or file) `width` columns wide, one detection per row as it comes. */
export function tableWriter(sink: TextSink, color: boolean, width = 80): DetectionWriter {
  const paint = severityPaint(color);
  const bold: Paint = color ? pc.bold : (s) => s;
  const wide = width >= ONE_LINE_MIN_WIDTH;
  let rows = 0;
  const header = (): string => {
    if (!wide)
      return `${bold(`${cell('TIME', TIME_W)} ${cell('SEVERITY', SEVERITY_W)} RULE`)}\n${bold(`${INDENT}by ACTOR from SOURCE IP: ACTION`)}\n`;
    const h: Row = {
      time: 'TIME',
      severity: 'SEVERITY',
      rule: 'RULE',
      actor: 'ACTOR',
      ip: 'SOURCE IP',
      action: 'ACTION',
    };
    return `${bold(oneLine(h, width, (t) => t))}\n`;
  };
  return {
    async begin() {},
    async write(r) {
      if (rows === 0) await sink.write(header());
      rows += 1;
      const row = rowOf(r);
      const sev = paint[r.com.severity];
      await sink.write(`${wide ? oneLine(row, width, sev) : twoLines(row, width, sev)}\n`);
    },
    async end() {
      if (rows === 0) await sink.write('No detections.\n');
    },
  };
}

export function jsonWriter(sink: TextSink): DetectionWriter {
  let first = true;
  return {
    async begin() {
      await sink.write('{"findings": [');
    },
    async write(r) {
      await sink.write(`${first ? '\n' : ',\n'}${terminalJson(r)}`);
      first = false;
    },
    async end(summary) {
      await sink.write(`${first ? '' : '\n'}], "scan": ${terminalJson(summary, 2)}}\n`);
    },
  };
}

export function jsonlWriter(sink: TextSink): DetectionWriter {
  return {
    async begin() {},
    async write(r) {
      await sink.write(`${terminalJson(r)}\n`);
    },
    async end() {},
  };
}

/** `width`: the columns a table is laid out in (the terminal's, else $COLUMNS, else 80). */
export function writerFor(format: DetectFormat, sink: TextSink, color: boolean, width = 80): DetectionWriter {
  switch (format) {
    case 'table':
      return tableWriter(sink, color, width);
    case 'json':
      return jsonWriter(sink);
    case 'jsonl':
      return jsonlWriter(sink);
  }
}
