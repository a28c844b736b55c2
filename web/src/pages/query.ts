import { api } from '../api.js';
import { showError } from '../banner.js';
import { empty, h, mount } from '../dom.js';
import type { PageContext } from '../main.js';

/*
 * The Query page: read-only SQL over the store's query tables, or over the `events` of an
 * activity log the server's config names (docs/query.md), with the sample and saved queries,
 * the rows as a table, and the rows as CSV or JSON to download.
 */

interface Column {
  name: string;
  type: string;
  description?: string;
}
interface Table {
  name: string;
  description: string;
  columns: Column[];
}
interface Sample {
  name: string;
  question: string;
  sql: string;
  params: Record<string, string>;
}
interface Catalog {
  timeout_ms: number;
  max_rows: number;
  tables: Table[];
  samples: Sample[];
  /** the activity logs the server may query: the kept copy, the config's log files */
  events: { sources: { id: string; label: string }[]; table: Table | null; samples: Sample[] };
}
interface Saved {
  name: string;
  sql: string;
  description: string;
  updated_at: string;
}
interface Answer {
  columns: Column[];
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
  /** files of an activity log left out, with why */
  skipped?: { file: string; reason: string }[];
}

const cellText = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** RFC 4180 CSV: a field with a quote, comma or line break is quoted, its quotes doubled. */
export function toCsv(answer: Answer): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const names = answer.columns.map((c) => c.name);
  return [
    names.map(field).join(','),
    ...answer.rows.map((r) => names.map((n) => field(cellText(r[n]))).join(',')),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}

/** The `$name` parameters of a query, outside its strings and comments, in order. */
function paramNames(sql: string): string[] {
  const code = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return [...new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string))];
}

