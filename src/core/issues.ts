/**
 * The one formatter of schema errors: validation problems in words a user can act on,
 * "IpPermissions[0].IpRanges: expected an array, got string". Zod's own messages ("Invalid input: expected array, received string") name
 * neither the field nor the value's real type in a form fit for a log line.
 */

/** The parts of a zod issue this reads (zod 4's issue union, loosely). */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  /** unrecognized_keys: the keys refused */
  keys?: readonly string[];
  /** invalid_union: the issues of each alternative */
  errors?: Issue[][];
}

/** `IpPermissions[0].IpRanges` from ['IpPermissions', 0, 'IpRanges']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A value's type as a user would name it: string, number, boolean, array, object, null. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  return typeof v;
}

const article = (words: string) =>
  words
    .split(' or ')
    .map((w) => (/^[aeiou]/.test(w) ? `an ${w}` : `a ${w}`))
    .join(' or ');

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * The most specific problem of a union: the alternative whose first issue reaches deepest
 * into the value (an array of objects with one bad field is reported at that field).
 */
function unionIssue(issue: Issue): Issue {
  let best: Issue | undefined;
  for (const alternative of issue.errors ?? []) {
    const first = alternative[0];
    if (first && (!best || first.path.length > best.path.length)) best = first;
  }
  if (best && best.path.length > 0) {
    const inner = { ...best, path: [...issue.path, ...best.path] };
    return inner.code === 'invalid_union' ? unionIssue(inner) : inner;
  }
  // every alternative refused the value itself: name what each would have taken
  const expected = (issue.errors ?? []).flatMap((alt) =>
    alt.filter((e) => e.code === 'invalid_type' && e.path.length === 0 && e.expected).map((e) => e.expected),
  );
  if (expected.length === 0) return issue;
  return {
    code: 'invalid_type',
    path: issue.path,
    message: issue.message,
    expected: [...new Set(expected)].join(' or '),
  };
}

/**
 * The path of the value an issue is about, as describeIssue names it (a union's deepest
 * alternative); for unknown keys, the first such key: for pointing at it in a file.
 */
export function issuePath(issue: Issue): PropertyKey[] {
  const i = issue.code === 'invalid_union' ? unionIssue(issue) : issue;
  if (i.code === 'unrecognized_keys' && i.keys?.length) return [...i.path, i.keys[0] as string];
  return [...i.path];
}

/** Where the validated value sits, for the issue's path to be read from there. */
export interface IssueFormat {
  /** the place the value came from, put before each path: `providers.aws`, `logs.trail` */
  at?: string;
  /** path keys of the schema's own wrapping, left out of what the user reads */
  dropPrefix?: readonly PropertyKey[];
}

/** One issue as "path: expected X, got Y" against the validated value. */
export function describeIssue(issue: Issue, input: unknown, opts: IssueFormat = {}): string {
  const i = issue.code === 'invalid_union' ? unionIssue(issue) : issue;
  const drop = opts.dropPrefix ?? [];
  const path =
    i.path.length > drop.length && drop.every((k, n) => i.path[n] === k) ? i.path.slice(drop.length) : i.path;
  const inner = formatPath(path);
  const where =
    (opts.at && inner ? `${opts.at}${inner.startsWith('[') ? '' : '.'}${inner}` : opts.at || inner) ||
    '(root)';
  const got = typeName(valueAt(input, i.path));
  if (i.code === 'invalid_type' && i.expected) {
    return `${where}: expected ${article(i.expected.replace('record', 'object'))}, got ${got}`;
  }
  // a custom check's message says what it expected ("expected a date"): add what it got
  if (i.code === 'custom' && i.message.startsWith('expected ')) return `${where}: ${i.message}, got ${got}`;
  return `${where}: ${i.message}`;
}

/** Every issue, one line each: for a list of problems shown one per line. */
export function issueLines(issues: readonly Issue[], input: unknown, opts: IssueFormat = {}): string[] {
  return issues.map((i) => describeIssue(i, input, opts));
}

/** Several issues on one line, the first `max` (default 3) spelled out. */
export function describeIssues(
  issues: readonly Issue[],
  input: unknown,
  opts: IssueFormat & { max?: number } = {},
): string {
  const max = opts.max ?? 3;
  const shown = issueLines(issues.slice(0, max), input, opts);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (and ${more} more)` : shown.join('; ');
}
