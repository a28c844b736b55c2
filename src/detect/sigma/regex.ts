/** Regular expressions of the `re` modifier: Sigma's PCRE flavour mapped onto JavaScript RegExp. */
import { SigmaRuleError } from './types.js';

/**
 * An unanchored search for `.+X` holds exactly when `.X` does (and `.*X` when `X` does), but V8 backtracks
 * over every start position for the former: drop such leading and trailing runs. Patterns with an
 * alternation are left alone, since the run belongs to one branch only.
 */
export function simplifyUnanchored(source: string): string {
  if (source.includes('|')) return source;
  return source
    .replace(/^\.\*\??(?![*+?{])/, '')
    .replace(/^\.\+\??(?![*+?{])/, '.')
    .replace(/(?<!\\)\.\*\??$/, '')
    .replace(/(?<!\\)\.\+\??$/, '.');
}

export function compileRegex(pattern: string, flags: string): RegExp {
  let source = pattern;
  let allFlags = flags;
  // Leading inline flags such as (?i) are common in Sigma (PCRE); JavaScript takes them as flags.
  const inline = /^\(\?([ims]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (!allFlags.includes(f)) allFlags += f;
  }
  source = simplifyUnanchored(source.replace(/\(\?P</g, '(?<'));
  try {
    return new RegExp(source, allFlags);
  } catch (e) {
    throw new SigmaRuleError(
      `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`,
    );
  }
}
