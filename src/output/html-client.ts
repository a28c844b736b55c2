/**
 * The HTML report's page script. It reads the JSON data block and renders only the current page
 * of findings, so the DOM stays small whatever the number of findings. All data reaches the page
 * through textContent, createTextNode and setAttribute on fixed attribute names: never as markup.
 * Plain ES2020 in a string, without backticks or template expressions, because it is inlined
 * (and hashed for the Content-Security-Policy) as it is.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('cloudward-data').textContent);
  var F = {};
  D.fields.forEach(function (n, i) { F[n] = i; });
  var S = D.strings;
  var rows = D.findings;
  var SEV = {};
  D.severities.forEach(function (s, i) { SEV[s] = D.severities.length - i; });
  var STATES = ['new', 'regressed', 'open', 'muted', 'resolved'];
  var state = { result: '', severity: '', state: '', cloud: '', check: '', q: '', req: '', sort: 'severity', dir: -1, page: 0, size: 50 };
  // what a row stands for: a live failure, a result that could not be evaluated (never a
  // finding, counted apart), or a failure since resolved
  var RESULTS = [['failed', 'failed'], ['could_not_evaluate', 'could not evaluate'], ['resolved', 'resolved']];
  function verdict(r) { return s(r[F.state]) === 'resolved' ? 'resolved' : s(r[F.status]) === 'error' ? 'could_not_evaluate' : 'failed'; }
  var view = [];
  var hay = null;
  var $ = function (id) { return document.getElementById(id); };

  function s(i) { return S[i]; }
  function el(tag, props, children) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === undefined || v === null) return;
        if (k === 'text') e.textContent = String(v);
        else if (k === 'cls') e.className = v;
        else e.setAttribute(k, String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }
  function known(list, v) { return list.indexOf(v) >= 0 ? v : 'other'; }
  function badge(kind, v) { return el('span', { cls: 'badge ' + kind + '-' + known(kind === 'sev' ? D.severities : kind === 'state' ? STATES : ['pass', 'fail', 'error', 'manual', 'not_applicable', 'not_evaluated'], v), text: kind === 'status' && v === 'error' ? 'could not evaluate' : v.replace('_', ' ') }); }
  function count(map, k) { map[k] = (map[k] || 0) + 1; }
  function fmt(n) { return Number(n).toLocaleString('en'); }

  // ---- summary
  function summary() {
    var bySev = {}, byState = {}, byCloud = {}, live = 0, unevaluated = 0, resolved = 0;
    rows.forEach(function (r) {
      var v = verdict(r);
      if (v === 'could_not_evaluate') { unevaluated++; return; }
      count(byState, s(r[F.state]));
      if (v === 'resolved') { resolved++; return; }
      live++;
      count(bySev, s(r[F.severity]));
      count(byCloud, s(r[F.cloud]));
    });
    var box = $('summary');
    function card(title, map, order, key, kind) {
      var list = el('ul');
      order.forEach(function (k) {
        if (!map[k]) return;
        var b = el('button', { type: 'button', cls: 'link', 'data-filter': key }, [kind ? badge(kind, k) : el('span', { text: k }), ' ', el('strong', { text: fmt(map[k]) })]);
        b.addEventListener('click', function () { setFilter('result', key === 'state' && k === 'resolved' ? 'resolved' : 'failed'); setFilter(key, k); });
        list.appendChild(el('li', null, [b]));
      });
      if (!list.firstChild) list.appendChild(el('li', { text: 'none' }));
      return el('div', { cls: 'card' }, [el('h3', { text: title }), list]);
    }
    function bigCard(id, title, n, result, note) {
      var b = el('button', { type: 'button', cls: 'link big', id: id, text: fmt(n) });
      b.addEventListener('click', function () { setFilter('result', result); });
      return el('div', { cls: 'card' }, [el('h3', { text: title }), b, note ? el('p', { cls: 'note', text: note }) : null]);
    }
    var cv = D.coverage;
    var totals = bigCard('live-count', 'Live findings (failed)', live, 'failed',
      fmt(cv.checked) + ' results checked: ' + fmt(cv.passed) + ' passed, ' + fmt(cv.failed) + ' failed; ' + fmt(cv.manual) + ' manual, ' + fmt(cv.not_applicable) + ' not applicable' + (resolved ? '; ' + fmt(resolved) + ' resolved' : ''));
    var errors = bigCard('unevaluated-count', 'Could not evaluate', unevaluated, 'could_not_evaluate',
      fmt(cv.could_not_evaluate) + ' results: the data could not be read, so these are neither passes nor findings');
    box.replaceChildren(totals, errors,
      card('By severity (live)', bySev, D.severities, 'severity', 'sev'),
      card('By state', byState, STATES.concat(Object.keys(byState).filter(function (k) { return STATES.indexOf(k) < 0; })), 'state', 'state'),
      card('By cloud (live)', byCloud, Object.keys(byCloud).sort(), 'cloud', null));
  }

  // ---- filters
  function fillSelect(id, values, label) {
    var sel = $(id);
    sel.replaceChildren(el('option', { value: '', text: label }));
    values.forEach(function (v) { sel.appendChild(el('option', { value: v[0], text: v[1] })); });
  }
  function uniq(field) {
    var seen = {};
    rows.forEach(function (r) { seen[s(r[field])] = 1; });
    return Object.keys(seen).sort();
  }
  function setupFilters() {
    fillSelect('f-result', RESULTS, 'All results');
    fillSelect('f-severity', D.severities.map(function (v) { return [v, v]; }), 'All severities');
    var st = uniq(F.state);
    fillSelect('f-state', STATES.filter(function (v) { return st.indexOf(v) >= 0; }).concat(st.filter(function (v) { return STATES.indexOf(v) < 0; })).map(function (v) { return [v, v]; }), 'All states');
    fillSelect('f-cloud', uniq(F.cloud).map(function (v) { return [v, v]; }), 'All clouds');
    var checks = D.checks.map(function (c, i) { return [String(i), c.title + ' (' + c.id + ')']; });
    checks.sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; });
    fillSelect('f-check', checks, 'All checks');
    ['result', 'severity', 'state', 'cloud', 'check'].forEach(function (k) {
      $('f-' + k).addEventListener('change', function (e) { state[k] = e.target.value; state.page = 0; refresh(); });
    });
    var timer = null;
    $('f-search').addEventListener('input', function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = e.target.value.trim().toLowerCase(); state.page = 0; refresh(); }, 150);
    });
    $('f-size').addEventListener('change', function (e) { state.size = Number(e.target.value) || 50; state.page = 0; render(); });
    $('f-clear').addEventListener('click', function () {
      state.result = state.severity = state.state = state.cloud = state.check = state.q = state.req = '';
      ['result', 'severity', 'state', 'cloud', 'check', 'search'].forEach(function (k) { $('f-' + k).value = ''; });
      state.page = 0; refresh();
    });
    $('prev').addEventListener('click', function () { if (state.page > 0) { state.page--; render(); } });
    $('next').addEventListener('click', function () { state.page++; render(); });
    document.querySelectorAll('#findings th[data-sort]').forEach(function (th) {
      th.addEventListener('click', function () {
        var k = th.getAttribute('data-sort');
        if (state.sort === k) state.dir = -state.dir; else { state.sort = k; state.dir = k === 'severity' || k === 'last_seen' ? -1 : 1; }
        refresh();
      });
    });
  }
  function setFilter(key, value) {
    state[key] = value;
    var sel = $('f-' + key);
    if (sel) sel.value = value;
    state.page = 0;
    show('findings');
    refresh();
  }
  function haystack(r) {
    var c = D.checks[r[F.check]];
    var tags = r[F.tags] || {};
    var t = Object.keys(tags).map(function (k) { return k + '=' + tags[k]; }).join(' ');
    return [r[F.name], r[F.reference], r[F.description], c.id, c.title, s(r[F.account]), s(r[F.region]), r[F.id], t].join('\n').toLowerCase();
  }
  function matches(r, i) {
    if (state.result && verdict(r) !== state.result) return false;
    if (state.severity && s(r[F.severity]) !== state.severity) return false;
    if (state.state && s(r[F.state]) !== state.state) return false;
    if (state.cloud && s(r[F.cloud]) !== state.cloud) return false;
    if (state.check && r[F.check] !== Number(state.check)) return false;
    if (state.req && !r[F.compliance].some(function (x) { return s(x) === state.req; })) return false;
    if (state.q) {
      if (!hay) hay = rows.map(haystack);
      if (hay[i].indexOf(state.q) < 0) return false;
    }
    return true;
  }
  var KEYS = {
    severity: function (r) { return SEV[s(r[F.severity])] || 0; },
    state: function (r) { return s(r[F.state]); },
    check: function (r) { return D.checks[r[F.check]].title; },
    resource: function (r) { return r[F.name]; },
    account: function (r) { return s(r[F.account]); },
    region: function (r) { return s(r[F.region]); },
    last_seen: function (r) { return s(r[F.last_seen]); },
  };
  function refresh() {
    view = [];
    for (var i = 0; i < rows.length; i++) if (matches(rows[i], i)) view.push(i);
    var key = KEYS[state.sort] || KEYS.severity;
    var keys = new Array(rows.length);
    view.forEach(function (i) { keys[i] = key(rows[i]); });
    var dir = state.dir;
    view.sort(function (a, b) { var x = keys[a], y = keys[b]; return x < y ? -dir : x > y ? dir : a - b; });
    document.querySelectorAll('#findings th[data-sort]').forEach(function (th) {
      th.setAttribute('aria-sort', th.getAttribute('data-sort') === state.sort ? (state.dir < 0 ? 'descending' : 'ascending') : 'none');
    });
    var chip = $('f-req');
    if (state.req) {
      var b = el('button', { type: 'button', cls: 'chip', title: 'Remove this filter' }, ['Requirement ' + state.req + ' \u00d7']);
      b.addEventListener('click', function () { state.req = ''; state.page = 0; refresh(); });
      chip.replaceChildren(b);
    } else chip.replaceChildren();
    render();
  }
  function rowEl(i) {
    var r = rows[i];
    var c = D.checks[r[F.check]];
    var tr = el('tr', { tabindex: '0', 'data-index': i }, [
      el('td', null, [badge('sev', s(r[F.severity]))]),
      el('td', null, [badge('state', s(r[F.state]))]),
      el('td', { title: c.id }, [c.title, verdict(r) === 'could_not_evaluate' ? el('span', { cls: 'badge status-error', text: 'could not evaluate' }) : null]),
      el('td', { title: r[F.reference] }, [r[F.name]]),
      el('td', { text: s(r[F.cloud]) + ' ' + s(r[F.account]) }),
      el('td', { text: s(r[F.region]) }),
      el('td', { cls: 'desc', text: r[F.description] }),
    ]);
    tr.addEventListener('click', function () { openDetail(i); });
    tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') openDetail(i); });
    return tr;
  }
  function render() {
    var total = view.length;
    var pages = Math.max(1, Math.ceil(total / state.size));
    if (state.page >= pages) state.page = pages - 1;
    var start = state.page * state.size;
    var end = Math.min(total, start + state.size);
    var frag = document.createDocumentFragment();
    for (var k = start; k < end; k++) frag.appendChild(rowEl(view[k]));
    $('findings-body').replaceChildren(frag);
    $('status-line').textContent = total === 0 ? 'No finding matches.' :
      'Findings ' + fmt(start + 1) + '\u2013' + fmt(end) + ' of ' + fmt(total) + (total !== rows.length ? ' (filtered from ' + fmt(rows.length) + ')' : '');
    $('page-label').textContent = 'Page ' + fmt(state.page + 1) + ' of ' + fmt(pages);
    $('prev').disabled = state.page === 0;
    $('next').disabled = state.page >= pages - 1;
  }

  // ---- detail panel
  function section(title, children) { return el('section', null, [el('h3', { text: title })].concat(children)); }
  function pre(text) { return el('pre', { text: text }); }
  function dl(pairs) {
    var d = el('dl');
    pairs.forEach(function (p) { if (p[1] === '' || p[1] === undefined || p[1] === null) return; d.appendChild(el('dt', { text: p[0] })); d.appendChild(el('dd', { text: p[1] })); });
    return d;
  }
  function link(url) {
    if (!/^https?:\/\//i.test(url)) return el('span', { text: url });
    var a = el('a', { rel: 'noopener noreferrer', target: '_blank', text: url });
    a.href = url;
    return a;
  }
  function openDetail(i) {
    var r = rows[i];
    var c = D.checks[r[F.check]];
    var tags = r[F.tags] || {};
    var muted = r[F.muted];
    var ev = r[F.event];
    var close = el('button', { type: 'button', cls: 'close', 'aria-label': 'Close', text: '\u00d7' });
    close.addEventListener('click', closeDetail);
    var parts = [close, el('h2', { text: c.title }), el('p', null, [badge('sev', s(r[F.severity])), ' ', badge('state', s(r[F.state])), ' ', badge('status', s(r[F.status]))]),
      dl([
        [c.detection ? 'Rule' : 'Check', c.id],
        ['Finding id', r[F.id]],
        ['Resource', r[F.name]],
        ['Reference', r[F.reference]],
        ['Cloud', s(r[F.cloud])],
        ['Account', s(r[F.account])],
        ['Region', s(r[F.region])],
        ['Service', s(r[F.service])],
        ['Finding type', s(r[F.record_type])],
        ['First seen', s(r[F.first_seen])],
        ['Last seen', s(r[F.last_seen])],
        ['Muted by', muted ? muted.owner + (muted.expires_at ? ' until ' + muted.expires_at : ' with no end') + ': ' + muted.reason : ''],
      ]),
      section('Finding', [el('p', { text: r[F.description] })])];
    if (ev) parts.push(section('Event', [dl(Object.keys(ev).map(function (k) { return [k, ev[k]]; }))]));
    var tk = Object.keys(tags);
    if (tk.length) parts.push(section('Tags', [dl(tk.map(function (k) { return [k, tags[k]]; }))]));
    if (c.description) parts.push(section('About the check', [el('p', { text: c.description }), c.risk ? el('p', { text: c.risk }) : null]));
    parts.push(section('Evidence', [pre(typeof r[F.evidence] === 'string' ? r[F.evidence] : JSON.stringify(r[F.evidence], null, 2))]));
    var rem = [el('p', { text: s(r[F.recommendation]) })];
    if (c.remediation.cli) rem.push(el('h4', { text: 'Command line' }), pre(c.remediation.cli));
    if (c.remediation.iac) rem.push(el('h4', { text: 'Infrastructure as code' }), pre(c.remediation.iac));
    parts.push(section('Remediation', rem));
    var comp = r[F.compliance].map(function (x) { var ref = s(x); var t = D.requirementTitles[ref]; return el('li', { text: t ? ref + ': ' + t : ref }); });
    parts.push(section('Compliance', [comp.length ? el('ul', null, comp) : el('p', { text: 'Not mapped to a framework requirement.' })]));
    if (c.references.length) parts.push(section('References', [el('ul', null, c.references.map(function (u) { return el('li', null, [link(u)]); }))]));
    var d = $('detail');
    d.replaceChildren.apply(d, parts);
    d.hidden = false;
    close.focus();
  }
  function closeDetail() { $('detail').hidden = true; }
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') closeDetail(); });

  // ---- compliance view
  function compliance() {
    var box = $('view-compliance');
    if (!D.frameworks.length) { box.replaceChildren(el('p', { text: 'No framework was evaluated in this scan.' })); return; }
    box.replaceChildren.apply(box, D.frameworks.map(function (fw) {
      var t = fw.totals;
      var head = el('div', { cls: 'fw-head' }, [
        el('h2', { text: fw.name + ' ' + fw.version }),
        el('p', { text: 'Coverage ' + fw.coverage + '% of the automatable requirements evaluated. ' + t.pass + ' pass, ' + t.fail + ' fail, ' + t.error + ' could not evaluate (data unreadable), ' + t.manual + ' manual, ' + t.not_applicable + ' not applicable, ' + t.not_evaluated + ' not evaluated.' }),
      ]);
      var meter = el('div', { cls: 'meter', role: 'img', 'aria-label': 'coverage ' + fw.coverage + '%' }, [el('div')]);
      meter.firstChild.style.width = Math.max(0, Math.min(100, fw.coverage)) + '%';
      var secs = fw.sections.map(function (sec) {
        var reqs = fw.requirements.filter(function (r) { return r.section === sec.id; });
        if (!reqs.length) return null;
        var tb = el('tbody', null, reqs.map(function (r) {
          var ref = fw.id + ':' + r.id;
          var tr = el('tr', null, [
            el('td', { text: r.id }),
            el('td', { text: r.title }),
            el('td', null, [badge('status', r.status)]),
            el('td', { cls: 'num', text: r.counts.pass }),
            el('td', { cls: 'num', text: r.counts.fail }),
            el('td', { cls: 'num', text: r.counts.error }),
            el('td', { cls: 'num', text: r.counts.not_applicable }),
          ]);
          if (r.counts.fail + r.counts.error > 0) {
            tr.className = 'clickable';
            tr.title = 'Show the findings of this requirement';
            tr.addEventListener('click', function () { state.req = ref; setFilter('check', ''); });
          }
          return tr;
        }));
        var thead = el('thead', null, [el('tr', null, ['Id', 'Requirement', 'Status', 'Pass', 'Fail', 'Could not evaluate', 'N/A'].map(function (h) { return el('th', { text: h }); }))]);
        return el('section', null, [el('h3', { text: sec.id + ' ' + sec.title }), el('table', { cls: 'req' }, [thead, tb])]);
      });
      return el('article', { cls: 'framework' }, [head, meter].concat(secs));
    }));
  }

  // ---- scan view
  function scanView() {
    var box = $('view-scan');
    var sc = D.scan;
    if (!sc) { box.replaceChildren(el('p', { text: 'No scan information.' })); return; }
    var r = sc.counts.results;
    var parts = [dl([
      ['Scan', sc.id], ['Audit', sc.audit_key], ['Label', sc.label || ''], ['Started', sc.started_at], ['Finished', sc.finished_at || ''],
      ['Status', sc.status], ['Resources', fmt(sc.counts.resources)],
      ['Results', r.pass + ' pass, ' + r.fail + ' fail, ' + r.error + ' could not evaluate, ' + r.manual + ' manual, ' + r.not_applicable + ' not applicable'],
      ['Re-checks', sc.rechecks ? sc.rechecks.count + ' applied, the latest started ' + sc.rechecks.last_started_at : ''],
    ])];
    parts.push(el('h3', { text: 'Collection errors (' + sc.errors.length + ')' }));
    if (sc.errors.length) {
      parts.push(el('table', null, [
        el('thead', null, [el('tr', null, ['Cloud', 'Account', 'Region', 'Source', 'Error'].map(function (h) { return el('th', { text: h }); }))]),
        el('tbody', null, sc.errors.map(function (e) { return el('tr', null, [e.cloud, e.account, e.region, e.source, e.message].map(function (v) { return el('td', { text: v }); })); })),
      ]));
    } else parts.push(el('p', { text: 'Every collector answered.' }));
    box.replaceChildren.apply(box, parts);
  }

  // ---- tabs
  function show(name) {
    ['findings', 'compliance', 'scan'].forEach(function (n) {
      $('view-' + n).hidden = n !== name;
      $('tab-' + n).setAttribute('aria-selected', n === name ? 'true' : 'false');
    });
  }
  ['findings', 'compliance', 'scan'].forEach(function (n) { $('tab-' + n).addEventListener('click', function () { show(n); }); });

  var sc = D.scan;
  $('scan-info').textContent = (sc ? 'Scan ' + sc.id + ' of audit ' + sc.audit_key + (sc.label ? ' (' + sc.label + ')' : '') + ', started ' + sc.started_at +
    (sc.rechecks ? ', with ' + sc.rechecks.count + ' re-check(s) of single resources applied (the latest started ' + sc.rechecks.last_started_at + ')' : '') + '. ' : '') +
    'Generated ' + D.generated + ' by ' + D.tool.name + ' ' + D.tool.version + '.';
  summary();
  setupFilters();
  compliance();
  scanView();
  refresh();
  document.body.setAttribute('data-ready', 'true');
})();
`;

export const REPORT_STYLE = `
:root { --fg: #1d2330; --muted: #5b6475; --bg: #f6f7f9; --card: #fff; --line: #dde1e8; --accent: #2156d9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px 8px; background: var(--card); border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: var(--muted); }
nav { display: flex; gap: 4px; padding: 0 24px; background: var(--card); border-bottom: 1px solid var(--line); }
nav button { border: 0; background: none; padding: 10px 14px; font: inherit; cursor: pointer; border-bottom: 2px solid transparent; }
nav button[aria-selected="true"] { border-bottom-color: var(--accent); color: var(--accent); font-weight: 600; }
main { padding: 16px 24px; }
#summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; margin-bottom: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.card h3 { margin: 0 0 6px; font-size: 13px; color: var(--muted); font-weight: 600; }
.card ul { list-style: none; margin: 0; padding: 0; }
.card li { margin: 2px 0; }
.big { font-size: 28px; font-weight: 700; margin: 0; }
.note { margin: 4px 0 0; color: var(--muted); font-size: 12px; }
button.link { border: 0; background: none; padding: 0; font: inherit; cursor: pointer; color: inherit; }
button.link:hover strong { text-decoration: underline; }
#filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
#filters select, #filters input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
#filters input[type="search"] { min-width: 260px; }
.chip { border: 1px solid var(--accent); color: var(--accent); background: #eef3ff; border-radius: 12px; padding: 2px 10px; cursor: pointer; font: inherit; }
#status-line { color: var(--muted); margin: 4px 0 8px; }
table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef0f4; font-weight: 600; white-space: nowrap; }
th[data-sort] { cursor: pointer; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
#findings tbody tr { cursor: pointer; }
#findings tbody tr:hover, tr.clickable:hover { background: #f0f4ff; }
tr.clickable { cursor: pointer; }
td.desc { color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#pager { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
#pager button { font: inherit; padding: 4px 10px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.sev-critical { background: #5c0a2e; color: #fff; } .sev-high { background: #c62828; color: #fff; }
.sev-medium { background: #f0a500; color: #222; } .sev-low { background: #2f6fd6; color: #fff; } .sev-info, .sev-other { background: #dde1e8; color: #222; }
.state-new { background: #e3f5e1; color: #17621f; } .state-regressed { background: #fde2e1; color: #9b1c1c; }
.state-open, .state-other { background: #eef0f4; color: #333; } .state-muted, .state-resolved { background: #f3f3f3; color: #777; }
.status-pass { background: #e3f5e1; color: #17621f; } .status-fail { background: #fde2e1; color: #9b1c1c; }
.status-error { background: #fff1d6; color: #7a4b00; margin-left: 6px; } .status-manual { background: #e8ecfa; color: #27408b; }
.status-not_applicable, .status-not_evaluated, .status-other { background: #f3f3f3; color: #666; }
td .status-error { margin-left: 6px; }
#detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(640px, 100%); overflow: auto; background: var(--card); border-left: 1px solid var(--line); box-shadow: -4px 0 16px rgba(0,0,0,.12); padding: 16px 20px; }
#detail .close { position: absolute; top: 8px; right: 12px; border: 0; background: none; font-size: 24px; cursor: pointer; }
#detail h2 { margin: 0 32px 8px 0; font-size: 18px; }
#detail h3 { font-size: 14px; margin: 16px 0 6px; border-bottom: 1px solid var(--line); padding-bottom: 2px; }
#detail h4 { font-size: 13px; margin: 8px 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
pre { background: #f3f4f7; border: 1px solid var(--line); padding: 8px; overflow: auto; max-height: 360px; white-space: pre-wrap; overflow-wrap: anywhere; }
.framework { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
.framework h2 { margin: 0 0 4px; font-size: 17px; }
.framework h3 { font-size: 14px; margin: 14px 0 6px; }
.meter { height: 8px; background: #eef0f4; border-radius: 4px; overflow: hidden; max-width: 420px; }
.meter div { height: 100%; background: var(--accent); }
[hidden] { display: none !important; }
`;
