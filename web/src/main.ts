import { clearError, showError } from './banner.js';
import { h, mount } from './dom.js';
import { accountsPage } from './pages/accounts.js';
import { activityPage } from './pages/activity.js';
import { compliancePage } from './pages/compliance.js';
import { dashboardsPage } from './pages/dashboards.js';
import { findingPage } from './pages/finding.js';
import { findingsPage } from './pages/findings.js';
import { inventoryPage, resourcePage } from './pages/inventory.js';
import { overviewPage } from './pages/overview.js';
import { queryPage } from './pages/query.js';

export interface PageContext {
  /** path segments after the page name */
  parts: string[];
  query: URLSearchParams;
  /** re-renders the current route */
  refresh(): void;
}

type Page = (ctx: PageContext) => Promise<Node>;

const PAGES: { name: string; title: string; page: Page; nav: boolean }[] = [
  { name: '', title: 'Overview', page: overviewPage, nav: true },
  {
    name: 'findings',
    title: 'Findings',
    page: (c) => (c.parts.length > 0 ? findingPage(c) : findingsPage(c)),
    nav: true,
  },
  { name: 'accounts', title: 'Accounts', page: accountsPage, nav: true },
  { name: 'compliance', title: 'Compliance', page: compliancePage, nav: true },
  { name: 'inventory', title: 'Inventory', page: inventoryPage, nav: true },
  { name: 'resource', title: 'Resource', page: resourcePage, nav: false },
  { name: 'activity', title: 'Activity', page: activityPage, nav: true },
  { name: 'dashboards', title: 'Dashboards', page: dashboardsPage, nav: true },
  { name: 'query', title: 'Query', page: queryPage, nav: true },
];

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;

function parseHash(): { name: string; parts: string[]; query: URLSearchParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path = '', qs = ''] = raw.split('?', 2);
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { name: segments[0] ?? '', parts: segments.slice(1), query: new URLSearchParams(qs) };
}

let renderSeq = 0;

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const { name, parts, query } = parseHash();
  const entry = PAGES.find((p) => p.name === name);
  mount(
    nav,
    PAGES.filter((p) => p.nav).map((p) =>
      h(
        'a',
        { href: `#/${p.name}`, class: (name === 'resource' ? 'inventory' : name) === p.name ? 'active' : '' },
        p.title,
      ),
    ),
  );
  clearError();
  if (!entry) {
    mount(
      main,
      h('h1', null, 'Not found'),
      h('p', null, 'There is no such page. ', h('a', { href: '#/' }, 'Go to the overview.')),
    );
    return;
  }
  document.title = `${entry.title} · Cloudward`;
  main.setAttribute('aria-busy', 'true');
  try {
    const node = await entry.page({ parts, query, refresh: () => void render() });
    if (seq !== renderSeq) return;
    mount(main, node);
  } catch (err) {
    if (seq !== renderSeq) return;
    showError(err);
    mount(main, h('h1', null, entry.title), h('p', { class: 'muted' }, 'This page could not be loaded.'));
  } finally {
    if (seq === renderSeq) {
      main.removeAttribute('aria-busy');
      document.body.dataset.page = entry.name || 'overview';
    }
  }
}

window.addEventListener('hashchange', () => void render());
void render();
