import { api } from '../api.js';
import { barChart, lineChart, pieChart } from '../charts.js';
import { badge, empty, fmtTime, h, link, route } from '../dom.js';
import { accountLabel } from '../labels.js';
import type { PageContext } from '../main.js';
import type { CountRow, Overview, TrendPoint } from '../types.js';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

function tile(label: string, value: string | number, href?: string, kind?: string): HTMLElement {
  const body = [h('strong', null, String(value)), h('span', null, label)];
  return href
    ? h('a', { class: `tile ${kind ?? ''}`, href }, body)
    : h('div', { class: `tile ${kind ?? ''}` }, body);
}

const facetLink = (facet: string, audit: string | null) => (r: CountRow) => ({
  key: r.key,
  count: r.count,
  ...(r.label ? { label: accountLabel(r.key, r.label) } : {}),
  href: route('/findings', { [facet]: r.key, audit }),
});

/** Names for the trend's scans: their labels, with the time where a label repeats or is missing. */
function trendKeys(trend: TrendPoint[]): Map<string, string> {
  const uses = new Map<string, number>();
  for (const t of trend) if (t.label) uses.set(t.label, (uses.get(t.label) ?? 0) + 1);
  return new Map(
    trend.map((t) => [
      t.scan_id,
      t.label && uses.get(t.label) === 1
        ? t.label
        : `${t.label ? `${t.label} · ` : ''}${fmtTime(t.started_at)}`,
    ]),
  );
}

