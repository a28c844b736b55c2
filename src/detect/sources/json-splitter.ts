/**
 * Streaming splitter for JSON logs too large to hold in memory, such as a CloudTrail file
 * `{"Records": [ ... ]}` of a gigabyte. It tracks only depth, strings and escapes, and hands
 * out the text of one record at a time for JSON.parse, so memory is bounded by the largest
 * single record, never by the file.
 *
 * Input is any sequence of top-level JSON values:
 * - an object holding one of `arrayKeys` (e.g. "Records") with an array value: each element
 *   of that array is an `element` item, the rest of the object is skipped;
 * - a top-level array: each element is an `element` item;
 * - any other object: a `document` item (the whole object), as in concatenated JSON.
 * Text between values that is not JSON is reported and skipped to the end of its line.
 * The splitter does not validate JSON: the items' JSON.parse does.
 *
 * A malformed record must not cost the records after it. Inside a records array the splitter
 * follows which containers are open, so that it notices when braces stop balancing:
 * - a `{` where an object expects a key (`{"a":{"b":1},{"next"...`) means the record was never
 *   closed: it is reported and the `{` starts the next record;
 * - a `]` while the record holds no open array closes the records array: the record is
 *   reported as not closed;
 * - a `}` between records (one too many) is reported and skipped.
 * Every report names the record's index and where it starts (line, column, byte).
 */

export interface SplitItem {
  kind: 'element' | 'document';
  text: string;
  /** element: index within its array; document: index among the top-level values */
  index: number;
  /** 1-based line where the item starts */
  line: number;
  /** 1-based column (in characters) where the item starts */
  column: number;
  /** for itemByteOffset: the chunk the item starts in, its index there, and the chunk's byte offset */
  startChunk: string;
  startInChunk: number;
  startChunkByte: number;
}

/** The UTF-8 byte offset where an item starts in the whole input (computed only when asked). */
export function itemByteOffset(item: SplitItem): number {
  return item.startChunkByte + Buffer.byteLength(item.startChunk.slice(0, item.startInChunk));
}

/** Where an item starts, in words: "line 3, column 5, byte 120". */
export function describeStart(line: number, column: number, byte: number): string {
  return `line ${line}, column ${column}, byte ${byte}`;
}

export interface SplitIssue {
  line: number;
  index?: number;
  /** UTF-8 byte offset in the input where the problem (or the record it concerns) starts */
  offset?: number;
  reason: string;
}

export interface SplitterOptions {
  /** keys of a top-level object whose array value holds the records (default Records, records) */
  arrayKeys?: readonly string[];
  /** an item longer than this (in characters) is reported and skipped (default 64 Mi) */
  maxItemChars?: number;
}

export interface SplitterStats {
  /** the largest partial item held across a chunk boundary, in characters */
  maxBufferedChars: number;
  /** the largest item handed out, in characters */
  maxItemChars: number;
  elements: number;
  documents: number;
  /** records arrays found (in objects or at top level) */
  arrays: number;
}

type Mode = 'top' | 'probe' | 'elements' | 'tail' | 'garbage';
type ElemKind = 'container' | 'string' | 'scalar';

const QUOTE = 34;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const COMMA = 44;
const COLON = 58;
const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const BOM = 0xfeff;

export class JsonRecordSplitter {
  readonly stats: SplitterStats = {
    maxBufferedChars: 0,
    maxItemChars: 0,
    elements: 0,
    documents: 0,
    arrays: 0,
  };

  private readonly arrayKeys: Set<string>;
  private readonly maxItem: number;

  private mode: Mode = 'top';
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;

  // where the current chunk sits in the whole input, for columns and byte offsets
  private chunk = '';
  private charBase = 0;
  private byteBase = 0;
  private lineStart = 0;

  // the item being captured
  private capturing = false;
  private capParts: string[] = [];
  private capLen = 0;
  private capStart = 0;

  // elements of a records array
  private elemDepth = 0;
  private arrayTopLevel = false;
  private inElem = false;
  private elemKind: ElemKind = 'container';
  private elemIndex = 0;
  private itemLine = 1;
  private itemColumn = 1;
  private itemChunk = '';
  private itemInChunk = 0;
  private itemChunkByte = 0;
  /** the containers open inside the current element, innermost last (LBRACE or LBRACKET) */
  private open: number[] = [];
  /** the last character outside strings and whitespace inside the current element (a string counts as QUOTE) */
  private prevSig = 0;
  /** a stray `}` between records was reported; more of them in a row are not */
  private strayReported = false;

