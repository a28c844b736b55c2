import { describe, expect, it } from 'vitest';
import type { Overview } from '../../src/server/api/overview.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { dashboardInBrowser, hasChromium } from '../helpers/browser.js';
import { eventOf, life, summary } from '../store/fixtures.js';
import { scanDemo } from './helpers.js';

/*
 * The dashboard as a person reads it (Debian's chromium, headless): accounts by name, labels that
 * stay apart when ids share long prefixes, charts with a y-axis, and results that could not be
 * evaluated counted apart from findings. Needs the built front end (npm run build).
 */

/** GCP-style project ids that differ only at their end. */
const LONG = ['cloudward-shared-network-host-project-000001', 'cloudward-shared-network-host-project-000002'];

describe.skipIf(!hasChromium)('dashboard pages in a real browser', () => {
  const ui = dashboardInBrowser('cw-dash-browser-', async (db) => {
    await scanDemo(db);
    // a second audit whose two accounts have no names and ids alike but for their last digit
    const store = await openSqliteStore(db);
    const at = '2025-03-05T00:00:00.000Z';
    const lives = LONG.map((account, i) =>
      life({
        checkId: 'aws.s3.bucket_public_access_blocked',
        reference: `//storage.googleapis.com/bucket-${i}`,
        account,
        cloud: 'gcp',
        auditKey: 'projects',
        firstSeen: at,
      }),
    );
    const s = summary('p1', 'projects', at);
    const writer = await store.beginScan(s);
    await writer.commit(
      { ...s, status: 'complete' },
      lives,
      lives.map((l) => eventOf(l, 'p1')),
    );
    await store.close();
  });

  it('names accounts, counts what could not be evaluated apart, and states coverage', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/?audit=demo`);
    await page.locator('#changes').waitFor();
    const api = (await ui.server.json<Overview>('/api/overview?audit=demo')).body;
    const accounts = await page
      .locator('article', { has: page.getByRole('heading', { name: 'By account' }) })
      .locator('.bar-label')
      .allTextContents();
    expect(accounts).toContain('acme-prod (111122223333)');
    const tile = page.locator('a.tile', { hasText: 'could not evaluate' });
    expect(await tile.locator('strong').textContent()).toBe(String(api.totals.could_not_evaluate));
    expect(api.totals.could_not_evaluate).toBeGreaterThan(0);
    expect(await page.locator('#coverage').textContent()).toMatch(
      new RegExp(`${api.coverage?.could_not_evaluate} could not be evaluated`),
    );
    await tile.click();
    await page.getByRole('heading', { name: 'Could not evaluate' }).waitFor();
    const statuses = await page.locator('table.findings tbody tr').count();
    expect(statuses).toBe(api.totals.could_not_evaluate > 50 ? 50 : api.totals.could_not_evaluate);
    expect(await page.locator('table.findings .badge-error').count()).toBe(statuses);
    expect(ui.problems).toEqual([]);
  }, 60_000);

  it('draws the trend with a labelled y-axis', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/?audit=demo`);
    await page.locator('svg.line').first().waitFor();
    const ticks = await page.locator('svg.line').first().locator('.y-tick text').allTextContents();
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks[0]).toBe('0');
    const values = ticks.map(Number);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(await page.locator('svg.line').first().locator('.y-tick line.grid').count()).toBe(ticks.length);
    const pct = await page.locator('svg.line').nth(1).locator('.y-tick text').allTextContents();
    expect(pct.at(-1)).toBe('100%');
  }, 60_000);

  it('keeps labels of ids that share a long prefix apart, with the full id on hover', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/?audit=projects`);
    const bars = page
      .locator('article', { has: page.getByRole('heading', { name: 'By account' }) })
      .locator('.bar-label a');
    await bars.first().waitFor();
    const texts = await bars.allTextContents();
    expect(texts).toHaveLength(2);
    expect(new Set(texts).size).toBe(2);
    expect(texts.every((x) => x.length <= 40)).toBe(true);
    const titles = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    expect(new Set(titles)).toEqual(new Set(LONG));
    // the label shown fits its box: no CSS cut at the end, where the ids differ
    const clipped = await bars.evaluateAll((els) =>
      els.some((e) => (e.parentElement?.scrollWidth ?? 0) > (e.parentElement?.clientWidth ?? 0) + 1),
    );
    expect(clipped).toBe(false);
  }, 60_000);
});
