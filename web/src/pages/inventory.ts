import { api } from '../api.js';
import { barChart } from '../charts.js';
import { badge, empty, fmtTime, h, json, link, route } from '../dom.js';
import { accountLabel } from '../labels.js';
import type { PageContext } from '../main.js';
import type { FieldChange, InventoryAnswer, ResourceHistoryAnswer, ResourcePage } from '../types.js';

const PAGE = 50;

export async function inventoryPage(ctx: PageContext): Promise<Node> {
  const type = ctx.query.get('type') ?? '';
  const q = ctx.query.get('q') ?? '';
  const offset = Number(ctx.query.get('offset') ?? '0') || 0;
  const [inv, page] = await Promise.all([
    api.get<InventoryAnswer>('/api/inventory'),
    api.get<ResourcePage>('/api/inventory/resources', { type, q, limit: PAGE, offset }),
  ]);
  if (!inv.scan) return h('section', null, h('h1', null, 'Inventory'), empty('No scan in the store yet.'));
  let timer: number | undefined;
  const search = h('input', {
    type: 'search',
    placeholder: 'name or reference',
    value: q,
    'aria-label': 'search resources',
    on: {
      input: (e) => {
        window.clearTimeout(timer);
        const v = (e.target as HTMLInputElement).value;
        timer = window.setTimeout(() => (location.hash = route('/inventory', { type, q: v })), 300);
      },
    },
  });
  return h(
    'section',
    null,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Inventory'),
      h(
        'p',
        { class: 'muted' },
        `${inv.total} resources in scan ${inv.scan.label ?? inv.scan.id} at ${fmtTime(inv.scan.started_at)}`,
        inv.scan.rechecks
          ? ` + ${inv.scan.rechecks} re-check(s), latest ${fmtTime(inv.scan.updated_at)}`
          : '',
      ),
    ),
    h(
      'div',
      { class: 'grid' },
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'By type'),
        barChart(
          inv.types.map((t) => ({
            key: t.type,
            count: t.count,
            href: route('/inventory', { type: t.type }),
          })),
        ),
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'By account'),
        barChart(inv.by_account.map((r) => ({ ...r, label: accountLabel(r.key, r.label) }))),
      ),
      h('article', { class: 'card' }, h('h2', null, 'By region'), barChart(inv.by_region)),
    ),
    h(
      'form',
      { class: 'filters', on: { submit: (e) => e.preventDefault() } },
      h('label', null, h('span', null, 'Search'), search),
      h(
        'label',
        null,
        h('span', null, 'Type'),
        h(
          'select',
          {
            on: {
              change: (e) =>
                (location.hash = route('/inventory', { type: (e.target as HTMLSelectElement).value, q })),
            },
          },
          h('option', { value: '' }, 'any type'),
          inv.types.map((t) =>
            h('option', { value: t.type, selected: t.type === type }, `${t.type} (${t.count})`),
          ),
        ),
      ),
    ),
    h(
      'table',
      { class: 'table', id: 'resources' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['name', 'type', 'cloud', 'account', 'region', 'tags'].map((c) => h('th', null, c)),
        ),
      ),
      h(
        'tbody',
        null,
        page.items.map((r) =>
          h(
            'tr',
            null,
            h('td', null, link(route('/resource', { ref: r.reference }), r.name || r.reference)),
            h('td', null, r.type, h('div', { class: 'muted small' }, r.common_type)),
            h('td', null, r.cloud),
            h(
              'td',
              { title: accountLabel(r.account, r.account_name) },
              r.account_name ?? r.account,
              r.account_name ? h('div', { class: 'muted small' }, r.account) : null,
            ),
            h('td', null, r.region),
            h(
              'td',
              null,
              Object.entries(r.tags).map(([k, v]) => h('span', { class: 'tag' }, `${k}=${v}`)),
            ),
          ),
        ),
      ),
    ),
    h(
      'nav',
      { class: 'pager' },
      offset > 0
        ? h(
            'a',
            { class: 'button', href: route('/inventory', { type, q, offset: Math.max(0, offset - PAGE) }) },
            '← Previous',
          )
        : null,
      h(
        'span',
        { class: 'muted' },
        `${page.total === 0 ? 0 : offset + 1}–${Math.min(offset + page.items.length, page.total)} of ${page.total}`,
      ),
      offset + PAGE < page.total
        ? h('a', { class: 'button', href: route('/inventory', { type, q, offset: offset + PAGE }) }, 'Next →')
        : null,
    ),
  );
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

function changesTable(changes: FieldChange[]): HTMLElement {
  if (changes.length === 0) return h('p', { class: 'muted' }, 'No change from the scan before.');
  return h(
    'table',
    { class: 'table compact diff' },
    h('thead', null, h('tr', null, h('th', null, 'field'), h('th', null, 'before'), h('th', null, 'after'))),
    h(
      'tbody',
      null,
      changes.map((c) =>
        h(
          'tr',
          null,
          h('td', null, h('code', null, c.path)),
          h('td', { class: 'before' }, h('code', null, show(c.before))),
          h('td', { class: 'after' }, h('code', null, show(c.after))),
        ),
      ),
    ),
  );
}

export async function resourcePage(ctx: PageContext): Promise<Node> {
  const ref = ctx.query.get('ref') ?? '';
  const hist = await api.get<ResourceHistoryAnswer>('/api/inventory/history', { ref });
  const versions = [...hist.versions].reverse();
  const latest = versions[0];
  return h(
    'section',
    { class: 'resource' },
    h('p', null, link('#/inventory', '← Inventory')),
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, hist.name || hist.reference),
      h(
        'p',
        { class: 'muted' },
        h('code', null, hist.reference),
        ` · ${hist.type} · ${hist.total_versions} version(s)`,
      ),
    ),
    h(
      'article',
      { class: 'card' },
      h('h2', null, `Findings (${hist.findings.length})`),
      hist.findings.length === 0
        ? h('p', { class: 'muted' }, 'No finding on this resource.')
        : h(
            'ul',
            null,
            hist.findings.map((f) =>
              h(
                'li',
                null,
                badge(f.severity),
                ' ',
                badge(f.state),
                ' ',
                link(`#/findings/${encodeURIComponent(f.finding_id)}`, f.title),
              ),
            ),
          ),
    ),
    h('h2', null, 'Configuration history'),
    h(
      'ol',
      { class: 'timeline', id: 'history' },
      versions.map((v) =>
        h(
          'li',
          { class: 'version' },
          h(
            'h3',
            null,
            `${v.scan_label ?? v.scan_id} · ${fmtTime(v.scan_started_at)} `,
            v.changes === null
              ? badge('new', 'first seen')
              : v.changes.length > 0
                ? badge('changed', `${v.changes.length} change(s)`)
                : badge('unchanged', 'unchanged'),
          ),
          v.changes && v.changes.length > 0 ? changesTable(v.changes) : null,
        ),
      ),
    ),
    latest
      ? h(
          'details',
          { class: 'card' },
          h('summary', null, 'Latest configuration (raw, ext, com)'),
          json(latest.record),
        )
      : null,
  );
}