export async function overviewPage(ctx: PageContext): Promise<Node> {
  const audit = ctx.query.get('audit');
  const o = await api.get<Overview>('/api/overview', { audit });
  if (!o.scan) {
    return h(
      'section',
      null,
      h('h1', null, 'Overview'),
      empty(
        'No scan in the store yet.',
        h(
          'p',
          null,
          'Run ',
          h('code', null, 'cloudward scan --demo'),
          ' (or a scan of your cloud) and reload this page.',
        ),
      ),
    );
  }
  const cov = o.coverage;
  const score = cov && cov.checked > 0 ? Math.round((cov.passed / cov.checked) * 1000) / 10 : null;
  const rechecks = o.scan.rechecks;
  const names = trendKeys(o.trend);
  const trendKey = (t: TrendPoint) => names.get(t.scan_id) ?? t.scan_id;
  const bySeverity = [...o.by_severity]
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.key) - SEVERITY_ORDER.indexOf(b.key))
    .map((r) => ({ ...facetLink('severity', o.audit)(r), kind: r.key }));
  const c = o.changes;
  const inv = c.inventory;
  const auditPicker =
    o.audits.length > 1
      ? h(
          'select',
          {
            'aria-label': 'audit',
            on: {
              change: (e) => (location.hash = route('/', { audit: (e.target as HTMLSelectElement).value })),
            },
          },
          o.audits.map((a) => h('option', { value: a, selected: a === o.audit }, a)),
        )
      : null;
  return h(
    'section',
    { class: 'overview' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, 'Overview'),
      h(
        'p',
        { class: 'muted' },
        `Audit ${o.audit ?? ''} · latest full scan ${o.scan.label ?? o.scan.id} at ${fmtTime(o.scan.started_at)}`,
        rechecks
          ? ` + ${rechecks.count} re-check${rechecks.count === 1 ? '' : 's'} (latest ${fmtTime(rechecks.last_started_at)})`
          : '',
        o.previous_scan ? ` · compared with ${o.previous_scan.label ?? o.previous_scan.id}` : '',
      ),
      auditPicker,
    ),
    h(
      'div',
      { class: 'tiles' },
      tile('live findings', o.totals.live, route('/findings', { audit: o.audit })),
      tile(
        'critical and high',
        o.totals.critical_high,
        route('/findings', { severity: 'critical,high', audit: o.audit }),
        'danger',
      ),
      tile(
        'could not evaluate',
        o.totals.could_not_evaluate,
        route('/findings', { status: 'error', audit: o.audit }),
        o.totals.could_not_evaluate > 0 ? 'warn' : undefined,
      ),
      tile('muted', o.totals.muted, route('/findings', { state: 'muted', audit: o.audit })),
      tile('resources', o.scan.counts.resources, route('/inventory')),
      tile('posture (checks passed)', score === null ? 'n/a' : `${score}%`),
    ),
    cov
      ? h(
          'p',
          { class: 'coverage muted', id: 'coverage' },
          `Coverage: ${cov.checked} results checked (${cov.passed} passed, ${cov.failed} failed), `,
          `${cov.could_not_evaluate} could not be evaluated (the data could not be read), `,
          `${cov.manual} need a manual check, ${cov.not_applicable} not applicable.`,
        )
      : null,
    h(
      'div',
      { class: 'grid' },
      h('article', { class: 'card' }, h('h2', null, 'By severity'), barChart(bySeverity)),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'By cloud'),
        pieChart(o.by_cloud.map(facetLink('cloud', o.audit))),
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'By service'),
        barChart(o.by_service.map(facetLink('service', o.audit))),
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'By account'),
        barChart(o.by_account.map(facetLink('account', o.audit))),
      ),
      h(
        'article',
        { class: 'card wide' },
        h('h2', null, 'Posture across full scans'),
        h('h3', null, 'Live findings after each scan'),
        lineChart(o.trend.map((t) => ({ key: trendKey(t), count: t.live }))),
        h('h3', null, 'Checks passed (%)'),
        lineChart(
          o.trend.filter((t) => t.score !== null).map((t) => ({ key: trendKey(t), count: t.score ?? 0 })),
          { suffix: '%', height: 120, max: 100 },
        ),
      ),
      h(
        'article',
        { class: 'card wide', id: 'changes' },
        h(
          'h2',
          null,
          rechecks ? 'What changed since the previous full scan' : 'What changed in the latest scan',
        ),
        h(
          'p',
          { class: 'change-counts' },
          ['new', 'regressed', 'resolved', 'open'].map((s) => [
            badge(s, `${c.counts[s as 'new'] ?? 0} ${s}`),
            ' ',
          ]),
        ),
        c.findings.length === 0
          ? h('p', { class: 'muted' }, 'No finding changed state.')
          : h(
              'table',
              { class: 'table' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', null, 'change'),
                  h('th', null, 'severity'),
                  h('th', null, 'finding'),
                  h('th', null, 'resource'),
                ),
              ),
              h(
                'tbody',
                null,
                c.findings.map((e) =>
                  h(
                    'tr',
                    null,
                    h('td', null, badge(e.state)),
                    h('td', null, badge(e.finding.severity)),
                    h(
                      'td',
                      null,
                      link(`#/findings/${encodeURIComponent(e.finding.finding_id)}`, e.finding.title),
                    ),
                    h('td', null, e.finding.name),
                  ),
                ),
              ),
            ),
        inv
          ? h(
              'div',
              { class: 'inventory-changes' },
              h(
                'h3',
                null,
                `Inventory: ${inv.counts.added} added, ${inv.counts.removed} removed, ${inv.counts.changed} changed`,
              ),
              h(
                'ul',
                null,
                inv.added.map((r) =>
                  h(
                    'li',
                    null,
                    badge('added'),
                    ' ',
                    link(route('/resource', { ref: r.reference }), r.name || r.reference),
                    h('span', { class: 'muted' }, ` ${r.type}`),
                  ),
                ),
                inv.removed.map((r) =>
                  h(
                    'li',
                    null,
                    badge('removed'),
                    ' ',
                    link(route('/resource', { ref: r.reference }), r.name || r.reference),
                    h('span', { class: 'muted' }, ` ${r.type}`),
                  ),
                ),
                inv.changed.map((r) =>
                  h(
                    'li',
                    null,
                    badge('changed'),
                    ' ',
                    link(route('/resource', { ref: r.reference }), r.name || r.reference),
                    h('span', { class: 'muted' }, ` ${r.type}: ${(r.paths ?? []).join(', ')}`),
                  ),
                ),
              ),
            )
          : null,
      ),
      o.scan.errors.length > 0
        ? h(
            'article',
            { class: 'card wide' },
            h('h2', null, `Collection errors (${o.scan.errors.length}): could not evaluate`),
            h(
              'p',
              { class: 'muted' },
              'Checks over data that could not be read report "error", never "pass".',
            ),
            h(
              'ul',
              { class: 'errors' },
              o.scan.errors.map((e) =>
                h(
                  'li',
                  null,
                  h('code', null, `${e.cloud}:${e.account}:${e.region} ${e.source}`),
                  ' ',
                  e.message,
                ),
              ),
            ),
          )
        : null,
    ),
  );
}