  // key tracking at depth 1 of a top-level object
  private keyExpect = false;
  private inKey = false;
  private keyStart = 0;
  private keyBuf = '';
  private pendingKey: string | null = null;
  private docIndex = 0;

  private out: SplitItem[] = [];
  private issues: SplitIssue[] = [];

  constructor(opts: SplitterOptions = {}) {
    this.arrayKeys = new Set(opts.arrayKeys ?? ['Records', 'records']);
    this.maxItem = opts.maxItemChars ?? 64 * 1024 * 1024;
  }

  /** Feeds a chunk; returns the items completed in it and any issues found. */
  push(chunk: string): { items: SplitItem[]; issues: SplitIssue[] } {
    this.out = [];
    this.issues = [];
    this.chunk = chunk;
    this.scan(chunk);
    if (this.capturing) {
      const piece = this.capStart === 0 ? chunk : chunk.slice(this.capStart);
      this.capParts.push(piece);
      this.capLen += piece.length;
      this.capStart = 0;
      if (this.capLen > this.stats.maxBufferedChars) this.stats.maxBufferedChars = this.capLen;
      if (this.capLen > this.maxItem) this.dropOversize();
    }
    if (this.inKey) {
      this.keyBuf += chunk.slice(this.keyStart);
      this.keyStart = 0;
    }
    this.charBase += chunk.length;
    this.byteBase += Buffer.byteLength(chunk);
    return { items: this.out, issues: this.issues };
  }

  /** Signals the end of input; reports a value left open (a truncated file). */
  end(): { issues: SplitIssue[] } {
    this.issues = [];
    if (this.mode === 'elements') {
      if (this.inElem && this.elemKind === 'scalar' && !this.inString) {
        this.issue(`input ended before the records array was closed (after ${this.elemIndex} records)`);
      } else if (this.inElem) {
        this.itemIssue('is incomplete: input ended inside it');
      } else {
        this.issue(`input ended before the records array was closed (after ${this.elemIndex} records)`);
      }
    } else if (this.mode === 'probe') {
      this.issue(`input ended inside the JSON value that starts on line ${this.itemLine}`);
    } else if (this.mode === 'tail') {
      this.issue('input ended before the end of the object holding the records array');
    }
    this.capturing = false;
    this.capParts = [];
    this.capLen = 0;
    this.mode = 'top';
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    return { issues: this.issues };
  }

  private issue(reason: string, index?: number): void {
    this.issues.push(index === undefined ? { line: this.line, reason } : { line: this.line, index, reason });
  }

  /** An issue about the current element, named by its index and where it starts. */
  private itemIssue(problem: string): void {
    const offset = this.itemChunkByte + Buffer.byteLength(this.itemChunk.slice(0, this.itemInChunk));
    const start = describeStart(this.itemLine, this.itemColumn, offset);
    this.issues.push({
      line: this.itemLine,
      index: this.elemIndex,
      offset,
      reason: `record ${this.elemIndex} (at ${start}) ${problem}`,
    });
  }

  /** Where position i of the current chunk is, in words (for the far end of a malformed record). */
  private here(i: number): string {
    const byte = this.byteBase + Buffer.byteLength(this.chunk.slice(0, i));
    return describeStart(this.line, this.charBase + i - this.lineStart + 1, byte);
  }

  private startCapture(i: number): void {
    this.capturing = true;
    this.capParts = [];
    this.capLen = 0;
    this.capStart = i;
    this.itemLine = this.line;
    this.itemColumn = this.charBase + i - this.lineStart + 1;
    this.itemChunk = this.chunk;
    this.itemInChunk = i;
    this.itemChunkByte = this.byteBase;
  }

  /** Ends the capture at `end` (exclusive) in the current chunk; null when it was dropped as oversize. */
  private finishCapture(chunk: string, end: number): string | null {
    if (!this.capturing) return null;
    this.capturing = false;
    const tail = chunk.slice(this.capStart, end);
    const text = this.capParts.length === 0 ? tail : this.capParts.join('') + tail;
    this.capParts = [];
    this.capLen = 0;
    if (text.length > this.stats.maxItemChars) this.stats.maxItemChars = text.length;
    return text;
  }

