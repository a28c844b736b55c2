/**
 * The HTML report's page script. It reads the JSON data block and renders only the current page
 * of findings, so the DOM stays small whatever the number of findings. All data reaches the page
 * through textContent, createTextNode and setAttribute on fixed attribute names: never as markup.
 * The build compiles it (scripts/report-client.mjs) into one script that the report inlines and
 * hashes for its Content-Security-Policy.
 */
import type { FINDING_FIELDS, HtmlData, HtmlFindingRow } from '../../src/output/html-data.js';

type Row = HtmlFindingRow;
type Framework = HtmlData['frameworks'][number];

// Positions in a finding row (HtmlFindingRow, FINDING_FIELDS in src/output/html-data.ts)
const ID = 0;
const CHECK = 1;
const SEVERITY = 2;
const STATE = 3;
const STATUS = 4;
const CLOUD = 5;
const ACCOUNT = 6;
const REGION = 7;
const SERVICE = 8;
const NAME = 9;
const REFERENCE = 10;
const DESCRIPTION = 11;
const RECOMMENDATION = 12;
const COMPLIANCE = 13;
const TAGS = 14;
const EVIDENCE = 15;
const FIRST_SEEN = 16;
const LAST_SEEN = 17;
const RECORD_TYPE = 18;
const MUTED = 19;
const EVENT = 20;
// typed as the data's field list, so the two cannot drift apart unnoticed at build time
const FIELDS: typeof FINDING_FIELDS = [
  'id',
  'check',
  'severity',
  'state',
  'status',
  'cloud',
  'account',
  'region',
  'service',
  'name',
  'reference',
  'description',
  'recommendation',
  'compliance',
  'tags',
  'evidence',
  'first_seen',
  'last_seen',
  'record_type',
  'muted',
  'event',
];

type FilterKey = 'result' | 'severity' | 'state' | 'cloud' | 'check';
type SortKey = 'severity' | 'state' | 'check' | 'resource' | 'account' | 'region' | 'last_seen';
type View = 'findings' | 'compliance' | 'scan';
type Child = Node | string | null | undefined;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the report has no element #${id}`);
  return e as T;
};

const D = JSON.parse($('cloudward-data').textContent ?? '') as HtmlData;
if (D.fields.join() !== FIELDS.join()) throw new Error('the report data has fields this page does not know');
const S = D.strings;
const rows = D.findings;
const SEV: Record<string, number> = {};
D.severities.forEach((s, i) => {
  SEV[s] = D.severities.length - i;
});
const STATES = ['new', 'regressed', 'open', 'muted', 'resolved'];
const STATUSES = ['pass', 'fail', 'error', 'manual', 'not_applicable', 'not_evaluated'];
const state = {
  result: '',
  severity: '',
  state: '',
  cloud: '',
  check: '',
  q: '',
  req: '',
  sort: 'severity' as SortKey,
  dir: -1,
  page: 0,
  size: 50,
};
// what a row stands for: a live failure, a result that could not be evaluated (never a
// finding, counted apart), or a failure since resolved
const RESULTS: [string, string][] = [
  ['failed', 'failed'],
  ['could_not_evaluate', 'could not evaluate'],
  ['resolved', 'resolved'],
];
let view: number[] = [];
let hay: string[] | null = null;

/** A pooled string. */
const s = (i: number): string => S[i] ?? '';
const checkOf = (r: Row) => D.checks[r[CHECK]] as HtmlData['checks'][number];

function verdict(r: Row): string {
  if (s(r[STATE]) === 'resolved') return 'resolved';
  return s(r[STATUS]) === 'error' ? 'could_not_evaluate' : 'failed';
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Record<string, string | number | null | undefined> | null,
  children?: Child[],
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'cls') e.className = String(v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children ?? []) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

const known = (list: readonly string[], v: string) => (list.includes(v) ? v : 'other');

function badge(kind: 'sev' | 'state' | 'status', v: string): HTMLElement {
  const list = kind === 'sev' ? D.severities : kind === 'state' ? STATES : STATUSES;
  return el('span', {
    cls: `badge ${kind}-${known(list, v)}`,
    text: kind === 'status' && v === 'error' ? 'could not evaluate' : v.replace('_', ' '),
  });
}

