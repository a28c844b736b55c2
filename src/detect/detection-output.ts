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

const COLUMNS = { time: 20, severity: 8, rule: 48, actor: 36, ip: 15 };

export function tableWriter(sink: TextSink, color: boolean): DetectionWriter {
  const paint = severityPaint(color);
  let rows = 0;
  const header = () =>
    `${[
      cell('TIME', COLUMNS.time),
      cell('SEVERITY', COLUMNS.severity),
      cell('RULE', COLUMNS.rule),
      cell('ACTOR', COLUMNS.actor),
      cell('SOURCE IP', COLUMNS.ip),
      'ACTION',
    ].join(' ')}\n`;
  return {
    async begin() {},
    async write(r) {
      if (rows === 0) await sink.write(color ? pc.bold(header()) : header());
      rows += 1;
      const time = str(r.ext.time).replace(/\.\d+Z$/, 'Z');
      const sev = r.com.severity;
      const line = [
        cell(time, COLUMNS.time),
        paint[sev](cell(sev, COLUMNS.severity)),
        cell(r.ext.check_title, COLUMNS.rule),
        cell(shortActor(str(r.ext.actor)), COLUMNS.actor),
        str(r.ext.source_ip).padEnd(COLUMNS.ip), // an address is never cut
        str(r.ext.action),
      ].join(' ');
      await sink.write(`${line.trimEnd()}\n`);
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

export function writerFor(format: DetectFormat, sink: TextSink, color: boolean): DetectionWriter {
  switch (format) {
    case 'table':
      return tableWriter(sink, color);
    case 'json':
      return jsonWriter(sink);
    case 'jsonl':
      return jsonlWriter(sink);
  }
}
