import { api } from '../api.js';
import { badge, fmtTime, h, route } from '../dom.js';
import { accountLabel } from '../labels.js';
import type { PageContext } from '../main.js';
import type { CountRow, Facet, FindingList } from '../types.js';

const PAGE = 50;
const FILTERS = [
  'audit',
  'status',
  'state',
  'severity',
  'cloud',
  'org',
  'unit',
  'account',
  'service',
  'check',
  'q',
  'sort',
  'order',
] as const;
const STATES: [string, string][] = [
  ['', 'live (new, open, regressed)'],
  ['all', 'all states'],
  ['new', 'new'],
  ['open', 'open'],
  ['regressed', 'regressed'],
  ['muted', 'muted'],
  ['resolved', 'resolved'],
];
/** A finding is a failure; a result that could not be evaluated is listed apart. */
const STATUSES: [string, string][] = [
  ['', 'failed (findings)'],
  ['error', 'could not evaluate'],
  ['all', 'both'],
];
const COLUMNS: [string, string | null][] = [
  ['severity', 'severity'],
  ['state', 'state'],
  ['finding', 'check'],
  ['resource', 'name'],
  ['cloud', 'cloud'],
  ['account', 'account'],
  ['last seen', 'last_seen'],
];

function current(q: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTERS) {
    const v = q.get(k);
    if (v) out[k] = v;
  }
  return out;
}

function go(params: Record<string, string | undefined>): void {
  location.hash = route('/findings', params);
}

function select(
  name: string,
  label: string,
  options: [string, string][],
  value: string,
  params: Record<string, string>,
) {
  return h(
    'label',
    null,
    h('span', null, label),
    h(
      'select',
      {
        name,
        on: {
          change: (e) => go({ ...params, [name]: (e.target as HTMLSelectElement).value, offset: undefined }),
        },
      },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

const facetOptions = (rows: CountRow[] | undefined, anyLabel: string): [string, string][] => [
  ['', anyLabel],
  ...(rows ?? []).map((r): [string, string] => [
    r.key,
    `${r.label ? accountLabel(r.key, r.label) : r.key || '(none)'} (${r.count})`,
  ]),
];

export async function findingsPage(ctx: PageContext): Promise<Node> {
  const params = current(ctx.query);
  const offset = Number(ctx.query.get('offset') ?? '0') || 0;
  const [list, facets] = await Promise.all([
    api.get<FindingList>('/api/findings', { ...params, limit: PAGE, offset }),
    api.get<Record<Facet, CountRow[]>>('/api/findings/facets', {
      audit: params.audit,
      state: params.state,
      status: params.status,
    }),
  ]);
  let timer: number | undefined;
  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: 'name, reference, check or message',
    value: params.q ?? '',
    'aria-label': 'search findings',
    on: {
      input: (e) => {
        window.clearTimeout(timer);
        const v = (e.target as HTMLInputElement).value;
        timer = window.setTimeout(() => go({ ...params, q: v || undefined, offset: undefined }), 300);
      },
    },
  });
  const sortBy = params.sort ?? 'severity';
  const order = params.order ?? (sortBy === 'name' || sortBy === 'check' ? 'asc' : 'desc');
  const header = COLUMNS.map(([label, key]) => {
    if (!key) return h('th', null, label);
    const active = key === sortBy;
    const next = active && order === 'desc' ? 'asc' : 'desc';
    return h(
      'th',
      { 'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : 'none' },
      h(
        'a',
        { href: route('/findings', { ...params, sort: key, order: next }) },
        label,
        active ? (order === 'asc' ? ' ▲' : ' ▼') : '',
      ),
    );
  });
  const errors = params.status === 'error';
  const noun = errors
    ? 'result(s) that could not be evaluated'
    : params.status === 'all'
      ? 'result(s)'
      : 'finding(s)';
  const from = list.total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + list.items.length, list.total);
  return h(
    'section',
    null,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, errors ? 'Could not evaluate' : 'Findings'),
      h('p', { class: 'muted', id: 'findings-count' }, `${list.total} ${noun}`),
    ),
    params.org || params.unit
      ? h(
          'p',
          { class: 'level-filter' },
          'In accounts under ',
          h('strong', null, params.org ? `organisation ${params.org}` : `level ${params.unit}`),
          ' (the levels under it included). ',
          h(
            'a',
            { href: route('/accounts', { audit: params.audit, org: params.org, unit: params.unit }) },
            'Its accounts',
          ),
          ' · ',
          h(
            'a',
            { href: route('/findings', { ...params, org: undefined, unit: undefined }) },
            'every account',
          ),
        )
      : null,
    errors
      ? h(
          'p',
          { class: 'muted' },
          'The data these checks read could not be collected (access denied, throttling, a timeout): ',
          'they were not evaluated, so they are neither passes nor findings.',
        )
      : null,
    h(
      'form',
      { class: 'filters', on: { submit: (e) => e.preventDefault() } },
      h('label', null, h('span', null, 'Search'), search),
      select('status', 'Result', STATUSES, params.status ?? '', params),
      select('state', 'State', STATES, params.state ?? '', params),
      select(
        'severity',
        'Severity',
        facetOptions(facets.severity, 'any severity'),
        params.severity ?? '',
        params,
      ),
      select('cloud', 'Cloud', facetOptions(facets.cloud, 'any cloud'), params.cloud ?? '', params),
      select('account', 'Account', facetOptions(facets.account, 'any account'), params.account ?? '', params),
      select('service', 'Service', facetOptions(facets.service, 'any service'), params.service ?? '', params),
      select('check', 'Check', facetOptions(facets.check, 'any check'), params.check ?? '', params),
      Object.keys(params).length > 0 ? h('a', { class: 'button subtle', href: '#/findings' }, 'Clear') : null,
    ),
    list.items.length === 0
      ? h('p', { class: 'empty' }, 'No finding matches these filters.')
      : h(
          'table',
          { class: 'table findings' },
          h('thead', null, h('tr', null, header)),
          h(
            'tbody',
            null,
            list.items.map((f) => {
              const href = `#/findings/${encodeURIComponent(f.finding_id)}`;
              return h(
                'tr',
                { 'data-finding': f.finding_id },
                h('td', null, badge(f.severity)),
                h('td', null, badge(f.state)),
                h(
                  'td',
                  null,
                  h('a', { href, class: 'finding-link' }, f.title),
                  f.status === 'error' ? [' ', badge('error', 'could not evaluate')] : null,
                  h('div', { class: 'muted small' }, f.message),
                ),
                h(
                  'td',
                  null,
                  h('span', { class: 'resource-name' }, f.name),
                  h('div', { class: 'muted small' }, `${f.service} · ${f.region}`),
                ),
                h('td', null, f.cloud),
                h(
                  'td',
                  { title: accountLabel(f.account, f.account_name) },
                  f.account_name ?? f.account,
                  f.account_name ? h('div', { class: 'muted small' }, f.account) : null,
                ),
                h('td', null, fmtTime(f.last_seen)),
              );
            }),
          ),
        ),
    h(
      'nav',
      { class: 'pager', 'aria-label': 'pages' },
      offset > 0
        ? h(
            'a',
            { class: 'button', href: route('/findings', { ...params, offset: Math.max(0, offset - PAGE) }) },
            '← Previous',
          )
        : null,
      h('span', { class: 'muted' }, `${from}–${to} of ${list.total}`),
      to < list.total
        ? h(
            'a',
            { class: 'button', href: route('/findings', { ...params, offset: offset + PAGE }) },
            'Next →',
          )
        : null,
    ),
  );
}
