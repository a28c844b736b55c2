/**
 * Parser for the `condition` of a Sigma detection: a tokenizer and a recursive-descent parser with the
 * precedence not > and > or, parentheses, and the quantifiers `1 of`, `any of` and `all of`.
 */
import { globMatch } from '../../core/glob.js';
import { SigmaRuleError } from './types.js';

export type ConditionNode =
  | { type: 'and'; items: ConditionNode[] }
  | { type: 'or'; items: ConditionNode[] }
  | { type: 'not'; item: ConditionNode }
  | { type: 'ref'; name: string }
  /** `pattern` is a selection name with `*` wildcards; `them` is the pattern `*`. */
  | { type: 'of'; quantifier: 'one' | 'all'; pattern: string; them: boolean };

type SymbolKind = 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'of' | 'them' | 'pipe' | 'end';
type Token = { kind: SymbolKind; pos: number } | { kind: 'word'; text: string; pos: number };

const KEYWORDS: Record<string, SymbolKind> = { and: 'and', or: 'or', not: 'not', of: 'of', them: 'them' };

export function tokenizeCondition(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(') {
      tokens.push({ kind: 'lparen', pos: i++ });
    } else if (c === ')') {
      tokens.push({ kind: 'rparen', pos: i++ });
    } else if (c === '|') {
      tokens.push({ kind: 'pipe', pos: i++ });
    } else {
      const start = i;
      while (i < text.length && !/[\s()|]/.test(text[i]!)) i++;
      const word = text.slice(start, i);
      const kw = KEYWORDS[word.toLowerCase()];
      tokens.push(kw ? { kind: kw, pos: start } : { kind: 'word', text: word, pos: start });
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

class ConditionParser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  parse(): ConditionNode {
    const node = this.parseOr();
    const t = this.peek();
    if (t.kind === 'pipe') {
      throw this.error(
        t.pos,
        'aggregation with "|" (count(), near) is the deprecated Sigma 1 syntax; use a correlation rule',
      );
    }
    if (t.kind !== 'end') throw this.error(t.pos, `unexpected ${describe(t)}`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private parseOr(): ConditionNode {
    const items = [this.parseAnd()];
    while (this.peek().kind === 'or') {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  private parseAnd(): ConditionNode {
    const items = [this.parseNot()];
    while (this.peek().kind === 'and') {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  private parseNot(): ConditionNode {
    if (this.peek().kind === 'not') {
      this.next();
      return { type: 'not', item: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionNode {
    const t = this.next();
    if (t.kind === 'lparen') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.kind !== 'rparen') throw this.error(close.pos, `expected ")" but found ${describe(close)}`);
      return inner;
    }
    if (t.kind === 'word') {
      if (this.peek().kind === 'of') return this.parseQuantifier(t.text, t.pos);
      if (t.text.toLowerCase() === 'near') throw this.error(t.pos, 'the "near" operator is not supported');
      if (/[*?]/.test(t.text)) {
        throw this.error(t.pos, `wildcard "${t.text}" is only allowed after "1 of" or "all of"`);
      }
      return { type: 'ref', name: t.text };
    }
    throw this.error(t.pos, `expected a selection name, "not" or "(" but found ${describe(t)}`);
  }

  private parseQuantifier(word: string, pos: number): ConditionNode {
    this.next(); // 'of'
    const q = word.toLowerCase();
    let quantifier: 'one' | 'all';
    if (q === '1' || q === 'any') quantifier = 'one';
    else if (q === 'all') quantifier = 'all';
    else throw this.error(pos, `unsupported quantifier "${word} of" (use "1 of", "any of" or "all of")`);
    const target = this.next();
    if (target.kind === 'them') return { type: 'of', quantifier, pattern: '*', them: true };
    if (target.kind === 'word') return { type: 'of', quantifier, pattern: target.text, them: false };
    throw this.error(target.pos, `expected a selection name or "them" after "${word} of"`);
  }

  private error(pos: number, message: string): SigmaRuleError {
    return new SigmaRuleError(`condition "${this.text}": ${message} at position ${pos + 1}`);
  }
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'end of condition';
  if (t.kind === 'word') return `"${t.text}"`;
  const symbols: Record<string, string> = { lparen: '(', rparen: ')', pipe: '|' };
  return `"${symbols[t.kind] ?? t.kind}"`;
}

export function parseCondition(text: string): ConditionNode {
  if (text.trim() === '') throw new SigmaRuleError('condition is empty');
  return new ConditionParser(text, tokenizeCondition(text)).parse();
}

/** Selection names a quantifier pattern covers; `them` skips names starting with "_" as pySigma does. */
export function expandPattern(pattern: string, them: boolean, names: readonly string[]): string[] {
  if (them) return names.filter((n) => !n.startsWith('_'));
  return names.filter((n) => globMatch(pattern, n));
}
