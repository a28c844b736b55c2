import { api } from '../api.js';
import { showError } from '../banner.js';
import { barChart, type Datum, lineChart, numberChart, pieChart, tableChart } from '../charts.js';
import { empty, fmtTime, h, link, mount } from '../dom.js';
import { accountLabel } from '../labels.js';
import type { PageContext } from '../main.js';
import type {
  ChartType,
  Dashboard,
  DashboardInput,
  QueryAnswer,
  QuerySource,
  Widget,
  WidgetQuery,
} from '../types.js';

const GROUPS: Record<QuerySource, string[]> = {
  findings: ['severity', 'state', 'cloud', 'account', 'service', 'check', 'region'],
  trend: ['scan'],
  activity: ['actor', 'source_ip', 'country', 'action', 'day'],
  inventory: ['type', 'cloud', 'account', 'region'],
};
const CHARTS: ChartType[] = ['bar', 'pie', 'line', 'table', 'number'];

const STARTER: Omit<Widget, 'id'>[] = [
  {
    title: 'Live findings by severity',
    chart: 'bar',
    width: 1,
    query: { source: 'findings', group_by: 'severity' },
  },
  {
    title: 'Live findings by cloud',
    chart: 'pie',
    width: 1,
    query: { source: 'findings', group_by: 'cloud' },
  },
  {
    title: 'Critical and high',
    chart: 'number',
    width: 1,
    query: { source: 'findings', group_by: 'severity', filter: { severities: ['critical', 'high'] } },
  },
  {
    title: 'Live findings across scans',
    chart: 'line',
    width: 2,
    query: { source: 'trend', group_by: 'scan', limit: 30 },
  },
  { title: 'Resources by type', chart: 'table', width: 1, query: { source: 'inventory', group_by: 'type' } },
];

function chartOf(w: Widget, rows: Datum[]): Node {
  const kinds = w.query.group_by === 'severity' || w.query.group_by === 'state';
  const named = rows.map((r) => (r.label ? { ...r, label: accountLabel(r.key, r.label) } : r));
  const data = kinds ? named.map((r) => ({ ...r, kind: r.key })) : named;
  switch (w.chart) {
    case 'bar':
      return barChart(data);
    case 'pie':
      return pieChart(data);
    case 'line':
      return lineChart(data);
    case 'number':
      return numberChart(data, w.query.source === 'trend' ? 'sum over scans' : 'total');
    case 'table':
      return tableChart(data, [w.query.group_by ?? '', 'count']);
  }
}

function widgetCard(
  w: Widget,
  index: number,
  editing: boolean,
  onChange: (op: 'left' | 'right' | 'remove' | 'width', v?: number) => void,
): HTMLElement {
  const body = h('div', { class: 'widget-body' }, h('p', { class: 'muted' }, 'Loading…'));
  api
    .post<QueryAnswer>('/api/query', w.query)
    .then((a) => mount(body, chartOf(w, a.rows)))
    .catch((err: unknown) =>
      mount(body, h('p', { class: 'error' }, err instanceof Error ? err.message : String(err))),
    );
  return h(
    'article',
    { class: `card widget w${w.width}`, 'data-widget': String(index) },
    h('h2', null, w.title),
    h(
      'p',
      { class: 'muted small' },
      `${w.query.source}${w.query.group_by ? ` by ${w.query.group_by}` : ''} · ${w.chart}`,
    ),
    body,
    editing
      ? h(
          'div',
          { class: 'widget-tools' },
          h('button', { type: 'button', title: 'move left', on: { click: () => onChange('left') } }, '←'),
          h('button', { type: 'button', title: 'move right', on: { click: () => onChange('right') } }, '→'),
          h(
            'select',
            {
              'aria-label': 'width',
              on: { change: (e) => onChange('width', Number((e.target as HTMLSelectElement).value)) },
            },
            [1, 2, 3].map((n) =>
              h('option', { value: n, selected: n === w.width }, `${n} column${n > 1 ? 's' : ''}`),
            ),
          ),
          h('button', { type: 'button', class: 'danger', on: { click: () => onChange('remove') } }, 'Remove'),
        )
      : null,
  );
}