function count(map: Record<string, number>, k: string): void {
  map[k] = (map[k] ?? 0) + 1;
}

const fmt = (n: number | string) => Number(n).toLocaleString('en');

// ---- summary
function summary(): void {
  const bySev: Record<string, number> = {};
  const byState: Record<string, number> = {};
  const byCloud: Record<string, number> = {};
  let live = 0;
  let unevaluated = 0;
  let resolved = 0;
  for (const r of rows) {
    const v = verdict(r);
    if (v === 'could_not_evaluate') {
      unevaluated++;
      continue;
    }
    count(byState, s(r[STATE]));
    if (v === 'resolved') {
      resolved++;
      continue;
    }
    live++;
    count(bySev, s(r[SEVERITY]));
    count(byCloud, s(r[CLOUD]));
  }
  function card(
    title: string,
    map: Record<string, number>,
    order: readonly string[],
    key: FilterKey,
    kind: 'sev' | 'state' | null,
  ): HTMLElement {
    const list = el('ul');
    for (const k of order) {
      const n = map[k];
      if (!n) continue;
      const b = el('button', { type: 'button', cls: 'link', 'data-filter': key }, [
        kind ? badge(kind, k) : el('span', { text: k }),
        ' ',
        el('strong', { text: fmt(n) }),
      ]);
      b.addEventListener('click', () => {
        setFilter('result', key === 'state' && k === 'resolved' ? 'resolved' : 'failed');
        setFilter(key, k);
      });
      list.appendChild(el('li', null, [b]));
    }
    if (!list.firstChild) list.appendChild(el('li', { text: 'none' }));
    return el('div', { cls: 'card' }, [el('h3', { text: title }), list]);
  }
  function bigCard(id: string, title: string, n: number, result: string, note: string): HTMLElement {
    const b = el('button', { type: 'button', cls: 'link big', id, text: fmt(n) });
    b.addEventListener('click', () => setFilter('result', result));
    return el('div', { cls: 'card' }, [
      el('h3', { text: title }),
      b,
      note ? el('p', { cls: 'note', text: note }) : null,
    ]);
  }
  const cv = D.coverage;
  const totals = bigCard(
    'live-count',
    'Live findings (failed)',
    live,
    'failed',
    `${fmt(cv.checked)} results checked: ${fmt(cv.passed)} passed, ${fmt(cv.failed)} failed; ${fmt(cv.manual)} manual, ${fmt(cv.not_applicable)} not applicable${resolved ? `; ${fmt(resolved)} resolved` : ''}`,
  );
  const errors = bigCard(
    'unevaluated-count',
    'Could not evaluate',
    unevaluated,
    'could_not_evaluate',
    `${fmt(cv.could_not_evaluate)} results: the data could not be read, so these are neither passes nor findings`,
  );
  $('summary').replaceChildren(
    totals,
    errors,
    card('By severity (live)', bySev, D.severities, 'severity', 'sev'),
    card(
      'By state',
      byState,
      STATES.concat(Object.keys(byState).filter((k) => !STATES.includes(k))),
      'state',
      'state',
    ),
    card('By cloud (live)', byCloud, Object.keys(byCloud).sort(), 'cloud', null),
  );
}

// ---- filters
function fillSelect(id: string, values: [string, string][], label: string): void {
  const sel = $(id);
  sel.replaceChildren(el('option', { value: '', text: label }));
  for (const [value, text] of values) sel.appendChild(el('option', { value, text }));
}

function uniq(field: typeof STATE | typeof CLOUD): string[] {
  const seen = new Set<string>();
  for (const r of rows) seen.add(s(r[field]));
  return [...seen].sort();
}

const pairs = (list: string[]): [string, string][] => list.map((v) => [v, v]);

