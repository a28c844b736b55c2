import { api } from '../api.js';
import { empty, fmtTime, h, route, s } from '../dom.js';
import type { PageContext } from '../main.js';
import type { AccountPosture, AccountsAnswer, PostureNode } from '../types.js';

/*
 * Posture by organisation, unit and account: the clouds' hierarchies as an expandable tree with
 * each level's live findings summed, and every account in a table ranked by live critical then
 * high findings. A level's filter (?org=, ?unit=, ?account=, ?cloud=) carries into Findings.
 */

const PAGE = 50;
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const LEVEL_PARAMS = ['audit', 'org', 'unit', 'account', 'cloud'] as const;
const KIND_LABEL: Record<string, string> = {
  organization: 'organisation',
  organizational_unit: 'OU',
  management_group: 'management group',
  folder: 'folder',
};

type SortKey = 'rank' | 'name' | 'cloud' | 'live' | 'failing_checks' | 'resources' | 'last_scanned';
const COLUMNS: [string, SortKey | null][] = [
  ['#', 'rank'],
  ['account', 'name'],
  ['cloud', 'cloud'],
  ['place', null],
  ['critical', null],
  ['high', null],
  ['medium', null],
  ['low', null],
  ['live', 'live'],
  ['failing checks', 'failing_checks'],
  ['resources', 'resources'],
  ['last scanned', 'last_scanned'],
];