function addWidgetForm(onAdd: (w: Omit<Widget, 'id'>) => void): HTMLElement {
  const title = h('input', { name: 'title', required: true, maxlength: 200, placeholder: 'widget title' });
  const source = h(
    'select',
    { name: 'source' },
    (Object.keys(GROUPS) as QuerySource[]).map((s) => h('option', { value: s }, s)),
  );
  const group = h('select', { name: 'group_by' });
  const chart = h(
    'select',
    { name: 'chart' },
    CHARTS.map((c) => h('option', { value: c }, c)),
  );
  const severity = h(
    'select',
    { name: 'severity' },
    ['', 'critical', 'high', 'medium', 'low', 'info'].map((s) =>
      h('option', { value: s }, s || 'any severity'),
    ),
  );
  const fillGroups = () =>
    mount(
      group,
      (GROUPS[source.value as QuerySource] ?? []).map((g) => h('option', { value: g }, g)),
    );
  fillGroups();
  source.addEventListener('change', fillGroups);
  return h(
    'form',
    {
      class: 'filters add-widget',
      on: {
        submit: (e) => {
          e.preventDefault();
          const query: WidgetQuery = { source: source.value as QuerySource, group_by: group.value };
          if (severity.value && query.source === 'findings')
            query.filter = { severities: [severity.value as 'high'] };
          onAdd({
            title: title.value.trim() || `${query.source} by ${query.group_by}`,
            chart: chart.value as ChartType,
            width: 1,
            query,
          });
          title.value = '';
        },
      },
    },
    h('label', null, h('span', null, 'Title'), title),
    h('label', null, h('span', null, 'Data'), source),
    h('label', null, h('span', null, 'Group by'), group),
    h('label', null, h('span', null, 'Severity'), severity),
    h('label', null, h('span', null, 'Chart'), chart),
    h('button', { type: 'submit' }, 'Add widget'),
  );
}

const portable = (d: Dashboard): DashboardInput => ({
  name: d.name,
  description: d.description,
  widgets: d.widgets,
});

async function one(id: string, ctx: PageContext): Promise<Node> {
  const saved = await api.get<Dashboard>(`/api/dashboards/${encodeURIComponent(id)}`);
  const editing = ctx.query.get('edit') === '1';
  let draft: Dashboard = structuredClone(saved);
  let dirty = false;
  const grid = h('div', { class: 'grid widgets', id: 'widgets' });
  const status = h('span', { class: 'muted', id: 'save-status' });
  const draw = () => {
    mount(
      grid,
      draft.widgets.length === 0 ? empty('No widget yet.', editing ? 'Add one below.' : '') : null,
      draft.widgets.map((w, i) =>
        widgetCard(w, i, editing, (op, v) => {
          const ws = [...draft.widgets];
          if (op === 'remove') ws.splice(i, 1);
          if (op === 'left' && i > 0) [ws[i - 1], ws[i]] = [ws[i]!, ws[i - 1]!];
          if (op === 'right' && i < ws.length - 1) [ws[i + 1], ws[i]] = [ws[i]!, ws[i + 1]!];
          if (op === 'width' && (v === 1 || v === 2 || v === 3)) ws[i] = { ...w, width: v };
          draft = { ...draft, widgets: ws };
          dirty = true;
          status.textContent = 'unsaved changes';
          draw();
        }),
      ),
    );
  };
  draw();
  const save = async () => {
    try {
      draft = await api.put<Dashboard>(`/api/dashboards/${encodeURIComponent(id)}`, portable(draft));
      dirty = false;
      status.textContent = `saved ${fmtTime(draft.updated_at)}`;
    } catch (err) {
      showError(err);
    }
  };
  const shareUrl = `${location.origin}/#/dashboards/${encodeURIComponent(id)}`;
  const exportHref = URL.createObjectURL(
    new Blob([JSON.stringify(portable(saved), null, 2)], { type: 'application/json' }),
  );
  return h(
    'section',
    null,
    h('p', null, link('#/dashboards', '← Dashboards')),
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, saved.name),
      saved.description ? h('p', { class: 'muted' }, saved.description) : null,
    ),
    h(
      'div',
      { class: 'toolbar' },
      editing
        ? [
            h('button', { type: 'button', id: 'save', on: { click: () => void save() } }, 'Save'),
            h(
              'a',
              {
                class: 'button subtle',
                href: `#/dashboards/${encodeURIComponent(id)}`,
                on: {
                  click: (e) => {
                    if (dirty && !confirm('Discard unsaved changes?')) e.preventDefault();
                  },
                },
              },
              'Done',
            ),
          ]
        : h(
            'a',
            { class: 'button', href: `#/dashboards/${encodeURIComponent(id)}?edit=1`, id: 'edit' },
            'Arrange',
          ),
      h(
        'label',
        { class: 'share' },
        h('span', null, 'Share link'),
        h('input', {
          readonly: true,
          value: shareUrl,
          'aria-label': 'share link',
          on: { focus: (e) => (e.target as HTMLInputElement).select() },
        }),
      ),
      h(
        'a',
        {
          class: 'button subtle',
          href: exportHref,
          download: `${saved.name.replace(/[^\w.-]+/g, '_')}.dashboard.json`,
        },
        'Export JSON',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          on: {
            click: async () => {
              if (!confirm(`Delete the dashboard "${saved.name}"?`)) return;
              try {
                await api.del(`/api/dashboards/${encodeURIComponent(id)}`);
                location.hash = '#/dashboards';
              } catch (err) {
                showError(err);
              }
            },
          },
        },
        'Delete',
      ),
      status,
    ),
    grid,
    editing
      ? addWidgetForm((w) => {
          draft = { ...draft, widgets: [...draft.widgets, { ...w, id: crypto.randomUUID() }] };
          dirty = true;
          status.textContent = 'unsaved changes';
          draw();
        })
      : null,
  );
}

