/**
 * CloudWatch Logs filter patterns, parsed and evaluated against log events, so a check can
 * prove that a metric filter really matches the events a control is about instead of comparing
 * pattern text. Two pattern families are supported:
 *
 * - JSON patterns: `{ ($.eventName = "CreateTrail") || ($.errorCode = "AccessDenied*") }` with
 *   `=`, `!=`, `<`, `<=`, `>`, `>=`, `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE`, `&&`, `||`,
 *   parentheses, quoted or bare values, `*` wildcards and `%regex%` values, selectors such as
 *   `$.userIdentity.type` and `$.resources[0].ARN` (an array without an index matches when any
 *   element matches).
 * - Term patterns: `ERROR`, `"Failed authentication"`, `?A ?B` (any of), `-term` (none of),
 *   matched as case-sensitive substrings of the event's JSON text. The empty pattern matches
 *   every event.
 *
 * Space-delimited patterns (`[ip, user, ...]`) do not apply to JSON CloudTrail events and are
 * refused. A comparison on a property the event does not have is false, for `!=` too.
 */

import { globMatch } from '../../../core/glob.js';

export type FilterPattern = { ok: true; match: (event: unknown) => boolean } | { ok: false; error: string };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

type Step = { key: string } | { index: number | '*' };
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; path: Step[]; op: string; value: Value }
  | { kind: 'test'; path: Step[]; test: 'null' | 'not_exists' | 'true' | 'false' };
type Value =
  | { kind: 'string'; text: string; quoted: boolean }
  | { kind: 'number'; n: number }
  | { kind: 'regex'; re: RegExp };

class PatternError extends Error {}

class Parser {
  private pos = 0;
  constructor(private readonly s: string) {}

  parse(): Node {
    this.ws();
    this.expect('{');
    const node = this.or();
    this.ws();
    this.expect('}');
    this.ws();
    if (this.pos < this.s.length) this.fail('unexpected text after the closing brace');
    return node;
  }

