/**
 * Glob patterns for check ids, routing, mutes, project ids and log filter values: `*` matches
 * any run of characters (none included), `?` one character unless the caller's syntax keeps
 * it literal; everything else is literal. Matching is case-sensitive, as ARNs and ids are.
 */
export interface GlobOptions {
  /** false: `?` is a literal character (GCP project filters, CloudWatch filter patterns) */
  questionMark?: boolean;
}

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string, opts: GlobOptions = {}): RegExp {
  const question = opts.questionMark !== false;
  const key = `${question ? '?' : '-'}${glob}`;
  let re = cache.get(key);
  if (!re) {
    const body = glob
      .replace(question ? /[.+^${}()|[\]\\]/g : /[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(question ? /\?/g : /(?!)/g, '.');
    re = new RegExp(`^${body}$`, 's');
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

export function globMatch(glob: string, value: string, opts?: GlobOptions): boolean {
  return globToRegExp(glob, opts).test(value);
}

/** True when any pattern matches the value. */
export function anyGlob(patterns: readonly string[], value: string | undefined): boolean {
  return value !== undefined && patterns.some((p) => globMatch(p, value));
}
