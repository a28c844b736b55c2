/**
 * Sigma string values: `*` matches any run of characters, `?` one character, and a backslash escapes
 * `*`, `?` or itself. A backslash before any other character is a literal backslash (so Windows paths
 * need no doubling).
 */

export const ANY = Symbol('*');
export const ONE = Symbol('?');
export type Part = string | typeof ANY | typeof ONE;

/** A parsed value: literal runs and wildcards, adjacent literals merged. */
export type SigmaString = Part[];

export function parseSigmaString(raw: string): SigmaString {
  const parts: Part[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') parts.push(lit);
    lit = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        lit += n;
        i++;
      } else {
        lit += '\\';
      }
    } else if (c === '*') {
      flush();
      if (parts[parts.length - 1] !== ANY) parts.push(ANY);
    } else if (c === '?') {
      flush();
      parts.push(ONE);
    } else {
      lit += c;
    }
  }
  flush();
  return parts;
}

/** A value with no wildcards, as a plain string. */
export function literalOf(s: SigmaString): string | undefined {
  if (s.length === 0) return '';
  if (s.length === 1 && typeof s[0] === 'string') return s[0];
  return undefined;
}

export function hasWildcards(s: SigmaString): boolean {
  return s.some((p) => typeof p !== 'string');
}

export function literal(text: string): SigmaString {
  return text === '' ? [] : [text];
}

export function withLeadingAny(s: SigmaString): SigmaString {
  return s[0] === ANY ? s : [ANY, ...s];
}

export function withTrailingAny(s: SigmaString): SigmaString {
  return s[s.length - 1] === ANY ? s : [...s, ANY];
}

export function lowerSigmaString(s: SigmaString): SigmaString {
  return s.map((p) => (typeof p === 'string' ? p.toLowerCase() : p));
}

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A predicate over an (already case-normalised) string. */
export function compileSigmaString(s: SigmaString): (value: string) => boolean {
  const lit = literalOf(s);
  if (lit !== undefined) return (v) => v === lit;
  if (s.length === 1 && s[0] === ANY) return () => true;
  if (s.length === 2 && s[0] === ANY && typeof s[1] === 'string') {
    const suffix = s[1];
    return (v) => v.endsWith(suffix);
  }
  if (s.length === 2 && typeof s[0] === 'string' && s[1] === ANY) {
    const prefix = s[0];
    return (v) => v.startsWith(prefix);
  }
  if (s.length === 3 && s[0] === ANY && typeof s[1] === 'string' && s[2] === ANY) {
    const inner = s[1];
    return (v) => v.includes(inner);
  }
  const source = s.map((p) => (p === ANY ? '.*' : p === ONE ? '.' : escapeRe(p))).join('');
  const re = new RegExp(`^${source}$`, 's');
  return (v) => re.test(v);
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
const isWordChar = (c: Part | undefined): boolean => typeof c === 'string' && /\w/.test(c);

/**
 * The `windash` variants: every dash or slash that starts a command-line flag (not preceded by a word
 * character and followed by one) in each of the five dash forms.
 */
export function windashVariants(s: SigmaString, limit = 3125): SigmaString[] {
  const chars: Part[] = [];
  for (const p of s) {
    if (typeof p === 'string') chars.push(...p);
    else chars.push(p);
  }
  const slots: number[] = [];
  chars.forEach((c, i) => {
    if (
      typeof c === 'string' &&
      DASHES.includes(c) &&
      !isWordChar(chars[i - 1]) &&
      isWordChar(chars[i + 1])
    ) {
      slots.push(i);
    }
  });
  const total = DASHES.length ** slots.length;
  if (total > limit) throw new RangeError(`windash would create ${total} variants (more than ${limit})`);
  const variants: SigmaString[] = [];
  for (let n = 0; n < total; n++) {
    const copy = [...chars];
    let k = n;
    for (const slot of slots) {
      copy[slot] = DASHES[k % DASHES.length]!;
      k = Math.floor(k / DASHES.length);
    }
    variants.push(mergeParts(copy));
  }
  return variants;
}

function mergeParts(chars: Part[]): SigmaString {
  const out: Part[] = [];
  for (const c of chars) {
    const last = out[out.length - 1];
    if (typeof c === 'string' && typeof last === 'string') out[out.length - 1] = last + c;
    else out.push(c);
  }
  return out;
}
