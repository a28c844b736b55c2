import { existsSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/core/package-root.js';
import { dashboardInBrowser, hasChromium, shot } from '../helpers/browser.js';
import { scanDemo, storeDetections } from '../server/helpers.js';

describe.skipIf(!hasChromium)('dashboard in a real browser (demo estate)', () => {
  const ui = dashboardInBrowser('cw-e2e-', async (db) => {
    await storeDetections(db, [
      {
        id: 'f0000000000000000000000000000001',
        time: '2025-03-04T10:00:00Z',
        actor: 'arn:aws:iam::111122223333:user/mallory',
        ip: '8.8.8.8',
        action: 'StopLogging',
      },
      {
        id: 'f0000000000000000000000000000002',
        time: '2025-03-04T13:00:00Z',
        actor: 'arn:aws:iam::111122223333:user/mallory',
        ip: '81.2.69.160',
        action: 'DeleteTrail',
      },
    ]);
    await scanDemo(db);
  });

  it('loads the overview with counts, charts, the trend and what changed', async () => {
    const { page } = ui;
    await page.goto(ui.base);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('#changes').waitFor();
    const api = await ui.server.json<{ totals: { live: number } }>('/api/overview');
    expect(await page.locator('.tile strong').first().textContent()).toBe(String(api.body.totals.live));
    await expect(page.locator('.trend-dot').count()).resolves.toBeGreaterThanOrEqual(3);
    const changes = (await page.locator('#changes').textContent()) ?? '';
    expect(changes).toMatch(/\d+ regressed/);
    expect(changes).toContain('bastion inbound tcp:22 from 0.0.0.0/0');
    await shot(page, 'overview');
    const docs = packagePath('docs', 'img', 'dashboard.png');
    if (process.env.CLOUDWARD_DOCS_SCREENSHOT === '1' || !existsSync(docs)) {
      mkdirSync(packagePath('docs', 'img'), { recursive: true });
      await page.screenshot({ path: docs });
    }
  }, 60_000);

  it('filters and searches findings', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/findings`);
    await page.locator('table.findings').waitFor();
    const all = Number((await page.locator('#findings-count').textContent())?.split(' ')[0]);
    await page.selectOption('select[name="severity"]', 'critical');
    await page.locator('#findings-count', { hasNotText: new RegExp(`^${all} `) }).waitFor();
    const severities = await page.locator('table.findings tbody tr td:first-child').allTextContents();
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set(['critical']));
    await page.fill('input[name="q"]', 'bastion');
    await page.waitForURL(/q=bastion/);
    // the critical rows stay on screen until the search's answer replaces them
    const names = () => page.locator('table.findings .resource-name').allTextContents();
    await expect
      .poll(
        async () => {
          const shown = await names();
          return shown.length > 0 && shown.every((n) => n.includes('bastion'));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await shot(page, 'findings-filtered');
  }, 60_000);

  it('opens a finding and mutes it with owner, reason and expiry', async () => {
    const { page } = ui;
    await page.locator('a.finding-link').first().click();
    await page.locator('#mute').waitFor();
    // bastion's SSH rule: one finding, whose primary check is the CIS AWS one
    expect(await page.locator('h1').textContent()).toContain('SSH or RDP');
    expect(await page.locator('pre.json').first().textContent()).toContain('0.0.0.0/0');
    expect(await page.locator('#lifecycle').textContent()).toContain('regressed');
    await shot(page, 'finding');
    const id = decodeURIComponent(page.url().split('#/findings/')[1] ?? '');
    await page.fill('#mute input[name="owner"]', 'alice');
    await page.fill('#mute textarea[name="reason"]', 'vendor access until the migration ends');
    await page.selectOption('#mute select[name="expires"]', '7');
    await page.click('#mute button[type="submit"]');
    await page.locator('#unmute').waitFor();
    expect(await page.locator('#mute').textContent()).toContain('by alice');
    const detail = await ui.server.json<{ state: string; mute: { owner: string; expires_at: string } }>(
      `/api/findings/${id}`,
    );
    expect(detail.body.state).toBe('muted');
    expect(detail.body.mute.owner).toBe('alice');
    const days = (Date.parse(detail.body.mute.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    await shot(page, 'finding-muted');
  }, 60_000);

  it('drills down from a framework to a failing requirement and its resources', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/compliance`);
    await page.getByRole('heading', { name: 'Compliance' }).waitFor();
    await page.locator('.card h2 a').first().click();
    await page.locator('table.requirements').first().waitFor();
    await shot(page, 'compliance');
    await page.locator('tr:has(.badge-fail) a').first().click();
    await page.locator('#failing').waitFor();
    expect(await page.locator('#failing tbody tr').count()).toBeGreaterThan(0);
    await shot(page, 'compliance-requirement');
  }, 60_000);

  it("shows a resource's history with the diff between scans", async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/inventory?q=web-1`);
    await page.locator('#resources').waitFor();
    await page.getByRole('link', { name: 'web-1', exact: true }).click();
    await page.locator('#history').waitFor();
    const history = await page.locator('#history').textContent();
    expect(history).toContain('com.tags.owner');
    expect(history).toContain('"alice@example.com"');
    expect(history).toContain('"bob@example.com"');
    expect(await page.locator('#history > li').count()).toBe(3);
    await shot(page, 'resource-history');
  }, 60_000);

  it('shows detections on a timeline and a map', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/activity`);
    await page.locator('#detections').waitFor();
    expect(await page.locator('circle.hit').count()).toBe(2);
    expect(await page.locator('path.land').count()).toBeGreaterThan(100);
    expect(await page.locator('#detections tbody tr').count()).toBe(2);
    await shot(page, 'activity');
  }, 60_000);

  it('creates a dashboard, arranges its widgets and keeps them after a reload', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/dashboards`);
    await page.fill('#new-dashboard input[name="name"]', 'Monday review');
    await page.click('#new-dashboard button[type="submit"]');
    await page.locator('#widgets .widget').first().waitFor();
    await page
      .locator('#widgets .widget .widget-body svg, #widgets .widget .widget-body .bars')
      .first()
      .waitFor();
    const before = await page.locator('#widgets .widget h2').allTextContents();
    await page.locator('#widgets .widget').nth(1).getByTitle('move left').click();
    await page.fill('.add-widget input[name="title"]', 'Resources by cloud');
    await page.selectOption('.add-widget select[name="source"]', 'inventory');
    await page.selectOption('.add-widget select[name="group_by"]', 'cloud');
    await page.selectOption('.add-widget select[name="chart"]', 'pie');
    await page.click('.add-widget button[type="submit"]');
    await page.click('#save');
    await page.locator('#save-status', { hasText: /^saved/ }).waitFor();
    await page.reload();
    await page.locator('#widgets .widget h2').first().waitFor();
    const after = await page.locator('#widgets .widget h2').allTextContents();
    expect(after).toEqual([before[1], before[0], ...before.slice(2), 'Resources by cloud']);
    await page.locator('#widgets .widget .pie').first().waitFor();
    await shot(page, 'dashboard');
  }, 60_000);

  it('ran without a script error, CSP violation or dialog', () => {
    expect(ui.problems).toEqual([]);
    expect(ui.dialogs).toEqual([]);
  });
});