function setupFilters(): void {
  fillSelect('f-result', RESULTS, 'All results');
  fillSelect('f-severity', pairs([...D.severities]), 'All severities');
  const st = uniq(STATE);
  fillSelect(
    'f-state',
    pairs(STATES.filter((v) => st.includes(v)).concat(st.filter((v) => !STATES.includes(v)))),
    'All states',
  );
  fillSelect('f-cloud', pairs(uniq(CLOUD)), 'All clouds');
  const checks = D.checks.map((c, i): [string, string] => [String(i), `${c.title} (${c.id})`]);
  checks.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  fillSelect('f-check', checks, 'All checks');
  for (const k of ['result', 'severity', 'state', 'cloud', 'check'] as const) {
    $<HTMLSelectElement>(`f-${k}`).addEventListener('change', (e) => {
      state[k] = (e.target as HTMLSelectElement).value;
      state.page = 0;
      refresh();
    });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  $('f-search').addEventListener('input', (e) => {
    clearTimeout(timer);
    const value = (e.target as HTMLInputElement).value;
    timer = setTimeout(() => {
      state.q = value.trim().toLowerCase();
      state.page = 0;
      refresh();
    }, 150);
  });
  $('f-size').addEventListener('change', (e) => {
    state.size = Number((e.target as HTMLSelectElement).value) || 50;
    state.page = 0;
    render();
  });
  $('f-clear').addEventListener('click', () => {
    state.result = state.severity = state.state = state.cloud = state.check = state.q = state.req = '';
    for (const k of ['result', 'severity', 'state', 'cloud', 'check', 'search']) {
      $<HTMLInputElement | HTMLSelectElement>(`f-${k}`).value = '';
    }
    state.page = 0;
    refresh();
  });
  $('prev').addEventListener('click', () => {
    if (state.page > 0) {
      state.page--;
      render();
    }
  });
  $('next').addEventListener('click', () => {
    state.page++;
    render();
  });
  for (const th of document.querySelectorAll<HTMLElement>('#findings th[data-sort]')) {
    th.addEventListener('click', () => {
      const k = th.getAttribute('data-sort') as SortKey;
      if (state.sort === k) state.dir = -state.dir;
      else {
        state.sort = k;
        state.dir = k === 'severity' || k === 'last_seen' ? -1 : 1;
      }
      refresh();
    });
  }
}

function setFilter(key: FilterKey, value: string): void {
  state[key] = value;
  const sel = document.getElementById(`f-${key}`) as HTMLSelectElement | null;
  if (sel) sel.value = value;
  state.page = 0;
  show('findings');
  refresh();
}

function haystack(r: Row): string {
  const c = checkOf(r);
  const tags = r[TAGS] ?? {};
  const t = Object.keys(tags)
    .map((k) => `${k}=${tags[k]}`)
    .join(' ');
  return [r[NAME], r[REFERENCE], r[DESCRIPTION], c.id, c.title, s(r[ACCOUNT]), s(r[REGION]), r[ID], t]
    .join('\n')
    .toLowerCase();
}

function matches(r: Row, i: number): boolean {
  if (state.result && verdict(r) !== state.result) return false;
  if (state.severity && s(r[SEVERITY]) !== state.severity) return false;
  if (state.state && s(r[STATE]) !== state.state) return false;
  if (state.cloud && s(r[CLOUD]) !== state.cloud) return false;
  if (state.check && r[CHECK] !== Number(state.check)) return false;
  if (state.req && !r[COMPLIANCE].some((x) => s(x) === state.req)) return false;
  if (state.q) {
    hay ??= rows.map(haystack);
    if (!(hay[i] ?? '').includes(state.q)) return false;
  }
  return true;
}

const KEYS: Record<SortKey, (r: Row) => string | number> = {
  severity: (r) => SEV[s(r[SEVERITY])] ?? 0,
  state: (r) => s(r[STATE]),
  check: (r) => checkOf(r).title,
  resource: (r) => r[NAME],
  account: (r) => s(r[ACCOUNT]),
  region: (r) => s(r[REGION]),
  last_seen: (r) => s(r[LAST_SEEN]),
};

function refresh(): void {
  view = [];
  rows.forEach((r, i) => {
    if (matches(r, i)) view.push(i);
  });
  const key = KEYS[state.sort] ?? KEYS.severity;
  const keys: (string | number)[] = new Array(rows.length);
  for (const i of view) keys[i] = key(rows[i] as Row);
  const dir = state.dir;
  view.sort((a, b) => {
    const x = keys[a] as string | number;
    const y = keys[b] as string | number;
    return x < y ? -dir : x > y ? dir : a - b;
  });
  for (const th of document.querySelectorAll('#findings th[data-sort]')) {
    th.setAttribute(
      'aria-sort',
      th.getAttribute('data-sort') === state.sort ? (state.dir < 0 ? 'descending' : 'ascending') : 'none',
    );
  }
  const chip = $('f-req');
  if (state.req) {
    const b = el('button', { type: 'button', cls: 'chip', title: 'Remove this filter' }, [
      `Requirement ${state.req} \u00d7`,
    ]);
    b.addEventListener('click', () => {
      state.req = '';
      state.page = 0;
      refresh();
    });
    chip.replaceChildren(b);
  } else chip.replaceChildren();
  render();
}

function rowEl(i: number): HTMLElement {
  const r = rows[i] as Row;
  const c = checkOf(r);
  const tr = el('tr', { tabindex: '0', 'data-index': i }, [
    el('td', null, [badge('sev', s(r[SEVERITY]))]),
    el('td', null, [badge('state', s(r[STATE]))]),
    el('td', { title: c.id }, [
      c.title,
      verdict(r) === 'could_not_evaluate'
        ? el('span', { cls: 'badge status-error', text: 'could not evaluate' })
        : null,
    ]),
    el('td', { title: r[REFERENCE] }, [r[NAME]]),
    el('td', { text: `${s(r[CLOUD])} ${s(r[ACCOUNT])}` }),
    el('td', { text: s(r[REGION]) }),
    el('td', { cls: 'desc', text: r[DESCRIPTION] }),
  ]);
  tr.addEventListener('click', () => openDetail(i));
  tr.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') openDetail(i);
  });
  return tr;
}

