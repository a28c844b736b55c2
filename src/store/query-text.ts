/*
 * What `cloudward query` accepts as SQL over the store, read before the database sees it: one
 * SELECT (or WITH ... SELECT, or VALUES), no statement keyword that writes or changes the
 * session, no function that reads files, runs SQL from a string or acts on the server, and
 * `$name` parameters. Strings, quoted identifiers and comments are skipped, so a word inside
 * them is never taken for code. This is the first of three guards: the query also runs on a
 * read-only connection (SQLite) or in a read-only transaction (PostgreSQL).
 */

import type { Dialect } from './query-tables.js';

/** Refused SQL: the message names what and where. */
export class QueryTextError extends Error {
  override name = 'QueryTextError';
}

/** Statement keywords that write, change the session or reach outside the store. */
const REFUSED_KEYWORDS = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'upsert',
  'replace_into',
  'truncate',
  'attach',
  'detach',
  'copy',
  'pragma',
  'vacuum',
  'reindex',
  'create',
  'drop',
  'alter',
  'grant',
  'revoke',
  'call',
  'begin',
  'commit',
  'rollback',
  'savepoint',
  'set',
  'reset',
  'lock',
  'listen',
  'notify',
  'load',
  'install',
  'execute',
  'prepare',
  'checkpoint',
  'refresh',
  'import',
]);

/** Functions and catalogs that read files, run SQL given as text, or act on the server. */
const REFUSED_NAMES = new Set([
  'load_extension',
  'readfile',
  'writefile',
  'edit',
  'fsdir',
  'zipfile',
  'fts3_tokenizer',
  'sqlite_dbpage',
  'set_config',
  'pg_authid',
  'pg_shadow',
  'pg_user_mapping',
  'pg_user_mappings',
  'txid_current',
]);
const REFUSED_PREFIXES =
  /^(?:pg_(?:read|ls|stat_file|file|terminate|cancel|reload|rotate|promote|switch|create|drop|backup|start_backup|stop_backup|advisory|try_advisory|notify|logical|replication|stat_reset|log_|import|sleep_until)|lo_|dblink|query_to_xml|cursor_to_xml|schema_to_xml|database_to_xml)/;

const FIRST_WORDS = new Set(['select', 'with', 'values']);

export interface PreparedText {
  /** the SQL to run: trailing `;` removed, parameters in the dialect's form */
  text: string;
  /** parameter names in order of their positions (PostgreSQL's $1, $2...) */
  params: string[];
}

