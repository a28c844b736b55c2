import { describe, expect, it } from 'vitest';
import { dashboardInBrowser, hasChromium, shot } from '../helpers/browser.js';
import { seedOrgEstate } from './org-estate.js';

/*
 * The Accounts page as a person uses it (Debian's chromium, headless): the organisation tree
 * with each level's live findings, accounts ranked with their names beside their ids, and a
 * level's link that opens Findings filtered to the accounts under it. Needs the built front end.
 */

describe.skipIf(!hasChromium)('the Accounts page in a real browser', () => {
  const ui = dashboardInBrowser('cw-accounts-browser-', async (db) => {
    await seedOrgEstate(db);
  });

  it('shows the tree and the ranked table, names beside ids', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/accounts?audit=org`);
    await page.locator('#org-tree').waitFor();
    const ranked = page.locator('#ranked-accounts tbody tr');
    expect(await ranked.count()).toBe(6);
    const first = await ranked.first().locator('td').nth(1).innerText();
    expect(first).toContain('payments-prod');
    expect(first).toContain('100000000001');
    await shot(page, 'accounts');
    const prod = page.locator('li.tree-level[data-level="ou-prod-1"]');
    expect(await prod.locator('> details > summary').innerText()).toMatch(
      /Prod[\s\S]*2 account\(s\)[\s\S]*2 critical/,
    );
    // sorting by name reorders the table
    await page.getByRole('link', { name: 'account', exact: true }).click();
    await page.waitForURL(/sort=name/);
    await page.locator('#ranked-accounts tbody tr').first().waitFor();
    expect(
      await page.locator('#ranked-accounts tbody tr').first().locator('td').nth(1).innerText(),
    ).toContain('corp-subscription');
    expect(ui.problems).toEqual([]);
  }, 60_000);

  it("opens a level's findings: only the accounts under it, nested units included", async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/accounts?audit=org`);
    await page.locator('#org-tree').waitFor();
    await page
      .locator('li.tree-level[data-level="ou-work-1"] > details > .tree-links a.level-findings')
      .click();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await page.locator('.level-filter').waitFor();
    expect(await page.locator('#findings-count').innerText()).toBe('8 finding(s)');
    const accounts = await page.locator('table.findings tbody tr td:nth-child(6)').allInnerTexts();
    const names = new Set(accounts.map((a) => a.split('\n')[0]));
    expect(names).toEqual(new Set(['payments-prod', 'web-prod', 'shared-services']));
    // the level filter combines with the other filters
    await page.locator('select[name=severity]').selectOption('critical');
    await page.locator('#findings-count', { hasText: /^3 finding\(s\)$/ }).waitFor();
    expect(ui.problems).toEqual([]);
  }, 60_000);

  it('the level menu narrows the page to one level', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/accounts?audit=org`);
    await page.locator('select[name=level]').selectOption('unit=ou-prod-1');
    await page.waitForURL(/unit=ou-prod-1/);
    await page.locator('#accounts-count').getByText('2 account(s) of 6').waitFor();
    expect(await page.locator('#ranked-accounts tbody tr').count()).toBe(2);
    expect(await page.locator('#filter-findings').getAttribute('href')).toContain('unit=ou-prod-1');
    expect(ui.problems).toEqual([]);
  }, 60_000);
});
