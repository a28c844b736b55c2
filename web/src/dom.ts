/*
 * The only way the front end builds DOM. Text goes in as text nodes, attributes through
 * setAttribute with event-handler and style attributes refused, so data from the store
 * (resource names, tags, log fields: attacker-controlled) can never become markup or script.
 * There is no innerHTML anywhere in the front end.
 */

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Attrs {
  class?: string;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
  [attr: string]: unknown;
}

const FORBIDDEN = /^(on|style$|srcdoc$|formaction$)/i;

/** A URL that is safe in href: an in-app hash route or an http(s) address. */
export function safeHref(url: string): string | null {
  if (url.startsWith('#/')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'on' || v === undefined || v === null || v === false) continue;
    if (FORBIDDEN.test(k)) throw new Error(`refusing to set the ${k} attribute`);
    let value = v === true ? '' : String(v);
    if (k === 'href' || k === 'src' || k === 'action') {
      const safe = safeHref(value);
      if (safe === null) continue;
      value = safe;
    }
    el.setAttribute(k === 'class' ? 'class' : k, value);
  }
  if (attrs.on) {
    for (const [type, fn] of Object.entries(attrs.on)) el.addEventListener(type, fn as EventListener);
  }
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs ?? undefined);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs ?? undefined);
  append(el, children);
  return el;
}

/** Replaces the children of `el`. */
export function mount(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function badge(kind: string, text?: string): HTMLSpanElement {
  return h('span', { class: `badge badge-${kind.replace(/[^a-z_]/gi, '')}` }, text ?? kind);
}

export function json(value: unknown): HTMLPreElement {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2) ?? 'null');
}

export function link(href: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href }, ...children);
}

export function empty(text: string, ...more: Child[]): HTMLDivElement {
  return h('div', { class: 'empty' }, h('p', null, text), ...more);
}

/** A hash route with query parameters, dropping empty ones. */
export function route(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}