  private dropOversize(): void {
    this.capturing = false;
    this.capParts = [];
    this.capLen = 0;
    if (this.mode === 'elements') {
      this.issue(
        `record ${this.elemIndex} is larger than ${this.maxItem} characters; skipped`,
        this.elemIndex,
      );
    } else {
      this.issue(
        `the JSON value starting on line ${this.itemLine} is larger than ${this.maxItem} characters and holds no records array before that; skipped`,
      );
      this.mode = 'tail';
    }
  }

  private startElement(i: number, kind: ElemKind): void {
    this.inElem = true;
    this.elemKind = kind;
    this.open.length = 0;
    this.strayReported = false;
    this.startCapture(i);
  }

  private endElement(chunk: string, end: number): void {
    this.inElem = false;
    const text = this.finishCapture(chunk, end);
    const index = this.elemIndex++;
    if (text !== null) {
      this.stats.elements += 1;
      this.out.push(this.item('element', text, index));
    }
  }

  private item(kind: SplitItem['kind'], text: string, index: number): SplitItem {
    return {
      kind,
      text,
      index,
      line: this.itemLine,
      column: this.itemColumn,
      startChunk: this.itemChunk,
      startInChunk: this.itemInChunk,
      startChunkByte: this.itemChunkByte,
    };
  }

  /** Drops the current element as malformed: reports it and moves on to the next index. */
  private abandonElement(why: string, then = ''): void {
    if (this.capturing) this.itemIssue(`is malformed: its braces do not balance, and ${why}; skipped${then}`);
    this.capturing = false;
    this.capParts = [];
    this.capLen = 0;
    this.inElem = false;
    this.open.length = 0;
    this.depth = this.elemDepth;
    this.elemIndex += 1;
  }

  /** The records array closes: reading goes on after it. */
  private endArray(): void {
    this.depth = this.elemDepth - 1;
    this.mode = this.arrayTopLevel ? 'top' : 'tail';
  }

  /** A `}` or `]` inside a records array. */
  private closeInElements(chunk: string, i: number, c: number): void {
    if (this.inElem && this.elemKind === 'container') {
      if (c === RBRACKET && !this.open.includes(LBRACKET)) {
        this.abandonElement(`it is still open where the records array ends at ${this.here(i)}`);
        this.endArray();
        return;
      }
      // a mismatched pair (`[` closed by `}`) is left for JSON.parse to report
      this.open.pop();
      this.prevSig = c;
      this.depth -= 1;
      if (this.depth === this.elemDepth) this.endElement(chunk, i + 1);
      return;
    }
    if (this.inElem) this.endElement(chunk, i);
    if (c === RBRACKET) {
      this.endArray();
      return;
    }
    if (!this.strayReported) {
      this.strayReported = true;
      const after = this.elemIndex > 0 ? `after record ${this.elemIndex - 1}` : 'before the first record';
      this.issues.push({
        line: this.line,
        offset: this.byteBase + Buffer.byteLength(chunk.slice(0, i)),
        reason: `unexpected "}" ${after} at ${this.here(i)} (one too many); skipped`,
      });
    }
  }