function download(name: string, type: string, text: string): void {
  const a = h('a', { download: name, class: 'hidden' });
  // a blob URL of our own text: set directly, as h() only takes in-app and http(s) links
  a.href = URL.createObjectURL(new Blob([text], { type }));
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export async function queryPage(_ctx: PageContext): Promise<Node> {
  const [catalog, saved] = await Promise.all([
    api.get<Catalog>('/api/sql/catalog'),
    api.get<{ items: Saved[] }>('/api/sql/saved'),
  ]);
  const values = new Map<string, string>();
  /** `store`, or the id of an activity-log source */
  let source = 'store';
  const onStore = () => source === 'store';
  const samplesList = h('ul', { id: 'samples' });
  const tablesBox = h('div', { id: 'tables' });
  const sourceSelect = h(
    'select',
    { id: 'source' },
    h('option', { value: 'store' }, 'the store (findings, resources, scans…)'),
    catalog.events.sources.map((s) => h('option', { value: s.id }, `activity events: ${s.label}`)),
  );
  const sqlBox = h('textarea', {
    id: 'sql',
    rows: 8,
    spellcheck: 'false',
    'aria-label': 'SQL query',
    placeholder: 'SELECT severity, count(*) AS n FROM findings GROUP BY severity',
  });
  const paramsBox = h('div', { id: 'params', class: 'toolbar' });
  const results = h('div', { id: 'results' });
  const savedList = h('ul', { id: 'saved' });
  const nameInput = h('input', {
    id: 'save-name',
    placeholder: 'name',
    'aria-label': 'Name to save the query as',
  });
  const descInput = h('input', {
    id: 'save-description',
    placeholder: 'what it answers',
    'aria-label': 'Description',
  });

  const drawParams = () => {
    mount(
      paramsBox,
      paramNames(sqlBox.value).map((n) => {
        const input = h('input', { name: n, 'aria-label': `$${n}`, value: values.get(n) ?? '' });
        input.addEventListener('input', () => values.set(n, input.value));
        return h('label', null, `$${n} `, input);
      }),
    );
  };
  sqlBox.addEventListener('input', drawParams);

  const setSql = (sql: string, params: Record<string, string> = {}) => {
    sqlBox.value = sql;
    for (const [k, v] of Object.entries(params)) values.set(k, v);
    drawParams();
  };

  const show = (answer: Answer) => {
    const names = answer.columns.map((c) => c.name);
    mount(
      results,
      h(
        'p',
        { class: 'muted', id: 'row-count' },
        `${answer.row_count} row${answer.row_count === 1 ? '' : 's'} in ${answer.elapsed_ms} ms`,
        answer.truncated
          ? ` (the first ${answer.rows.length} shown and downloadable; the CLI gives them all)`
          : '',
        ' ',
        h(
          'button',
          {
            type: 'button',
            id: 'download-csv',
            on: { click: () => download('query.csv', 'text/csv', toCsv(answer)) },
          },
          'CSV',
        ),
        ' ',
        h(
          'button',
          {
            type: 'button',
            id: 'download-json',
            on: {
              click: () =>
                download('query.json', 'application/json', `${JSON.stringify(answer.rows, null, 2)}\n`),
            },
          },
          'JSON',
        ),
      ),
      answer.skipped?.length
        ? h(
            'ul',
            { class: 'muted small', id: 'skipped' },
            answer.skipped.map((f) => h('li', null, `skipped ${f.file}: ${f.reason}`)),
          )
        : null,
      answer.rows.length === 0
        ? empty('No rows.')
        : h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'table compact', id: 'result-table' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  names.map((n) => h('th', null, n)),
                ),
              ),
              h(
                'tbody',
                null,
                answer.rows.map((r) =>
                  h(
                    'tr',
                    null,
                    names.map((n) => h('td', null, cellText(r[n]))),
                  ),
                ),
              ),
            ),
          ),
    );
  };

  const run = async () => {
    const params: Record<string, string> = {};
    for (const n of paramNames(sqlBox.value)) params[n] = values.get(n) ?? '';
    mount(results, h('p', { class: 'muted' }, 'Running…'));
    try {
      show(await api.post<Answer>('/api/sql', { sql: sqlBox.value, params, source }));
    } catch (err) {
      mount(
        results,
        h('pre', { class: 'error', id: 'query-error' }, err instanceof Error ? err.message : String(err)),
      );
    }
  };

  const drawSaved = (items: Saved[]) => {
    mount(
      savedList,
      items.length === 0
        ? h('li', { class: 'muted' }, 'None yet: write a query, name it and save it.')
        : items.map((q) =>
            h(
              'li',
              null,
              h(
                'button',
                { type: 'button', class: 'button subtle', on: { click: () => setSql(q.sql) } },
                q.name,
              ),
              q.description ? h('span', { class: 'muted small' }, ` ${q.description}`) : null,
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'danger',
                  'aria-label': `Delete ${q.name}`,
                  on: {
                    click: async () => {
                      try {
                        await api.del(`/api/sql/saved/${encodeURIComponent(q.name)}`);
                        drawSaved((await api.get<{ items: Saved[] }>('/api/sql/saved')).items);
                      } catch (err) {
                        showError(err);
                      }
                    },
                  },
                },
                '×',
              ),
            ),
          ),
    );
  };
  drawSaved(saved.items);

  const save = async () => {
    try {
      await api.put(`/api/sql/saved/${encodeURIComponent(nameInput.value)}`, {
        sql: sqlBox.value,
        description: descInput.value,
      });
      drawSaved((await api.get<{ items: Saved[] }>('/api/sql/saved')).items);
    } catch (err) {
      showError(err);
    }
  };

  const drawSource = () => {
    const samples = onStore() ? catalog.samples : catalog.events.samples;
    const tables = onStore() ? catalog.tables : catalog.events.table ? [catalog.events.table] : [];
    sqlBox.placeholder = onStore()
      ? 'SELECT severity, count(*) AS n FROM findings GROUP BY severity'
      : 'SELECT action, count(*) AS n FROM events GROUP BY action ORDER BY n DESC';
    mount(
      samplesList,
      samples.map((s) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'button subtle',
              title: s.question,
              on: { click: () => setSql(s.sql, s.params) },
            },
            s.name,
          ),
          h('div', { class: 'muted small' }, s.question),
        ),
      ),
    );
    mount(
      tablesBox,
      tables.map((t) =>
        h(
          'details',
          null,
          h(
            'summary',
            null,
            h('strong', null, t.name),
            h('span', { class: 'muted small' }, ` ${t.description}`),
          ),
          h(
            'ul',
            { class: 'small' },
            t.columns.map((c) =>
              h('li', null, h('code', null, c.name), ` ${c.type}: ${c.description ?? ''}`),
            ),
          ),
        ),
      ),
    );
  };
  sourceSelect.addEventListener('change', () => {
    source = sourceSelect.value;
    drawSource();
  });
  drawSource();

  return h(
    'div',
    null,
    h('h1', null, 'Query'),
    h(
      'p',
      { class: 'muted' },
      `Read-only SQL over the store (${catalog.tables.map((t) => t.name).join(', ')})`,
      catalog.events.sources.length
        ? ', or over the table events of an activity log the server is configured with. '
        : '. ',
      `A query stops after ${catalog.timeout_ms / 1000} s; at most ${catalog.max_rows} rows are shown.`,
    ),
    catalog.events.sources.length
      ? h('div', { class: 'toolbar' }, h('label', null, 'Query over ', sourceSelect))
      : null,
    h(
      'div',
      { class: 'grid' },
      h(
        'article',
        { class: 'card wide' },
        sqlBox,
        paramsBox,
        h(
          'div',
          { class: 'toolbar' },
          h('button', { type: 'button', id: 'run', on: { click: () => void run() } }, 'Run'),
          nameInput,
          descInput,
          h(
            'button',
            { type: 'button', id: 'save', class: 'button subtle', on: { click: () => void save() } },
            'Save',
          ),
        ),
        results,
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'Samples'),
        samplesList,
        h('h2', null, 'Saved'),
        savedList,
      ),
      h('article', { class: 'card' }, h('h2', null, 'Tables'), tablesBox),
    ),
  );
}