function render(): void {
  const total = view.length;
  const pages = Math.max(1, Math.ceil(total / state.size));
  if (state.page >= pages) state.page = pages - 1;
  const start = state.page * state.size;
  const end = Math.min(total, start + state.size);
  const frag = document.createDocumentFragment();
  for (let k = start; k < end; k++) frag.appendChild(rowEl(view[k] as number));
  $('findings-body').replaceChildren(frag);
  $('status-line').textContent =
    total === 0
      ? 'No finding matches.'
      : `Findings ${fmt(start + 1)}\u2013${fmt(end)} of ${fmt(total)}${total !== rows.length ? ` (filtered from ${fmt(rows.length)})` : ''}`;
  $('page-label').textContent = `Page ${fmt(state.page + 1)} of ${fmt(pages)}`;
  $<HTMLButtonElement>('prev').disabled = state.page === 0;
  $<HTMLButtonElement>('next').disabled = state.page >= pages - 1;
}

// ---- detail panel
const section = (title: string, children: Child[]) =>
  el('section', null, [el('h3', { text: title }), ...children]);
const pre = (text: string) => el('pre', { text });

function dl(entries: [string, string | null | undefined][]): HTMLElement {
  const d = el('dl');
  for (const [k, v] of entries) {
    if (v === '' || v === undefined || v === null) continue;
    d.appendChild(el('dt', { text: k }));
    d.appendChild(el('dd', { text: v }));
  }
  return d;
}

