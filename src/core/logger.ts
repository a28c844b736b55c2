import { createColors } from 'picocolors';
import { sanitizeMultiline, terminalJson } from './terminal-text.js';

/** Colours on: whether to paint is decided by the caller (a terminal, no NO_COLOR, no --no-color). */
const pc = createColors(true);

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY =
  /(secret|password|passwd|token|credential|private_?key|access_?key|session|authorization|webhook)/i;

export interface Logger {
  debug(msg: string, fields?: object): void;
  info(msg: string, fields?: object): void;
  warn(msg: string, fields?: object): void;
  error(msg: string, fields?: object): void;
}

/** Values under secret-looking keys are replaced, so a logged config or error never leaks them. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/**
 * Human-readable lines or JSON lines, always on stderr so stdout carries only results. A text
 * line says everything a person needs (the reason included); fields go to JSON logs.
 */
export function createLogger(opts: {
  level?: LogLevel;
  format?: 'text' | 'json';
  write?: (line: string) => void;
  color?: boolean;
}): Logger {
  const min = ORDER[opts.level ?? 'info'];
  const write = opts.write ?? ((l: string) => process.stderr.write(`${l}\n`));
  const color = opts.color ?? false;
  const paint: Record<LogLevel, (s: string) => string> = {
    debug: color ? pc.dim : String,
    info: color ? pc.cyan : String,
    warn: color ? pc.yellow : String,
    error: color ? pc.red : String,
  };
  const log = (level: LogLevel, msg: string, fields?: object) => {
    if (ORDER[level] < min) return;
    const safe = fields ? (redact(fields) as Record<string, unknown>) : undefined;
    if (opts.format === 'json') {
      write(terminalJson({ time: new Date().toISOString(), level, msg, ...safe }));
      return;
    }
    const extra =
      safe && Object.keys(safe).length && level !== 'info' && level !== 'warn'
        ? ` ${terminalJson(safe)}`
        : '';
    // messages carry names and errors from the clouds: no control sequence reaches the terminal
    write(`${paint[level](level.padEnd(5))} ${sanitizeMultiline(msg)}${extra}`);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

/**
 * An error as log fields, for JSON logs: its name, AWS error code, message and stack trace in
 * one field, so a multi-line stack never becomes several lines of output.
 */
export function errorFields(e: unknown): { error: Record<string, unknown> } {
  if (!(e instanceof Error)) return { error: { message: String(e) } };
  const o = e as Error & { Code?: unknown; code?: unknown };
  const code = typeof o.Code === 'string' ? o.Code : typeof o.code === 'string' ? o.code : undefined;
  return {
    error: {
      name: e.name,
      ...(code !== undefined ? { code } : {}),
      message: e.message,
      ...(e.stack ? { stack: e.stack } : {}),
      ...(e.cause !== undefined ? { cause: errorFields(e.cause).error } : {}),
    },
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
