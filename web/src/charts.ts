import { h, s } from './dom.js';
import { distinctLabels, niceTicks, tickLabel } from './labels.js';

/*
 * Small SVG charts. Sizes are SVG attributes and colours are CSS classes (the content security
 * policy allows no inline style), labels are text nodes.
 */

export interface Datum {
  key: string;
  count: number;
  /** how to show the key (an account's name and id); defaults to the key */
  label?: string;
  /** a CSS class for the mark (severity colours) */
  kind?: string;
  href?: string;
}

const palette = (i: number) => `series-${i % 8}`;

function markClass(d: Datum, i: number): string {
  return `mark ${d.kind ? `kind-${d.kind.replace(/[^a-z_]/gi, '')}` : palette(i)}`;
}

/** Characters a bar or legend label keeps before it is cut in the middle (longer ones wrap). */
const LABEL_CHARS = 40;

/** Text labels for the data, cut in the middle and never two alike. */
function labelsOf(data: readonly Datum[], max = LABEL_CHARS): string[] {
  return distinctLabels(
    data.map((d) => d.label || d.key || '(none)'),
    max,
  );
}

function label(d: Datum, text: string): Node {
  const full = d.label || d.key || '(none)';
  return d.href ? h('a', { href: d.href, title: full }, text) : h('span', { title: full }, text);
}

const PAD_LEFT = 44;

/**
 * The y-axis of a chart `W` x `H` with a plot from y = top to y = H - bottom: a labelled tick and
 * a grid line per value of `ticks`. Returns the axis and the y of a value.
 */
function yAxis(ticks: number[], W: number, H: number, top: number, bottom: number, suffix = '') {
  const max = ticks.at(-1) ?? 1;
  const y = (v: number) => H - bottom - ((H - top - bottom) * v) / max;
  const axis = s(
    'g',
    { class: 'y-axis' },
    s('line', { class: 'axis', x1: PAD_LEFT, y1: top, x2: PAD_LEFT, y2: H - bottom }),
    ticks.map((v) =>
      s(
        'g',
        { class: 'y-tick' },
        s('line', { class: 'grid', x1: PAD_LEFT, y1: y(v), x2: W, y2: y(v) }),
        s(
          'text',
          { class: 'tick', x: PAD_LEFT - 6, y: y(v) + 4, 'text-anchor': 'end' },
          `${tickLabel(v)}${suffix}`,
        ),
      ),
    ),
  );
  return { axis, y };
}

/** x-axis labels: the first and last, and between them as many as fit, never two alike. */
function xLabels(data: readonly Datum[], x: (i: number) => number, yText: number, W: number): SVGElement[] {
  if (data.length === 0) return [];
  const room = Math.max(2, Math.floor((W - PAD_LEFT) / 140));
  const every = Math.max(1, Math.ceil(data.length / room));
  const texts = labelsOf(data, 22);
  return data.flatMap((d, i) => {
    if (i % every !== 0 && i !== data.length - 1) return [];
    if (i !== data.length - 1 && data.length - 1 - i < every) return [];
    const anchor =
      data.length === 1 ? 'middle' : i === 0 ? 'start' : i === data.length - 1 ? 'end' : 'middle';
    return [
      s(
        'text',
        { class: 'tick x-tick', x: x(i), y: yText, 'text-anchor': anchor },
        s('title', null, d.label || d.key),
        texts[i] ?? '',
      ),
    ];
  });
}

/** Horizontal bars: a list, so long labels wrap and stay readable. */
export function barChart(data: Datum[], opts: { total?: boolean } = {}): HTMLElement {
  if (data.length === 0) return h('p', { class: 'muted' }, 'Nothing to show.');
  const max = Math.max(...data.map((d) => d.count), 1);
  const sum = data.reduce((n, d) => n + d.count, 0);
  const texts = labelsOf(data);
  return h(
    'div',
    { class: 'bars' },
    data.map((d, i) =>
      h(
        'div',
        { class: 'bar-row' },
        h('span', { class: 'bar-label' }, label(d, texts[i] ?? '')),
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

/** Vertical columns over time (a timeline), with a labelled y-axis. */
export function columnChart(data: Datum[], opts: { height?: number } = {}): SVGSVGElement | HTMLElement {
  if (data.length === 0) return h('p', { class: 'muted' }, 'Nothing to show.');
  const W = 1000;
  const H = opts.height ?? 160;
  const top = 10;
  const bottom = 22;
  const ticks = niceTicks(Math.max(...data.map((d) => d.count), 1));
  const { axis, y } = yAxis(ticks, W, H, top, bottom);
  const bw = (W - PAD_LEFT) / data.length;
  return s(
    'svg',
    { class: 'chart columns', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'timeline' },
    axis,
    s('line', { class: 'axis', x1: PAD_LEFT, y1: H - bottom, x2: W, y2: H - bottom }),
    data.map((d, i) => {
      const bh = y(0) - y(d.count);
      return s(
        'g',
        null,
        s(
          'rect',
          {
            class: markClass(d, 0),
            x: PAD_LEFT + i * bw + bw * 0.1,
            y: y(d.count),
            width: Math.max(1, bw * 0.8),
            height: Math.max(bh, 0.5),
          },
          s('title', null, `${d.label || d.key}: ${d.count}`),
        ),
      );
    }),
    xLabels(data, (i) => PAD_LEFT + i * bw + bw / 2, H - 4, W),
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
    return s('path', { class: markClass(d, i), d: d2 }, s('title', null, `${d.label || d.key}: ${d.count}`));
  });
  const legend = labelsOf(data);
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
          label(d, legend[i] ?? ''),
          h('span', { class: 'muted' }, ` ${d.count}`),
        ),
      ),
    ),
  );
}

/** A line over ordered points (posture trend), with a labelled y-axis. */
export function lineChart(
  data: Datum[],
  opts: { height?: number; suffix?: string; max?: number } = {},
): SVGSVGElement | HTMLElement {
  if (data.length === 0) return h('p', { class: 'muted' }, 'Nothing to show.');
  const W = 1000;
  const H = opts.height ?? 160;
  const top = 10;
  const bottom = 22;
  const right = 24;
  const ticks = niceTicks(opts.max ?? Math.max(...data.map((d) => d.count), 1));
  const { axis, y } = yAxis(ticks, W, H, top, bottom, opts.suffix);
  const x = (i: number) =>
    data.length === 1
      ? (PAD_LEFT + W - right) / 2
      : PAD_LEFT + 12 + (i * (W - right - PAD_LEFT - 12)) / (data.length - 1);
  const points = data.map((d, i) => `${x(i)},${y(d.count)}`).join(' ');
  return s(
    'svg',
    { class: 'chart line', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'trend' },
    axis,
    s('line', { class: 'axis', x1: PAD_LEFT, y1: H - bottom, x2: W - right, y2: H - bottom }),
    s('polyline', { class: 'trend-line', points, fill: 'none' }),
    data.map((d, i) =>
      s(
        'circle',
        { class: 'trend-dot', cx: x(i), cy: y(d.count), r: 3.5 },
        s('title', null, `${d.label || d.key}: ${d.count}${opts.suffix ?? ''}`),
      ),
    ),
    xLabels(data, x, H - 4, W),
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
      data.map((d) =>
        h(
          'tr',
          null,
          h('td', null, label(d, d.label || d.key || '(none)')),
          h('td', { class: 'num' }, String(d.count)),
        ),
      ),
    ),
  );
}