function link(url: string): HTMLElement {
  if (!/^https?:\/\//i.test(url)) return el('span', { text: url });
  const a = el('a', { rel: 'noopener noreferrer', target: '_blank', text: url });
  a.href = url;
  return a;
}

function openDetail(i: number): void {
  const r = rows[i] as Row;
  const c = checkOf(r);
  const tags = r[TAGS] ?? {};
  const muted = r[MUTED];
  const ev = r[EVENT];
  const close = el('button', { type: 'button', cls: 'close', 'aria-label': 'Close', text: '\u00d7' });
  close.addEventListener('click', closeDetail);
  const parts: HTMLElement[] = [
    close,
    el('h2', { text: c.title }),
    el('p', null, [
      badge('sev', s(r[SEVERITY])),
      ' ',
      badge('state', s(r[STATE])),
      ' ',
      badge('status', s(r[STATUS])),
    ]),
    dl([
      [c.detection ? 'Rule' : 'Check', c.id],
      ['Finding id', r[ID]],
      ['Resource', r[NAME]],
      ['Reference', r[REFERENCE]],
      ['Cloud', s(r[CLOUD])],
      ['Account', s(r[ACCOUNT])],
      ['Region', s(r[REGION])],
      ['Service', s(r[SERVICE])],
      ['Finding type', s(r[RECORD_TYPE])],
      ['First seen', s(r[FIRST_SEEN])],
      ['Last seen', s(r[LAST_SEEN])],
      [
        'Muted by',
        muted
          ? `${muted.owner}${muted.expires_at ? ` until ${muted.expires_at}` : ' with no end'}: ${muted.reason}`
          : '',
      ],
    ]),
    section('Finding', [el('p', { text: r[DESCRIPTION] })]),
  ];
  if (ev) parts.push(section('Event', [dl(Object.entries(ev))]));
  const tk = Object.entries(tags);
  if (tk.length) parts.push(section('Tags', [dl(tk)]));
  if (c.description) {
    parts.push(
      section('About the check', [
        el('p', { text: c.description }),
        c.risk ? el('p', { text: c.risk }) : null,
      ]),
    );
  }
  const evidence = r[EVIDENCE];
  parts.push(
    section('Evidence', [pre(typeof evidence === 'string' ? evidence : JSON.stringify(evidence, null, 2))]),
  );
  const rem: HTMLElement[] = [el('p', { text: s(r[RECOMMENDATION]) })];
  if (c.remediation.cli) rem.push(el('h4', { text: 'Command line' }), pre(c.remediation.cli));
  if (c.remediation.iac) rem.push(el('h4', { text: 'Infrastructure as code' }), pre(c.remediation.iac));
  parts.push(section('Remediation', rem));
  const comp = r[COMPLIANCE].map((x) => {
    const ref = s(x);
    const t = D.requirementTitles[ref];
    return el('li', { text: t ? `${ref}: ${t}` : ref });
  });
  parts.push(
    section('Compliance', [
      comp.length ? el('ul', null, comp) : el('p', { text: 'Not mapped to a framework requirement.' }),
    ]),
  );
  if (c.references.length) {
    parts.push(
      section('References', [
        el(
          'ul',
          null,
          c.references.map((u) => el('li', null, [link(u)])),
        ),
      ]),
    );
  }
  const d = $('detail');
  d.replaceChildren(...parts);
  d.hidden = false;
  close.focus();
}

function closeDetail(): void {
  $('detail').hidden = true;
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') closeDetail();
});

// ---- compliance view
function frameworkArticle(fw: Framework): HTMLElement {
  const t = fw.totals;
  const head = el('div', { cls: 'fw-head' }, [
    el('h2', { text: `${fw.name} ${fw.version}` }),
    el('p', {
      text: `Coverage ${fw.coverage}% of the automatable requirements evaluated. ${t.pass} pass, ${t.fail} fail, ${t.error} could not evaluate (data unreadable), ${t.manual} manual, ${t.not_applicable} not applicable, ${t.not_evaluated} not evaluated.`,
    }),
  ]);
  const bar = el('div');
  bar.style.width = `${Math.max(0, Math.min(100, fw.coverage))}%`;
  const meter = el('div', { cls: 'meter', role: 'img', 'aria-label': `coverage ${fw.coverage}%` }, [bar]);
  const secs = fw.sections.map((sec) => {
    const reqs = fw.requirements.filter((r) => r.section === sec.id);
    if (!reqs.length) return null;
    const tb = el(
      'tbody',
      null,
      reqs.map((r) => {
        const ref = `${fw.id}:${r.id}`;
        const n = (k: string) => r.counts[k] ?? 0;
        const tr = el('tr', null, [
          el('td', { text: r.id }),
          el('td', { text: r.title }),
          el('td', null, [badge('status', r.status)]),
          el('td', { cls: 'num', text: r.counts.pass }),
          el('td', { cls: 'num', text: r.counts.fail }),
          el('td', { cls: 'num', text: r.counts.error }),
          el('td', { cls: 'num', text: r.counts.not_applicable }),
        ]);
        if (n('fail') + n('error') > 0) {
          tr.className = 'clickable';
          tr.title = 'Show the findings of this requirement';
          tr.addEventListener('click', () => {
            state.req = ref;
            setFilter('check', '');
          });
        }
        return tr;
      }),
    );
    const thead = el('thead', null, [
      el(
        'tr',
        null,
        ['Id', 'Requirement', 'Status', 'Pass', 'Fail', 'Could not evaluate', 'N/A'].map((h) =>
          el('th', { text: h }),
        ),
      ),
    ]);
    return el('section', null, [
      el('h3', { text: `${sec.id} ${sec.title}` }),
      el('table', { cls: 'req' }, [thead, tb]),
    ]);
  });
  return el('article', { cls: 'framework' }, [head, meter, ...secs]);
}