  private fail(msg: string): never {
    throw new PatternError(`${msg} at character ${this.pos + 1}`);
  }
  private ws(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos] as string)) this.pos++;
  }
  private peek(t: string): boolean {
    this.ws();
    return this.s.startsWith(t, this.pos);
  }
  private expect(t: string): void {
    this.ws();
    if (!this.s.startsWith(t, this.pos)) this.fail(`expected "${t}"`);
    this.pos += t.length;
  }
  private word(w: string): boolean {
    this.ws();
    const next = this.s.slice(this.pos, this.pos + w.length);
    const after = this.s[this.pos + w.length];
    if (next.toUpperCase() === w && (after === undefined || !/[A-Za-z0-9_]/.test(after))) {
      this.pos += w.length;
      return true;
    }
    return false;
  }

  private or(): Node {
    let left = this.and();
    while (this.peek('||')) {
      this.pos += 2;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Node {
    let left = this.unary();
    while (this.peek('&&')) {
      this.pos += 2;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): Node {
    if (this.peek('(')) {
      this.pos += 1;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Node {
    const path = this.selector();
    if (this.word('IS')) {
      if (this.word('NULL')) return { kind: 'test', path, test: 'null' };
      if (this.word('TRUE')) return { kind: 'test', path, test: 'true' };
      if (this.word('FALSE')) return { kind: 'test', path, test: 'false' };
      this.fail('expected NULL, TRUE or FALSE after IS');
    }
    if (this.word('NOT')) {
      if (this.word('EXISTS')) return { kind: 'test', path, test: 'not_exists' };
      this.fail('expected EXISTS after NOT');
    }
    this.ws();
    const op = ['!=', '<=', '>=', '=', '<', '>'].find((o) => this.s.startsWith(o, this.pos));
    if (!op) this.fail('expected a comparison operator');
    this.pos += op.length;
    return { kind: 'cmp', path, op, value: this.value() };
  }

  private selector(): Step[] {
    this.expect('$');
    const steps: Step[] = [];
    for (;;) {
      const c = this.s[this.pos];
      if (c === '.') {
        this.pos++;
        const m = /^[^\s.[\]()=!<>&|{}]+/.exec(this.s.slice(this.pos));
        if (!m) this.fail('expected a property name');
        steps.push({ key: m[0] });
        this.pos += m[0].length;
      } else if (c === '[') {
        const m = /^\[\s*(\d+|\*)\s*\]/.exec(this.s.slice(this.pos));
        if (!m) this.fail('expected an array index');
        steps.push({ index: m[1] === '*' ? '*' : Number(m[1]) });
        this.pos += m[0].length;
      } else break;
    }
    if (steps.length === 0) this.fail('expected a property after $');
    return steps;
  }

  private value(): Value {
    this.ws();
    const c = this.s[this.pos];
    if (c === '"') {
      let out = '';
      this.pos++;
      while (this.pos < this.s.length && this.s[this.pos] !== '"') {
        if (this.s[this.pos] === '\\' && this.pos + 1 < this.s.length) this.pos++;
        out += this.s[this.pos];
        this.pos++;
      }
      if (this.s[this.pos] !== '"') this.fail('unterminated string');
      this.pos++;
      return { kind: 'string', text: out, quoted: true };
    }
    if (c === '%') {
      const end = this.s.indexOf('%', this.pos + 1);
      if (end < 0) this.fail('unterminated regular expression');
      const src = this.s.slice(this.pos + 1, end);
      this.pos = end + 1;
      try {
        return { kind: 'regex', re: new RegExp(src) };
      } catch {
        this.fail(`invalid regular expression /${src}/`);
      }
    }
    const m = /^[^\s()&|{}]+/.exec(this.s.slice(this.pos));
    if (!m) this.fail('expected a value');
    this.pos += m[0].length;
    if (/^-?\d+(\.\d+)?$/.test(m[0])) return { kind: 'number', n: Number(m[0]) };
    return { kind: 'string', text: m[0], quoted: false };
  }
}

/** Values at a selector; an array reached without an index contributes each element. */
function resolve(root: unknown, path: Step[]): { found: boolean; values: unknown[] } {
  let cur: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of cur) {
      if ('key' in step) {
        const targets = Array.isArray(v) ? v : [v];
        for (const t of targets) if (isObj(t) && step.key in t) next.push(t[step.key]);
      } else if (Array.isArray(v)) {
        if (step.index === '*') next.push(...v);
        else if (step.index < v.length) next.push(v[step.index]);
      }
    }
    cur = next;
  }
  return { found: cur.length > 0, values: cur.flatMap((v) => (Array.isArray(v) ? v : [v])) };
}

function compare(v: unknown, op: string, value: Value): boolean {
  if (v === null || v === undefined || isObj(v) || Array.isArray(v)) return false;
  if (value.kind === 'number') {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (Number.isNaN(n)) return op === '!=';
    switch (op) {
      case '=':
        return n === value.n;
      case '!=':
        return n !== value.n;
      case '<':
        return n < value.n;
      case '<=':
        return n <= value.n;
      case '>':
        return n > value.n;
      default:
        return n >= value.n;
    }
  }
  const text = String(v);
  const hit =
    value.kind === 'regex' ? value.re.test(text) : globMatch(value.text, text, { questionMark: false });
  if (op === '=') return hit;
  if (op === '!=') return !hit;
  return false;
}

function evaluate(node: Node, event: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, event) && evaluate(node.right, event);
    case 'or':
      return evaluate(node.left, event) || evaluate(node.right, event);
    case 'test': {
      const r = resolve(event, node.path);
      if (node.test === 'not_exists') return !r.found;
      if (node.test === 'null') return r.found && r.values.some((v) => v === null);
      return r.values.some((v) => v === (node.test === 'true'));
    }
    default: {
      const r = resolve(event, node.path);
      if (!r.found) return false;
      if (node.op === '!=') return r.values.length > 0 && r.values.every((v) => compare(v, '!=', node.value));
      return r.values.some((v) => compare(v, node.op, node.value));
    }
  }
}

interface Terms {
  all: string[];
  any: string[];
  none: string[];
}

function parseTerms(s: string): Terms {
  const out: Terms = { all: [], any: [], none: [] };
  const re = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of s.matchAll(re)) {
    const term = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] as string);
    if (m[1] === '?') out.any.push(term);
    else if (m[1] === '-') out.none.push(term);
    else out.all.push(term);
  }
  return out;
}

/** Parse a filter pattern once; the result matches events or says why it cannot. */
export function compileFilterPattern(pattern: string): FilterPattern {
  const s = pattern.trim();
  if (s.startsWith('{')) {
    try {
      const node = new Parser(s).parse();
      return { ok: true, match: (event) => evaluate(node, event) };
    } catch (e) {
      if (e instanceof PatternError) return { ok: false, error: e.message };
      throw e;
    }
  }
  if (s.startsWith('[')) return { ok: false, error: 'space-delimited patterns do not apply to JSON events' };
  const terms = parseTerms(s);
  return {
    ok: true,
    match: (event) => {
      const text = typeof event === 'string' ? event : JSON.stringify(event);
      return (
        terms.all.every((t) => text.includes(t)) &&
        (terms.any.length === 0 || terms.any.some((t) => text.includes(t))) &&
        !terms.none.some((t) => text.includes(t))
      );
    },
  };
}
