/**
 * Glob patterns for routing and mutes: `*` matches any run of characters (including none),
 * `?` one character; everything else is literal. Matching is case-sensitive, as ARNs and
 * resource ids are.
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    if (cache.size > 1000) cache.clear();
    cache.set(glob, re);
  }
  return re;
}

export function globMatch(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}

/** True when any pattern matches the value. */
export function anyGlob(patterns: readonly string[], value: string | undefined): boolean {
  return value !== undefined && patterns.some((p) => globMatch(p, value));
}
