import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { packagePath } from '../../src/core/package-root.js';
import type { ServerOptions } from '../../src/server/server.js';
import { startTestServer, type TestServer, tempDir } from '../server/helpers.js';

/** Debian's chromium; CI installs it with apt. Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
}
export const ARTIFACTS = packagePath('test-artifacts', 'e2e');

/** Headless, no sandbox (containers), no GPU, no background network. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The built front end; built here when missing (CI builds it in `npm ci`). */
export async function ensureWebBuilt(): Promise<string> {
  const root = packagePath('dist', 'web');
  if (!existsSync(join(root, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: packagePath('web', 'vite.config.ts'), logLevel: 'error' });
  }
  return root;
}

export interface Watched {
  page: Page;
  /** console errors, page errors, CSP violations and dialogs seen so far */
  problems: string[];
  dialogs: string[];
}

/** A page that records every error, CSP report and dialog (an executed alert() shows up here). */
export async function watchedPage(browser: Browser): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems, dialogs };
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The dashboard served over a seeded store, open in a watched Chromium page. */
export interface DashboardInBrowser extends Watched {
  server: TestServer;
  /** the dashboard's address, ending in `/` */
  base: string;
}

type ExtraServerOptions = Partial<Omit<ServerOptions, 'store' | 'dash' | 'webRoot'>>;

/**
 * Registers the suite's hooks: before it, `seed` fills the store at `db` (a fresh folder `dir`
 * named from `prefix`), the built front end is served over it and a watched page is opened; after
 * it, browser and server close. The object returned is filled in when the suite starts.
 */
export function dashboardInBrowser(
  prefix: string,
  seed: (db: string, dir: string) => Promise<ExtraServerOptions | undefined> | Promise<void>,
): DashboardInBrowser {
  const ui = {} as DashboardInBrowser;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const webRoot = await ensureWebBuilt();
    const dir = tempDir(prefix);
    const db = join(dir, 'cw.db');
    const extra = await seed(db, dir);
    ui.server = await startTestServer(db, { ...extra, webRoot });
    ui.base = `http://127.0.0.1:${ui.server.server.port}/`;
    browser = await launch();
    Object.assign(ui, await watchedPage(browser));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ui.server?.close();
  });
  return ui;
}