/** Line and column (1-based) of `offset` in `sql`. */
export function lineAndColumn(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The line of `sql` holding `offset`, and a caret under it: the engines' way to show where. */
export function pointAt(sql: string, offset: number): string {
  const { line, column } = lineAndColumn(sql, offset);
  const text = sql.split('\n')[line - 1] ?? '';
  const prefix = `LINE ${line}: `;
  return `${prefix}${text}\n${' '.repeat(prefix.length + column - 1)}^`;
}

const where = (sql: string, offset: number) => {
  const { line, column } = lineAndColumn(sql, offset);
  return `line ${line}, column ${column}`;
};

const isWordStart = (c: string) => /[A-Za-z_]/.test(c);
const isWord = (c: string) => /[A-Za-z0-9_$]/.test(c);

/**
 * Checks `sql` and turns its `$name` parameters into the dialect's placeholders. Throws
 * QueryTextError naming the refused word or the unclosed quote and its position.
 */
export function prepareQueryText(sql: string, dialect: Dialect): PreparedText {
  const params: string[] = [];
  let out = '';
  let i = 0;
  let firstWord: { word: string; at: number } | undefined;
  const unclosed = (what: string, at: number): never => {
    throw new QueryTextError(`${what} opened at ${where(sql, at)} is never closed`);
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1] ?? '';
    if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      const stop = nl < 0 ? sql.length : nl;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) unclosed('a comment', i);
      out += sql.slice(i, close + 2);
      i = close + 2;
    } else if (c === "'" || c === '"' || (c === '`' && dialect === 'sqlite')) {
      // E'...' (PostgreSQL) takes backslash escapes
      const backslashes =
        c === "'" && dialect === 'postgres' && /[Ee]/.test(sql[i - 1] ?? '') && !isWord(sql[i - 2] ?? '');
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) unclosed(c === "'" ? 'a string' : 'a quoted name', i);
        if (backslashes && sql[j] === '\\') j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      if (c !== "'") checkName(sql.slice(i + 1, j).replaceAll(`${c}${c}`, c), i, false);
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '[' && dialect === 'sqlite') {
      const close = sql.indexOf(']', i);
      if (close < 0) unclosed('a quoted name', i);
      checkName(sql.slice(i + 1, close), i, false);
      out += sql.slice(i, close + 1);
      i = close + 1;
    } else if (c === '$') {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_]/.test(sql[j] as string)) j++;
      const tag = sql.slice(i + 1, j);
      if (sql[j] === '$' && dialect === 'postgres' && !/^\d/.test(tag)) {
        // a dollar-quoted string: $tag$ ... $tag$
        const delim = `$${tag}$`;
        const close = sql.indexOf(delim, j + 1);
        if (close < 0) unclosed('a dollar-quoted string', i);
        out += sql.slice(i, close + delim.length);
        i = close + delim.length;
      } else if (tag === '' || /^\d/.test(tag)) {
        throw new QueryTextError(
          `parameters are named: $name, not ${sql.slice(i, j) || '$'} (${where(sql, i)})`,
        );
      } else {
        if (!params.includes(tag)) params.push(tag);
        const placeholder = dialect === 'postgres' ? `$${params.indexOf(tag) + 1}` : `$${tag}`;
        // same length where it fits, so positions in engine errors stay those of the query
        out += placeholder.padEnd(j - i, ' ');
        i = j;
      }
    } else if (isWordStart(c) && !isWord(sql[i - 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && isWord(sql[j] as string)) j++;
      const word = sql.slice(i, j);
      firstWord ??= { word: word.toLowerCase(), at: i };
      checkName(word, i, true);
      out += word;
      i = j;
    } else if (c === ';') {
      const rest = sql.slice(i + 1).replace(/--[^\n]*|\/\*[\s\S]*?\*\/|\s|;/g, '');
      if (rest !== '')
        throw new QueryTextError(`give one statement: a second one starts after the ; at ${where(sql, i)}`);
      break;
    } else {
      out += c;
      i++;
    }
  }
  if (!firstWord) throw new QueryTextError('the query is empty');
  if (!FIRST_WORDS.has(firstWord.word))
    throw new QueryTextError(
      `only SELECT queries are allowed, not ${firstWord.word.toUpperCase()} (queries are read-only)`,
    );
  return { text: out.trimEnd(), params };

  function checkName(name: string, at: number, bare: boolean): void {
    const lower = name.toLowerCase();
    if (bare && REFUSED_KEYWORDS.has(lower))
      throw new QueryTextError(
        `queries are read-only: ${name.toUpperCase()} is not allowed (${where(sql, at)})`,
      );
    if (REFUSED_NAMES.has(lower) || REFUSED_PREFIXES.test(lower))
      throw new QueryTextError(
        `${name} is not allowed in a query: it reads files, runs SQL from text, or acts on the database server (${where(sql, at)})`,
      );
  }
}

export interface ComposedQuery {
  /** the SQL to run: the tables' definitions, then the query */
  text: string;
  /** an offset into `text` as an offset into the query (-1: inside the definitions) */
  toQueryOffset(offset: number): number;
}

const LEADING_WITH = /^((?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*)with(\s+recursive)?\b/i;

/**
 * The query with `definitions` (a `name AS (...)` list) in front: a query that has its own
 * WITH list continues ours (RECURSIVE kept), any other is prefixed with `WITH definitions`.
 */
export function composeQuery(definitions: string, query: string): ComposedQuery {
  const m = LEADING_WITH.exec(query);
  const prefix = m ? `WITH${m[2] ? ' RECURSIVE' : ''} ${definitions},\n` : `WITH ${definitions}\n`;
  const skipped = m ? m[0].length : 0;
  const text = prefix + query.slice(skipped);
  return {
    text,
    toQueryOffset: (offset) => (offset < prefix.length ? -1 : offset - prefix.length + skipped),
  };
}

/** Where a SQLite "near "x": syntax error" is in the query (its first such token), or -1. */
export function sqliteErrorOffset(message: string, query: string): number {
  const near = /near "([^"]+)"|no such (?:column|table|function): (\S+)/
    .exec(message)
    ?.slice(1)
    .find(Boolean);
  if (!near) return -1;
  const re = new RegExp(`(?<![A-Za-z0-9_])${near.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
  return re.exec(query)?.index ?? -1;
}
