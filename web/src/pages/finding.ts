import { api } from '../api.js';
import { showError } from '../banner.js';
import { badge, fmtTime, h, json, link, route } from '../dom.js';
import { accountLabel } from '../labels.js';
import type { PageContext } from '../main.js';
import type { FindingDetail } from '../types.js';

function row(label: string, ...value: (Node | string)[]): HTMLElement[] {
  return [h('dt', null, label), h('dd', null, ...value)];
}

function muteForm(d: FindingDetail, ctx: PageContext): HTMLElement {
  const id = d.finding.com.finding_id;
  if (d.mute) {
    return h(
      'div',
      { class: 'mute-box', id: 'mute' },
      h(
        'p',
        null,
        badge('muted'),
        ` by ${d.mute.owner} ${d.mute.expires_at ? `until ${fmtTime(d.mute.expires_at)}` : 'with no end date'}`,
      ),
      h('p', { class: 'muted' }, `Reason: ${d.mute.reason}`),
      h(
        'button',
        {
          type: 'button',
          id: 'unmute',
          on: {
            click: async () => {
              try {
                await api.del(`/api/findings/${encodeURIComponent(id)}/mute`);
                ctx.refresh();
              } catch (err) {
                showError(err);
              }
            },
          },
        },
        'Unmute',
      ),
    );
  }
  const owner = h('input', {
    name: 'owner',
    required: true,
    maxlength: 200,
    placeholder: 'who accepts the risk',
  });
  const reason = h('textarea', {
    name: 'reason',
    required: true,
    maxlength: 2000,
    rows: 2,
    placeholder: 'why',
  });
  const days = h(
    'select',
    { name: 'expires' },
    [
      ['7', '7 days'],
      ['30', '30 days'],
      ['90', '90 days'],
      ['365', 'a year'],
      ['', 'no end date'],
    ].map(([v, t]) => h('option', { value: v, selected: v === '30' }, t)),
  );
  return h(
    'form',
    {
      class: 'mute-box',
      id: 'mute',
      on: {
        submit: async (e) => {
          e.preventDefault();
          const n = Number(days.value);
          const expires_at = days.value ? new Date(Date.now() + n * 86_400_000).toISOString() : null;
          try {
            await api.post(`/api/findings/${encodeURIComponent(id)}/mute`, {
              owner: owner.value,
              reason: reason.value,
              expires_at,
            });
            ctx.refresh();
          } catch (err) {
            showError(err);
          }
        },
      },
    },
    h('h3', null, 'Mute this finding'),
    h('label', null, h('span', null, 'Owner'), owner),
    h('label', null, h('span', null, 'Reason'), reason),
    h('label', null, h('span', null, 'For'), days),
    h('button', { type: 'submit' }, 'Mute'),
  );
}

export async function findingPage(ctx: PageContext): Promise<Node> {
  const id = ctx.parts[0] ?? '';
  const d = await api.get<FindingDetail>(`/api/findings/${encodeURIComponent(id)}`);
  const f = d.finding;
  const check = d.check;
  const res = d.resource.current;
  return h(
    'section',
    { class: 'finding' },
    h('p', null, link('#/findings', '← Findings')),
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, f.ext.check_title),
      h(
        'p',
        null,
        badge(f.com.severity),
        ' ',
        badge(d.state, d.state),
        ' ',
        h('span', { class: 'muted' }, f.com.status === 'error' ? 'could not be evaluated' : 'failed'),
      ),
    ),
    h('p', { class: 'lead' }, f.com.description),
    h(
      'div',
      { class: 'grid' },
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'Resource'),
        h(
          'dl',
          { class: 'props' },
          row('name', h('span', { class: 'resource-name' }, f.com.name)),
          row('reference', h('code', null, f.com.reference)),
          row('type', f.ext.resource_record_type),
          row('cloud', f.com.cloud_type),
          row('account', accountLabel(f.com.account, d.account_name)),
          row('region', f.com.region),
          row('service', f.com.service),
          row(
            'tags',
            Object.keys(f.com.tags ?? {}).length === 0
              ? h('span', { class: 'muted' }, 'none')
              : h(
                  'ul',
                  { class: 'tags' },
                  Object.entries(f.com.tags).map(([k, v]) =>
                    h('li', null, h('code', null, k), ' = ', h('code', null, v)),
                  ),
                ),
          ),
        ),
        h(
          'p',
          null,
          link(
            route('/resource', { ref: f.com.reference }),
            `Configuration history (${d.resource.versions} version(s))`,
          ),
        ),
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'Remediation'),
        h('p', null, check?.remediation.text ?? f.com.recommendation),
        check?.remediation.cli ? [h('h3', null, 'CLI'), h('pre', null, check.remediation.cli)] : null,
        check?.remediation.iac
          ? [h('h3', null, 'Infrastructure as code'), h('pre', null, check.remediation.iac)]
          : null,
        check ? [h('h3', null, 'Risk'), h('p', null, check.risk)] : null,
        check && check.references.length > 0
          ? [
              h('h3', null, 'References'),
              h(
                'ul',
                null,
                check.references.map((r) =>
                  h('li', null, h('a', { href: r, rel: 'noreferrer noopener', target: '_blank' }, r)),
                ),
              ),
            ]
          : null,
      ),
      h('article', { class: 'card' }, h('h2', null, 'Evidence'), json(d.evidence)),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'Compliance'),
        d.compliance.length === 0
          ? h('p', { class: 'muted' }, 'No framework maps this check.')
          : h(
              'ul',
              null,
              d.compliance.map((c) =>
                h(
                  'li',
                  null,
                  link(
                    `#/compliance/${encodeURIComponent(c.framework)}/${encodeURIComponent(c.requirement)}`,
                    `${c.framework_name ?? c.framework} ${c.requirement}`,
                  ),
                  c.title ? ` ${c.title}` : '',
                ),
              ),
            ),
      ),
      h(
        'article',
        { class: 'card' },
        h('h2', null, 'Lifecycle'),
        h(
          'dl',
          { class: 'props' },
          row('audit', d.life.audit_key),
          row('first seen', fmtTime(d.life.first_seen)),
          row('last seen', fmtTime(d.life.last_seen)),
          d.life.resolved_at ? row('resolved', fmtTime(d.life.resolved_at)) : [],
          row('finding id', h('code', null, f.com.finding_id)),
          row('check', h('code', null, f.ext.check_id)),
        ),
        h(
          'table',
          { class: 'table compact', id: 'lifecycle' },
          h(
            'thead',
            null,
            h('tr', null, h('th', null, 'when'), h('th', null, 'state'), h('th', null, 'scan')),
          ),
          h(
            'tbody',
            null,
            d.events.map((e) =>
              h(
                'tr',
                null,
                h('td', null, fmtTime(e.at)),
                h('td', null, badge(e.state)),
                h('td', null, h('code', null, e.scan_id)),
              ),
            ),
          ),
        ),
      ),
      h('article', { class: 'card' }, h('h2', null, 'Mute'), muteForm(d, ctx)),
      res
        ? h(
            'article',
            { class: 'card wide' },
            h('h2', null, 'Resource configuration (latest scan)'),
            json(res),
          )
        : null,
    ),
  );
}
