import { api } from '../api.js';
import { barChart, columnChart } from '../charts.js';
import { badge, empty, fmtTime, h, json, route } from '../dom.js';
import type { PageContext } from '../main.js';
import { worldMap } from '../map.js';
import type { ActivityAnswer, IncidentList, IncidentView } from '../types.js';

const PAGE = 50;
/** incidents listed above the detections */
const INCIDENTS = 20;

/** One incident: who, the stages reached, and its timeline of rule alerts in event order. */
function incidentRow(i: IncidentView): HTMLElement {
  return h(
    'details',
    { class: 'incident' },
    h(
      'summary',
      null,
      badge(i.severity),
      ' ',
      h('strong', null, i.principal),
      ` · ${i.stages.length ? i.stages.join(' → ') : 'no ATT&CK stage named'} · ${i.detections} detection(s) · ${fmtTime(i.first_time)} – ${fmtTime(i.last_time)}`,
    ),
    h(
      'ol',
      { class: 'timeline' },
      i.alerts.map((a) =>
        h(
          'li',
          null,
          h('span', { class: 'muted' }, fmtTime(a.first.time)),
          ' ',
          badge(a.severity),
          ' ',
          a.rule_title,
          a.count > 1 ? ` ×${a.count} (last ${fmtTime(a.last.time)})` : '',
          a.tactics[0] ? h('span', { class: 'muted' }, ` · ${a.tactics[0]}`) : null,
          a.targets.length
            ? h(
                'div',
                { class: 'muted small' },
                `on ${a.targets.join(', ')}${a.targets_truncated ? ', …' : ''}`,
              )
            : null,
        ),
      ),
      i.alerts_dropped > 0 ? h('li', { class: 'muted' }, `and ${i.alerts_dropped} more alert(s)`) : null,
    ),
    h('p', { class: 'muted small' }, `${i.cloud} ${i.account} · incident ${i.id}`),
  );
}

function incidentsCard(inc: IncidentList): Node | null {
  if (inc.items.length === 0) return null;
  return h(
    'article',
    { class: 'card wide', id: 'incidents' },
    h('h2', null, `Incidents (${inc.total})`),
    h(
      'p',
      { class: 'muted' },
      'Detections of one principal, folded: each rule once with its count, in the order they happened.',
    ),
    inc.items.map(incidentRow),
  );
}

export async function activityPage(ctx: PageContext): Promise<Node> {
  const actor = ctx.query.get('actor') ?? '';
  const ip = ctx.query.get('ip') ?? '';
  const offset = Number(ctx.query.get('offset') ?? '0') || 0;
  const [a, inc] = await Promise.all([
    api.get<ActivityAnswer>('/api/activity', { actor, ip, limit: PAGE, offset }),
    api.get<IncidentList>('/api/incidents', { principal: actor, limit: INCIDENTS }),
  ]);
  const head = h(
    'div',
    { class: 'page-head' },
    h('h1', null, 'Activity'),
    h('p', { class: 'muted' }, 'Detections from the clouds’ activity logs: who did what, from where.'),
    actor || ip
      ? h(
          'p',
          null,
          `Filtered on ${actor ? `actor ${actor}` : ''} ${ip ? `source IP ${ip}` : ''} · `,
          h('a', { href: '#/activity' }, 'clear'),
        )
      : null,
  );
  if (a.total === 0) {
    return h(
      'section',
      null,
      head,
      empty(
        'No detection yet.',
        h(
          'p',
          null,
          'Detections appear here once activity logs (CloudTrail, Activity Log, Audit Log) are watched and a rule matches.',
        ),
      ),
      worldMap([]),
    );
  }
  return h(
    'section',
    null,
    head,
    incidentsCard(inc),
    h(
      'div',
      { class: 'grid' },
      h(
        'article',
        { class: 'card wide' },
        h('h2', null, `Timeline (per ${a.bucket})`),
        columnChart(
          a.timeline.map((t) => ({
            key: t.key.slice(0, a.bucket === 'hour' ? 13 : 10).replace('T', ' '),
            count: t.count,
          })),
        ),
      ),
      h(
        'article',
        { class: 'card wide' },
        h('h2', null, 'Where the calls came from'),
        worldMap(a.map.points),
        a.map.unlocated > 0
          ? h(
              'p',
              { class: 'muted' },
              `${a.map.unlocated} call(s) from private, reserved or unknown addresses are not on the map.`,
            )
          : null,
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'Actors'),
        barChart(a.actors.map((r) => ({ ...r, href: route('/activity', { actor: r.key }) }))),
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'Source IPs'),
        barChart(
          a.source_ips.map((r) => ({
            key: `${r.key}${r.country ? ` (${r.country})` : ''}`,
            count: r.count,
            href: route('/activity', { ip: r.key }),
          })),
        ),
      ),
      h('article', { class: 'card' }, h('h2', null, 'Actions'), barChart(a.actions)),
    ),
    h(
      'table',
      { class: 'table', id: 'detections' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['time', 'severity', 'detection', 'actor', 'source IP', 'action', 'account'].map((c) =>
            h('th', null, c),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        a.items.map((d) =>
          h(
            'tr',
            null,
            h('td', null, fmtTime(d.time)),
            h('td', null, badge(d.severity)),
            h(
              'td',
              null,
              h(
                'details',
                null,
                h('summary', null, d.title),
                h('p', { class: 'muted small' }, d.rule),
                json(d.evidence),
              ),
              h('div', { class: 'muted small' }, d.message),
            ),
            h('td', null, d.actor ?? ''),
            h(
              'td',
              null,
              d.source_ip ?? '',
              d.country ? h('span', { class: 'muted' }, ` ${d.country}`) : null,
            ),
            h('td', null, d.action ?? ''),
            h('td', null, `${d.cloud} ${d.account}`),
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
            { class: 'button', href: route('/activity', { actor, ip, offset: Math.max(0, offset - PAGE) }) },
            '← Newer',
          )
        : null,
      h('span', { class: 'muted' }, `${offset + 1}–${offset + a.items.length} of ${a.total}`),
      offset + PAGE < a.total
        ? h(
            'a',
            { class: 'button', href: route('/activity', { actor, ip, offset: offset + PAGE }) },
            'Older →',
          )
        : null,
    ),
  );
}
