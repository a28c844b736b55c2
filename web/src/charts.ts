import { h, s } from './dom.js';

/*
 * Small SVG charts. Sizes are SVG attributes and colours are CSS classes (the content security
 * policy allows no inline style), labels are text nodes.
 */

export interface Datum {
  key: string;
  count: number;
  /** a CSS class for the mark (severity colours) */
  kind?: string;
  href?: string;
}

const palette = (i: number) => `series-${i % 8}`;

function markClass(d: Datum, i: number): string {
  return `mark ${d.kind ? `kind-${d.kind.replace(/[^a-z_]/gi, '')}` : palette(i)}`;
}

function label(d: Datum): Node {
  return d.href ? h('a', { href: d.href }, d.key || '(none)') : document.createTextNode(d.key || '(none)');
}

/** Horizontal bars: a list, so long labels wrap and stay readable. */
export function barChart(data: Datum[], opts: { total?: boolean } = {}): HTMLElement {
  if (data.length === 0) return h('p', { class: 'muted' }, 'Nothing to show.');
  const max = Math.max(...data.map((d) => d.count), 1);
  const sum = data.reduce((n, d) => n + d.count, 0);
  return h(
    'div',
    { class: 'bars' },
    data.map((d, i) =>
      h(
        'div',
        { class: 'bar-row' },
        h('span', { class: 'bar-label', title: d.key }, label(d)),
        s(
          'svg',
          { class: 'bar-svg', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
          s('rect', {
            class: markClass(d, i),
            x: 0,
            y: 0,
            height: 10,
            width: Math.max(0.5, (d.count / max) * 100),
          }),
        ),
        h('span', { class: 'bar-value' }, String(d.count)),
      ),
    ),
    opts.total ? h('div', { class: 'bar-total muted' }, `total ${sum}`) : null,
  );
}

/** Vertical columns over time (a timeline). */
export function columnChart(data: Datum[], opts: { height?: number } = {}): SVGSVGElement | HTMLElement {
  if (data.length === 0) return h('p', { class: 'muted' }, 'Nothing to show.');
  const W = 1000;
  const H = opts.height ?? 160;
  const pad = 22;
  const max = Math.max(...data.map((d) => d.count), 1);
  const bw = (W - pad) / data.length;
  return s(
    'svg',
    { class: 'chart columns', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'timeline' },
    s('line', { class: 'axis', x1: pad, y1: H - pad, x2: W, y2: H - pad }),
    s('text', { class: 'tick', x: 0, y: 12 }, String(max)),
    data.map((d, i) => {
      const bh = ((H - 2 * pad) * d.count) / max;
      return s(
        'g',
        null,
        s(
          'rect',
          {
            class: markClass(d, 0),
            x: pad + i * bw + bw * 0.1,
            y: H - pad - bh,
            width: Math.max(1, bw * 0.8),
            height: Math.max(bh, 0.5),
          },
          s('title', null, `${d.key}: ${d.count}`),
        ),
      );
    }),
    data.length > 0
      ? [
          s('text', { class: 'tick', x: pad, y: H - 4 }, data[0]?.key ?? ''),
          s('text', { class: 'tick', x: W, y: H - 4, 'text-anchor': 'end' }, data.at(-1)?.key ?? ''),
        ]
      : null,
  );
}

/** A donut with a legend. */
export function pieChart(data: Datum[]): HTMLElement {
  const total = data.reduce((n, d) => n + d.count, 0);
  if (total === 0) return h('p', { class: 'muted' }, 'Nothing to show.');
  const R = 50;
  const r = 30;
  let angle = -Math.PI / 2;
  const arcs = data.map((d, i) => {
    const sweep = (d.count / total) * Math.PI * 2;
    const a0 = angle;
    const a1 = angle + Math.min(sweep, Math.PI * 2 - 1e-6);
    angle += sweep;
    const large = a1 - a0 > Math.PI ? 1 : 0;
    const p = (rad: number, a: number) => `${60 + rad * Math.cos(a)} ${60 + rad * Math.sin(a)}`;
    const d2 = `M ${p(R, a0)} A ${R} ${R} 0 ${large} 1 ${p(R, a1)} L ${p(r, a1)} A ${r} ${r} 0 ${large} 0 ${p(r, a0)} Z`;
    return s('path', { class: markClass(d, i), d: d2 }, s('title', null, `${d.key}: ${d.count}`));
  });
  return h(
    'div',
    { class: 'pie' },
    s(
      'svg',
      { class: 'chart', viewBox: '0 0 120 120', width: 140, height: 140, role: 'img', 'aria-label': 'share' },
      arcs,
      s('text', { class: 'pie-total', x: 60, y: 65, 'text-anchor': 'middle' }, String(total)),
    ),
    h(
      'ul',
      { class: 'legend' },
      data.map((d, i) =>
        h(
          'li',
          null,
          s(
            'svg',
            { width: 10, height: 10, 'aria-hidden': 'true' },
            s('rect', { class: markClass(d, i), width: 10, height: 10 }),
          ),
          ' ',
          label(d),
          h('span', { class: 'muted' }, ` ${d.count}`),
        ),
      ),
    ),
  );
}

/** A line over ordered points (posture trend). */
export function lineChart(
  data: Datum[],
  opts: { height?: number; suffix?: string } = {},
): SVGSVGElement | HTMLElement {
  if (data.length === 0) return h('p', { class: 'muted' }, 'Nothing to show.');
  const W = 1000;
  const H = opts.height ?? 160;
  const pad = 24;
  const max = Math.max(...data.map((d) => d.count), 1);
  const x = (i: number) => (data.length === 1 ? W / 2 : pad + (i * (W - 2 * pad)) / (data.length - 1));
  const y = (v: number) => H - pad - ((H - 2 * pad) * v) / max;
  const points = data.map((d, i) => `${x(i)},${y(d.count)}`).join(' ');
  return s(
    'svg',
    { class: 'chart line', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'trend' },
    s('line', { class: 'axis', x1: pad, y1: H - pad, x2: W - pad, y2: H - pad }),
    s('text', { class: 'tick', x: 0, y: 12 }, `${max}${opts.suffix ?? ''}`),
    s('polyline', { class: 'trend-line', points, fill: 'none' }),
    data.map((d, i) =>
      s(
        'circle',
        { class: 'trend-dot', cx: x(i), cy: y(d.count), r: 3.5 },
        s('title', null, `${d.key}: ${d.count}${opts.suffix ?? ''}`),
      ),
    ),
    s('text', { class: 'tick', x: pad, y: H - 4 }, data[0]?.key ?? ''),
    data.length > 1
      ? s('text', { class: 'tick', x: W - pad, y: H - 4, 'text-anchor': 'end' }, data.at(-1)?.key ?? '')
      : null,
  );
}

export function numberChart(data: Datum[], caption = 'total'): HTMLElement {
  const total = data.reduce((n, d) => n + d.count, 0);
  return h(
    'div',
    { class: 'big-number' },
    h('strong', null, String(total)),
    h('span', { class: 'muted' }, caption),
  );
}

export function tableChart(data: Datum[], head: [string, string] = ['', 'count']): HTMLElement {
  return h(
    'table',
    { class: 'table compact' },
    h('thead', null, h('tr', null, h('th', null, head[0]), h('th', { class: 'num' }, head[1]))),
    h(
      'tbody',
      null,
      data.map((d) => h('tr', null, h('td', null, label(d)), h('td', { class: 'num' }, String(d.count)))),
    ),
  );
}