function levelParams(q: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of LEVEL_PARAMS) {
    const v = q.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** The Findings page of a level (its live findings, the levels under it included). */
function findingsOf(audit: string | null, level: Record<string, string>): string {
  return route('/findings', { audit: audit ?? undefined, ...level });
}

function nodeLevel(n: PostureNode): Record<string, string> {
  return n.kind === 'organization' ? { org: n.id } : { unit: n.id };
}

/** A stacked bar of live findings by severity, scaled to `max`. */
function severityBar(findings: Record<string, number>, max: number): SVGSVGElement {
  let x = 0;
  const marks = SEVERITIES.flatMap((sev) => {
    const n = findings[sev] ?? 0;
    if (n === 0) return [];
    const width = (n / Math.max(max, 1)) * 100;
    const rect = s(
      'rect',
      { class: `mark kind-${sev}`, x, y: 0, height: 10, width },
      s('title', null, `${n} ${sev}`),
    );
    x += width;
    return [rect];
  });
  return s(
    'svg',
    { class: 'bar-svg', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    marks,
  );
}

function counts(findings: Record<string, number>): HTMLSpanElement {
  return h(
    'span',
    { class: 'sev-counts' },
    SEVERITIES.filter((sev) => (findings[sev] ?? 0) > 0).map((sev) =>
      h('span', { class: `badge badge-${sev}`, title: sev }, `${findings[sev]} ${sev}`),
    ),
  );
}

function accountRow(a: AccountPosture, audit: string | null, max: number): HTMLLIElement {
  return h(
    'li',
    { class: 'tree-account', 'data-account': a.account },
    h(
      'div',
      { class: 'tree-row' },
      h(
        'a',
        { href: findingsOf(audit, { cloud: a.cloud, account: a.account }), title: a.account },
        a.name,
        a.name !== a.account ? h('span', { class: 'muted small' }, ` ${a.account}`) : null,
      ),
      severityBar(a.findings, max),
      counts(a.findings),
    ),
  );
}

function treeNode(
  n: PostureNode,
  byKey: Map<string, AccountPosture>,
  audit: string | null,
  max: number,
  depth: number,
): HTMLLIElement {
  const label = n.name ?? n.id;
  return h(
    'li',
    { class: 'tree-level', 'data-level': n.id },
    h(
      'details',
      { open: depth < 2 },
      h(
        'summary',
        null,
        h(
          'span',
          { class: 'tree-row' },
          h(
            'span',
            null,
            label,
            h('span', { class: 'muted small' }, ` ${KIND_LABEL[n.kind] ?? n.kind}`),
            n.name && n.name !== n.id ? h('span', { class: 'muted small' }, ` ${n.id}`) : null,
            h('span', { class: 'muted small' }, ` · ${n.account_count} account(s)`),
          ),
          severityBar(n.findings, max),
          counts(n.findings),
        ),
      ),
      h(
        'div',
        { class: 'tree-links' },
        h(
          'a',
          { href: findingsOf(audit, nodeLevel(n)), class: 'level-findings' },
          `${n.live} live findings →`,
        ),
        ' · ',
        h(
          'a',
          { href: route('/accounts', { audit: audit ?? undefined, ...nodeLevel(n) }) },
          'only this level',
        ),
      ),
      h(
        'ul',
        { class: 'tree' },
        n.children.map((c) => treeNode(c, byKey, audit, max, depth + 1)),
        n.accounts.flatMap((k) => {
          const a = byKey.get(k);
          return a ? [accountRow(a, audit, max)] : [];
        }),
      ),
    ),
  );
}

function sorted(accounts: AccountPosture[], key: SortKey, order: 'asc' | 'desc'): AccountPosture[] {
  const rank = new Map(accounts.map((a, i) => [a, i]));
  const value = (a: AccountPosture): string | number =>
    key === 'rank' ? (rank.get(a) ?? 0) : key === 'name' ? a.name.toLowerCase() : (a[key] ?? '');
  const sign = order === 'asc' ? 1 : -1;
  return [...accounts].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    return (va < vb ? -1 : va > vb ? 1 : 0) * sign || (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  });
}

export async function accountsPage(ctx: PageContext): Promise<Node> {
  const level = levelParams(ctx.query);
  const filtered = Object.keys(level).some((k) => k !== 'audit');
  const [answer, all] = await Promise.all([
    api.get<AccountsAnswer>('/api/accounts', level),
    filtered ? api.get<AccountsAnswer>('/api/accounts', { audit: level.audit }) : null,
  ]);
  const audit = answer.audit;
  const byKey = new Map(answer.accounts.map((a) => [`${a.cloud}:${a.account}`, a]));
  const max = Math.max(1, ...answer.roots.map((r) => r.live), ...answer.accounts.map((a) => a.live));
  const accountMax = Math.max(1, ...answer.accounts.map((a) => a.live));

  // the level menu lists every level of the audit, however deep
  const levels: [string, string][] = [];
  const walk = (nodes: PostureNode[], depth: number) => {
    for (const n of nodes) {
      const value = n.kind === 'organization' ? `org=${n.id}` : `unit=${n.id}`;
      levels.push([value, `${'  '.repeat(depth)}${n.name ?? n.id} (${KIND_LABEL[n.kind] ?? n.kind})`]);
      walk(n.children, depth + 1);
    }
  };
  walk((all ?? answer).roots, 0);
  const chosen = level.org ? `org=${level.org}` : level.unit ? `unit=${level.unit}` : '';
  const levelMenu = h(
    'label',
    null,
    h('span', null, 'Level'),
    h(
      'select',
      {
        name: 'level',
        on: {
          change: (e) => {
            const [k, v] = (e.target as HTMLSelectElement).value.split(/=(.*)/s);
            location.hash = route('/accounts', { audit: audit ?? undefined, ...(k && v ? { [k]: v } : {}) });
          },
        },
      },
      h('option', { value: '' }, 'every level'),
      levels.map(([v, text]) => h('option', { value: v, selected: v === chosen }, text)),
    ),
  );

  const sortKey = (ctx.query.get('sort') as SortKey | null) ?? 'rank';
  const order = ctx.query.get('order') === 'desc' ? 'desc' : ctx.query.get('order') === 'asc' ? 'asc' : null;
  const effective =
    order ?? (sortKey === 'rank' || sortKey === 'name' || sortKey === 'cloud' ? 'asc' : 'desc');
  const offset = Math.max(0, Number(ctx.query.get('offset') ?? '0') || 0);
  const rows = sorted(answer.accounts, COLUMNS.some(([, k]) => k === sortKey) ? sortKey : 'rank', effective);
  const page = rows.slice(offset, offset + PAGE);
  const rankOf = new Map(answer.accounts.map((a, i) => [a, i + 1]));
  const pageRoute = (extra: Record<string, string | number | undefined>) =>
    route('/accounts', {
      ...level,
      sort: sortKey === 'rank' ? undefined : sortKey,
      order: order ?? undefined,
      ...extra,
    });
  const header = COLUMNS.map(([label, key]) => {
    if (!key) return h('th', null, label);
    const active = key === sortKey;
    const next =
      active && effective === 'asc'
        ? 'desc'
        : active
          ? 'asc'
          : key === 'rank' || key === 'name' || key === 'cloud'
            ? 'asc'
            : 'desc';
    return h(
      'th',
      { 'aria-sort': active ? (effective === 'asc' ? 'ascending' : 'descending') : 'none' },
      h(
        'a',
        { href: route('/accounts', { ...level, sort: key, order: next }) },
        label,
        active ? (effective === 'asc' ? ' ▲' : ' ▼') : '',
      ),
    );
  });
  const unplaced = answer.unplaced.flatMap((k) => {
    const a = byKey.get(k);
    return a ? [accountRow(a, audit, max)] : [];
  });
  const to = Math.min(offset + page.length, rows.length);

  return h(
    'section',
    null,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Accounts'),
      h(
        'p',
        { class: 'muted', id: 'accounts-count' },
        `${answer.totals.accounts} account(s)${filtered ? ` of ${answer.accounts_in_audit}` : ''}`,
        ` · ${answer.totals.live} live findings`,
        answer.scan ? ` · scanned ${fmtTime(answer.scan.finished_at ?? answer.scan.started_at)}` : '',
      ),
    ),
    h(
      'form',
      { class: 'filters', on: { submit: (e) => e.preventDefault() } },
      levelMenu,
      filtered
        ? [
            h(
              'a',
              { class: 'button', href: findingsOf(audit, level), id: 'filter-findings' },
              'Findings of this level',
            ),
            h(
              'a',
              { class: 'button subtle', href: route('/accounts', { audit: audit ?? undefined }) },
              'Clear',
            ),
          ]
        : null,
    ),
    answer.accounts.length === 0
      ? empty('No account matches.', h('a', { href: '#/accounts' }, 'Show every account.'))
      : [
          h(
            'article',
            { class: 'card wide' },
            h('h2', null, 'By organisation'),
            answer.roots.length === 0 && unplaced.length === 0
              ? h('p', { class: 'muted' }, 'No account has a known place in an organisation.')
              : h(
                  'ul',
                  { class: 'tree', id: 'org-tree' },
                  answer.roots.map((n) => treeNode(n, byKey, audit, max, 0)),
                  unplaced.length > 0
                    ? h(
                        'li',
                        { class: 'tree-level' },
                        h(
                          'details',
                          { open: answer.roots.length === 0 },
                          h('summary', null, `Outside a known organisation · ${unplaced.length} account(s)`),
                          h('ul', { class: 'tree' }, unplaced),
                        ),
                      )
                    : null,
                ),
          ),
          h(
            'article',
            { class: 'card wide' },
            h('h2', null, 'Accounts ranked by live critical, then high findings'),
            h(
              'table',
              { class: 'table compact', id: 'ranked-accounts' },
              h('thead', null, h('tr', null, header)),
              h(
                'tbody',
                null,
                page.map((a) =>
                  h(
                    'tr',
                    { 'data-account': a.account },
                    h('td', { class: 'num' }, String(rankOf.get(a) ?? '')),
                    h(
                      'td',
                      { title: a.account },
                      h('a', { href: findingsOf(audit, { cloud: a.cloud, account: a.account }) }, a.name),
                      a.name !== a.account ? h('div', { class: 'muted small' }, a.account) : null,
                    ),
                    h('td', null, a.cloud),
                    h('td', { class: 'small' }, a.path.map((l) => l.name ?? l.id).join(' › ') || '—'),
                    SEVERITIES.slice(0, 4).map((sev) => h('td', { class: 'num' }, String(a.findings[sev]))),
                    h('td', { class: 'num' }, String(a.live), severityBar(a.findings, accountMax)),
                    h('td', { class: 'num' }, String(a.failing_checks)),
                    h('td', { class: 'num' }, String(a.resources)),
                    h('td', { class: 'small' }, fmtTime(a.last_scanned)),
                  ),
                ),
              ),
            ),
            h(
              'nav',
              { class: 'pager', 'aria-label': 'pages' },
              offset > 0
                ? h(
                    'a',
                    { class: 'button', href: pageRoute({ offset: Math.max(0, offset - PAGE) }) },
                    '← Previous',
                  )
                : null,
              h('span', { class: 'muted' }, `${rows.length === 0 ? 0 : offset + 1}–${to} of ${rows.length}`),
              to < rows.length
                ? h('a', { class: 'button', href: pageRoute({ offset: offset + PAGE }) }, 'Next →')
                : null,
            ),
          ),
        ],
  );
}
