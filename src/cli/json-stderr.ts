import { format } from 'node:util';
import { createLogger, errorFields, type Logger } from '../core/logger.js';

/**
 * The log format a command line asks for (`--log-format json` or `--log-format=json`), read
 * before the arguments are parsed, so that even a usage error is reported in that format.
 */
export function logFormatOf(argv: readonly string[]): 'text' | 'json' {
  let format: 'text' | 'json' = 'text';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    const v = a === '--log-format' ? argv[i + 1] : a?.startsWith('--log-format=') ? a.slice(13) : undefined;
    if (v === 'json' || v === 'text') format = v;
  }
  return format;
}

/** `console.error(...)` arguments as a message and, for an Error among them, its fields. */
function consoleEntry(args: unknown[]): { msg: string; fields?: object } {
  const err = args.find((a): a is Error => a instanceof Error);
  const rest = args.filter((a) => a !== err);
  const msg = rest.length > 0 ? format(...rest) : (err?.message ?? '');
  return err ? { msg, fields: errorFields(err) } : { msg };
}

function isJsonObjectLine(line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

type Write = typeof process.stderr.write;

/**
 * With JSON logs, every line on stderr is one JSON object, whoever writes it:
 * - `console.error` / `console.warn` / `console.trace` (the AWS SDK prints some failures, with
 *   their stack, this way) become one object with the stack inside `error.stack`;
 * - process warnings (Node's and the SDK's) become one `warn` object;
 * - any other text written to stderr is wrapped line by line as `{"level":"info","msg":...}`;
 *   lines that already are JSON objects (the logger's) pass unchanged.
 * Returns the function that puts everything back.
 */
export function routeStderrToJson(
  logger: Logger = createLogger({ level: 'debug', format: 'json' }),
): () => void {
  const stderr = process.stderr;
  const originalWrite: Write = stderr.write;
  let pending = '';
  const wrapLine = (line: string): string =>
    isJsonObjectLine(line)
      ? line
      : JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: line, stream: 'stderr' });
  const write = ((chunk: string | Uint8Array, encoding?: unknown, cb?: unknown): boolean => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : Buffer.from(chunk).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    const out = lines.map((l) => `${wrapLine(l.replace(/\r$/, ''))}\n`).join('');
    const done = typeof encoding === 'function' ? encoding : cb;
    if (out === '') {
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }
    return originalWrite.call(stderr, out, 'utf8', done as ((err?: Error | null) => void) | undefined);
  }) as Write;
  stderr.write = write;

  const saved = { error: console.error, warn: console.warn, trace: console.trace };
  console.error = (...args: unknown[]) => {
    const { msg, fields } = consoleEntry(args);
    logger.error(msg, fields);
  };
  console.warn = (...args: unknown[]) => {
    const { msg, fields } = consoleEntry(args);
    logger.warn(msg, fields);
  };
  console.trace = (...args: unknown[]) => {
    const { msg } = consoleEntry(args);
    logger.debug(msg, { stack: new Error(msg).stack });
  };

  // Node prints warnings through its own 'warning' listener: replaced while JSON logs are on
  const warningListeners = process.listeners('warning');
  process.removeAllListeners('warning');
  const onWarning = (w: Error & { code?: string }) =>
    logger.warn(w.message, { warning: { name: w.name, ...(w.code ? { code: w.code } : {}) } });
  process.on('warning', onWarning);

  return () => {
    if (pending !== '') originalWrite.call(stderr, `${wrapLine(pending)}\n`);
    pending = '';
    if (stderr.write === write) stderr.write = originalWrite;
    console.error = saved.error;
    console.warn = saved.warn;
    console.trace = saved.trace;
    process.off('warning', onWarning);
    for (const l of warningListeners) process.on('warning', l);
  };
}
