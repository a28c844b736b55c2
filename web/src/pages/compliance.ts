import { api } from '../api.js';
import { badge, empty, fmtTime, h, link, route } from '../dom.js';
import type { PageContext } from '../main.js';
import type { ComplianceFramework, ComplianceList, ComplianceRequirement } from '../types.js';

type Totals = ComplianceList['frameworks'][number]['totals'];
const STATUSES = ['pass', 'fail', 'error', 'manual', 'not_applicable', 'not_evaluated'] as const;

/** "error" is a requirement whose data could not be read: never a failure, and said so. */
const statusText = (s: string) => (s === 'error' ? 'could not evaluate' : s.replace('_', ' '));

function totalsBar(t: Totals): HTMLElement {
  return h(
    'p',
    { class: 'totals' },
    STATUSES.filter((s) => t[s] > 0).map((s) => [badge(s, `${t[s]} ${statusText(s)}`), ' ']),
  );
}

function scanLine(
  scan: {
    id: string;
    label: string | null;
    started_at: string;
    rechecks?: number;
    updated_at?: string | null;
  } | null,
): HTMLElement {
  return h(
    'p',
    { class: 'muted' },
    scan ? `Scan ${scan.label ?? scan.id} at ${fmtTime(scan.started_at)}` : 'No scan yet.',
    scan?.rechecks ? ` + ${scan.rechecks} re-check(s), latest ${fmtTime(scan.updated_at)}` : '',
  );
}

type Row = ComplianceRequirement['failing'][number];

function resultsTable(id: string, rows: Row[]): HTMLElement {
  return h(
    'table',
    { class: 'table', id },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['status', 'resource', 'account', 'region', 'message', ''].map((c) => h('th', null, c)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((x) =>
        h(
          'tr',
          null,
          h('td', null, badge(x.status, statusText(x.status))),
          h('td', null, link(route('/resource', { ref: x.reference }), x.resource_name || x.reference)),
          h('td', null, `${x.cloud} ${x.account}`),
          h('td', null, x.region),
          h('td', null, x.message),
          h('td', null, link(`#/findings/${encodeURIComponent(x.finding_id)}`, 'details')),
        ),
      ),
    ),
  );
}

async function list(): Promise<Node> {
  const c = await api.get<ComplianceList>('/api/compliance');
  return h(
    'section',
    null,
    h('div', { class: 'page-head' }, h('h1', null, 'Compliance'), scanLine(c.scan)),
    c.frameworks.length === 0
      ? empty('No framework is installed.')
      : h(
          'div',
          { class: 'grid' },
          c.frameworks.map((f) =>
            h(
              'article',
              { class: 'card' },
              h('h2', null, link(`#/compliance/${encodeURIComponent(f.id)}`, f.name)),
              h('p', { class: 'muted' }, `${f.id} · version ${f.version} · coverage ${f.coverage}%`),
              totalsBar(f.totals),
              h(
                'table',
                { class: 'table compact' },
                h(
                  'tbody',
                  null,
                  f.sections.map((s) =>
                    h('tr', null, h('td', null, `${s.id} ${s.title}`), h('td', null, totalsBar(s.totals))),
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}

async function framework(id: string): Promise<Node> {
  const { scan, framework: f } = await api.get<ComplianceFramework>(
    `/api/compliance/${encodeURIComponent(id)}`,
  );
  return h(
    'section',
    null,
    h('p', null, link('#/compliance', '← Compliance')),
    h('div', { class: 'page-head' }, h('h1', null, f.name), scanLine(scan)),
    f.description ? h('p', null, f.description) : null,
    h('p', null, `Coverage ${f.coverage}%: the share of automatable requirements that were evaluated.`),
    totalsBar(f.totals),
    f.sections.map((s) =>
      h(
        'article',
        { class: 'card section' },
        h('h2', null, `${s.id} ${s.title}`),
        h(
          'table',
          { class: 'table requirements' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', null, 'requirement'),
              h('th', null, 'status'),
              h('th', null, 'checks'),
              h('th', { class: 'num' }, 'failing'),
              h('th', { class: 'num' }, 'could not evaluate'),
            ),
          ),
          h(
            'tbody',
            null,
            s.requirements.map((r) =>
              h(
                'tr',
                { 'data-requirement': r.id },
                h(
                  'td',
                  null,
                  link(
                    `#/compliance/${encodeURIComponent(f.id)}/${encodeURIComponent(r.id)}`,
                    `${r.id} ${r.title}`,
                  ),
                ),
                h('td', null, badge(r.status, statusText(r.status))),
                h(
                  'td',
                  null,
                  r.checks.map((c) => h('div', null, h('code', null, c))),
                ),
                h('td', { class: 'num' }, String(r.counts.fail)),
                h('td', { class: 'num' }, String(r.counts.error)),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

async function requirement(fw: string, req: string): Promise<Node> {
  const r = await api.get<ComplianceRequirement>(
    `/api/compliance/${encodeURIComponent(fw)}/requirements/${encodeURIComponent(req)}`,
  );
  return h(
    'section',
    null,
    h('p', null, link(`#/compliance/${encodeURIComponent(fw)}`, `← ${r.framework.name}`)),
    h(
      'div',
      { class: 'page-head' },
      h('h1', null, `${r.requirement.id} ${r.requirement.title}`),
      h(
        'p',
        null,
        badge(r.requirement.status, statusText(r.requirement.status)),
        ' ',
        h(
          'span',
          { class: 'muted' },
          `section ${r.requirement.section} ${r.requirement.section_title ?? ''}`,
        ),
      ),
      scanLine(r.scan),
    ),
    r.requirement.manual
      ? h('p', null, 'This requirement is checked by hand: Cloudward does not evaluate it.')
      : null,
    h('h2', null, 'Checks'),
    h(
      'ul',
      null,
      r.checks.map((c) =>
        h(
          'li',
          null,
          link(route('/findings', { check: c.id, state: 'all' }), c.title),
          ' ',
          h('code', { class: 'muted' }, c.id),
        ),
      ),
    ),
    h('h2', null, `Failing resources (${r.failing.length}); ${r.passing} passing`),
    r.failing.length === 0
      ? h('p', { class: 'muted' }, 'Nothing fails this requirement.')
      : resultsTable('failing', r.failing),
    r.could_not_evaluate.length === 0
      ? null
      : [
          h('h2', null, `Could not evaluate (${r.could_not_evaluate.length})`),
          h('p', { class: 'muted' }, 'The data these results need could not be read: they are not failures.'),
          resultsTable('could-not-evaluate', r.could_not_evaluate),
        ],
  );
}

export async function compliancePage(ctx: PageContext): Promise<Node> {
  const [fw, req] = ctx.parts;
  if (fw && req) return requirement(fw, req);
  if (fw) return framework(fw);
  return list();
}
