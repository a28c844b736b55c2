import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { packagePath } from '../../src/core/package-root.js';

/** Debian's chromium; CI installs it with apt. Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = packagePath('test-artifacts', 'e2e');

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