  private scan(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    let nextQuote = -1;
    let nextBackslash = -1;
    while (i < n) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          i += 1;
          continue;
        }
        // jump between quotes and backslashes with indexOf: most of a log's text is inside strings
        for (;;) {
          if (nextQuote < i) {
            nextQuote = chunk.indexOf('"', i);
            if (nextQuote < 0) nextQuote = n;
          }
          if (nextBackslash < i) {
            nextBackslash = chunk.indexOf('\\', i);
            if (nextBackslash < 0) nextBackslash = n;
          }
          if (nextBackslash >= nextQuote) break;
          if (nextBackslash + 1 >= n) {
            this.escape = true;
            return;
          }
          i = nextBackslash + 2;
        }
        if (nextQuote >= n) return;
        const j = nextQuote;
        this.inString = false;
        i = j + 1;
        if (this.inKey) {
          this.inKey = false;
          this.keyExpect = false;
          this.pendingKey = this.keyBuf + chunk.slice(this.keyStart, j);
          this.keyBuf = '';
        } else if (this.inElem && this.elemKind === 'string' && this.depth === this.elemDepth) {
          this.endElement(chunk, i);
        } else {
          this.prevSig = QUOTE;
        }
        continue;
      }

      if (this.mode === 'garbage') {
        const nl = chunk.indexOf('\n', i);
        if (nl < 0) return;
        i = nl;
        this.mode = 'top';
      }

      const c = chunk.charCodeAt(i);
      if (this.mode === 'top') {
        if (c === NEWLINE) {
          this.line += 1;
          this.lineStart = this.charBase + i + 1;
        } else if (c === LBRACE) {
          this.depth = 1;
          this.mode = 'probe';
          this.keyExpect = true;
          this.pendingKey = null;
          this.startCapture(i);
        } else if (c === LBRACKET) {
          this.depth = 1;
          this.mode = 'elements';
          this.elemDepth = 1;
          this.arrayTopLevel = true;
          this.elemIndex = 0;
          this.stats.arrays += 1;
        } else if (c !== SPACE && c !== TAB && c !== CR && c !== BOM) {
          this.issue(`unexpected ${JSON.stringify(chunk[i])}: not the start of a JSON object or array`);
          this.mode = 'garbage';
          continue;
        }
        i += 1;
        continue;
      }

      switch (c) {
        case NEWLINE:
          this.line += 1;
          this.lineStart = this.charBase + i + 1;
          if (this.inElem && this.elemKind === 'scalar' && this.depth === this.elemDepth)
            this.endElement(chunk, i);
          break;
        case SPACE:
        case TAB:
        case CR:
          if (this.inElem && this.elemKind === 'scalar' && this.depth === this.elemDepth)
            this.endElement(chunk, i);
          break;
        case QUOTE:
          this.inString = true;
          if (this.mode === 'elements' && this.depth === this.elemDepth && !this.inElem) {
            this.startElement(i, 'string');
          } else if (this.mode === 'probe' && this.depth === 1) {
            if (this.keyExpect) {
              this.inKey = true;
              this.keyStart = i + 1;
              this.keyBuf = '';
            } else {
              this.pendingKey = null;
            }
          }
          break;
        case LBRACE:
        case LBRACKET:
          if (
            c === LBRACE &&
            this.mode === 'elements' &&
            this.inElem &&
            this.open[this.open.length - 1] === LBRACE &&
            this.prevSig !== COLON
          ) {
            // an object where a key belongs: the record was never closed and this is the next one
            const next = this.elemIndex + 1;
            this.abandonElement(
              `record ${next} starts at ${this.here(i)} before it is closed`,
              `, reading goes on with record ${next}`,
            );
          }
          if (this.mode === 'elements' && this.depth === this.elemDepth && !this.inElem) {
            this.startElement(i, 'container');
          } else if (this.mode === 'probe' && this.depth === 1 && this.pendingKey !== null) {
            const key = this.pendingKey;
            this.pendingKey = null;
            if (c === LBRACKET && this.arrayKeys.has(key)) {
              // the records array: the object around it is not kept
              this.capturing = false;
              this.capParts = [];
              this.capLen = 0;
              this.mode = 'elements';
              this.elemDepth = 2;
              this.arrayTopLevel = false;
              this.elemIndex = 0;
              this.stats.arrays += 1;
            }
          }
          this.depth += 1;
          if (this.mode === 'elements' && this.inElem) {
            this.open.push(c);
            this.prevSig = c;
          }
          break;
        case RBRACE:
        case RBRACKET:
          if (this.mode === 'elements') {
            this.closeInElements(chunk, i, c);
            break;
          }
          this.depth -= 1;
          if (this.depth === 0) {
            if (this.mode === 'probe') {
              const text = this.finishCapture(chunk, i + 1);
              if (text !== null) {
                this.stats.documents += 1;
                this.out.push(this.item('document', text, this.docIndex));
              }
              this.docIndex += 1;
            }
            this.mode = 'top';
          }
          break;
        case COMMA:
          if (this.mode === 'elements') {
            if (this.inElem && this.elemKind === 'scalar' && this.depth === this.elemDepth)
              this.endElement(chunk, i);
            else this.prevSig = COMMA;
          } else if (this.mode === 'probe' && this.depth === 1) {
            this.keyExpect = true;
            this.pendingKey = null;
          }
          break;
        case COLON:
          this.prevSig = COLON;
          break;
        default:
          if (this.mode === 'elements' && this.depth === this.elemDepth && !this.inElem) {
            this.startElement(i, 'scalar');
          } else if (this.mode === 'elements') {
            this.prevSig = c;
          } else if (this.mode === 'probe' && this.depth === 1) {
            this.pendingKey = null;
          }
      }
      i += 1;
    }
  }
}
