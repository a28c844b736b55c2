/**
 * The terminal boundary of the CLI: how wide the terminal is, how text for people reaches
 * stdout, and the progress bar that log lines print above (never onto its line).
 */
import { MultiBar, type SingleBar } from 'cli-progress';
import { sanitizeInline, sanitizeTerminal } from '../core/terminal-text.js';

/**
 * Columns to lay text out in: the terminal's width on a terminal; otherwise $COLUMNS when
 * set (to lay out piped output for a wider reader), else 80.
 */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env >= 20 ? env : 80;
}

/**
 * Writes text meant for people to stdout. Fields from the clouds were cleaned when the text was
 * built; this last pass removes any control sequence that slipped through, keeping colour only
 * when the command paints in colour.
 */
export function printText(text: string, color: boolean): void {
  process.stdout.write(sanitizeTerminal(text, { keepColor: color }));
}

/**
 * Writes a data format (JSON, CSV, HTML...) to stdout. Piped, it is written as it is; on a
 * terminal, control characters inside it are removed first so it cannot drive the terminal.
 */
export function printData(text: string): void {
  process.stdout.write(process.stdout.isTTY ? sanitizeTerminal(text, { keepColor: false }) : text);
}

/** A progress bar on stderr; log lines go above it through log(), never onto the bar's line. */
export class ProgressBar {
  private bars: MultiBar | undefined;
  private bar: SingleBar | undefined;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number, what: string): void {
    const width = terminalWidth(this.stream);
    const barsize = Math.max(10, Math.min(30, width - 50));
    // the line never wraps: `what` gets what is left after the label, the bar and the counts
    const room = Math.max(0, width - this.label.length - barsize - 2 * String(total).length - 7);
    const clean = sanitizeInline(what);
    const shown = clean.length > room ? `${clean.slice(0, Math.max(0, room - 1))}…` : clean;
    if (!this.bars) {
      this.bars = new MultiBar({
        format: `${this.label} [{bar}] {value}/{total} {what}`,
        stream: this.stream,
        barsize,
        clearOnComplete: true,
        hideCursor: true,
        linewrap: true,
      });
      this.bar = this.bars.create(total, done, { what: shown });
      return;
    }
    this.bar?.setTotal(total);
    this.bar?.update(done, { what: shown });
  }

  /** A line printed above the bar (the bar is redrawn below it). */
  log(line: string): void {
    if (!this.bars) {
      this.stream.write(`${line}\n`);
      return;
    }
    this.bars.log(`${line}\n`);
    this.bars.update();
  }

  stop(): void {
    this.bars?.stop();
    this.bars = undefined;
    this.bar = undefined;
  }
}