function compliance(): void {
  const box = $('view-compliance');
  if (!D.frameworks.length) {
    box.replaceChildren(el('p', { text: 'No framework was evaluated in this scan.' }));
    return;
  }
  box.replaceChildren(...D.frameworks.map(frameworkArticle));
}

// ---- scan view
function scanView(): void {
  const box = $('view-scan');
  const sc = D.scan;
  if (!sc) {
    box.replaceChildren(el('p', { text: 'No scan information.' }));
    return;
  }
  const r = sc.counts.results;
  const parts: HTMLElement[] = [
    dl([
      ['Scan', sc.id],
      ['Audit', sc.audit_key],
      ['Label', sc.label || ''],
      ['Started', sc.started_at],
      ['Finished', sc.finished_at || ''],
      ['Status', sc.status],
      ['Resources', fmt(sc.counts.resources)],
      [
        'Results',
        `${r.pass} pass, ${r.fail} fail, ${r.error} could not evaluate, ${r.manual} manual, ${r.not_applicable} not applicable`,
      ],
      [
        'Re-checks',
        sc.rechecks ? `${sc.rechecks.count} applied, the latest started ${sc.rechecks.last_started_at}` : '',
      ],
    ]),
  ];
  parts.push(el('h3', { text: `Collection errors (${sc.errors.length})` }));
  if (sc.errors.length) {
    parts.push(
      el('table', null, [
        el('thead', null, [
          el(
            'tr',
            null,
            ['Cloud', 'Account', 'Region', 'Source', 'Error'].map((h) => el('th', { text: h })),
          ),
        ]),
        el(
          'tbody',
          null,
          sc.errors.map((e) =>
            el(
              'tr',
              null,
              [e.cloud, e.account, e.region, e.source, e.message].map((v) => el('td', { text: v })),
            ),
          ),
        ),
      ]),
    );
  } else parts.push(el('p', { text: 'Every collector answered.' }));
  box.replaceChildren(...parts);
}

// ---- tabs
const VIEWS: View[] = ['findings', 'compliance', 'scan'];

function show(name: View): void {
  for (const n of VIEWS) {
    $(`view-${n}`).hidden = n !== name;
    $(`tab-${n}`).setAttribute('aria-selected', n === name ? 'true' : 'false');
  }
}

for (const n of VIEWS) $(`tab-${n}`).addEventListener('click', () => show(n));

const sc = D.scan;
$('scan-info').textContent = `${
  sc
    ? `Scan ${sc.id} of audit ${sc.audit_key}${sc.label ? ` (${sc.label})` : ''}, started ${sc.started_at}${
        sc.rechecks
          ? `, with ${sc.rechecks.count} re-check(s) of single resources applied (the latest started ${sc.rechecks.last_started_at})`
          : ''
      }. `
    : ''
}Generated ${D.generated} by ${D.tool.name} ${D.tool.version}.`;
summary();
setupFilters();
compliance();
scanView();
refresh();
document.body.setAttribute('data-ready', 'true');