async function list(): Promise<Node> {
  const { dashboards } = await api.get<{ dashboards: Dashboard[] }>('/api/dashboards');
  const name = h('input', { name: 'name', required: true, maxlength: 200, placeholder: 'dashboard name' });
  const file = h('input', {
    type: 'file',
    accept: 'application/json,.json',
    'aria-label': 'import a dashboard',
  });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    try {
      const d = await api.post<Dashboard>('/api/dashboards', JSON.parse(await f.text()) as unknown);
      location.hash = `#/dashboards/${encodeURIComponent(d.id)}`;
    } catch (err) {
      showError(err);
    }
  });
  return h(
    'section',
    null,
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Dashboards'),
      h(
        'p',
        { class: 'muted' },
        'Widgets are saved queries drawn as charts. Dashboards are stored in the store and shared by link or as JSON.',
      ),
    ),
    dashboards.length === 0
      ? empty('No dashboard yet: create one below.')
      : h(
          'ul',
          { class: 'dash-list' },
          dashboards.map((d) =>
            h(
              'li',
              null,
              link(`#/dashboards/${encodeURIComponent(d.id)}`, d.name),
              h(
                'span',
                { class: 'muted' },
                ` ${d.widgets.length} widget(s) · updated ${fmtTime(d.updated_at)}`,
              ),
            ),
          ),
        ),
    h(
      'form',
      {
        class: 'filters',
        id: 'new-dashboard',
        on: {
          submit: async (e) => {
            e.preventDefault();
            try {
              const d = await api.post<Dashboard>('/api/dashboards', {
                name: name.value.trim(),
                description: '',
                widgets: STARTER.map((w) => ({ ...w, id: crypto.randomUUID() })),
              });
              location.hash = `#/dashboards/${encodeURIComponent(d.id)}?edit=1`;
            } catch (err) {
              showError(err);
            }
          },
        },
      },
      h('label', null, h('span', null, 'New dashboard'), name),
      h('button', { type: 'submit' }, 'Create'),
      h('label', null, h('span', null, 'or import JSON'), file),
    ),
  );
}

export async function dashboardsPage(ctx: PageContext): Promise<Node> {
  const id = ctx.parts[0];
  return id ? one(id, ctx) : list();
}
