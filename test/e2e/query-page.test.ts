import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { dashboardInBrowser, hasChromium, shot } from '../helpers/browser.js';
import { writeKnownStore } from '../store/query-contract.js';

describe.skipIf(!hasChromium)('the Query page in a real browser', () => {
  const ui = dashboardInBrowser('cw-e2e-query-', async (db) => {
    const store = await openSqliteStore(db);
    await writeKnownStore(store);
    await store.close();
  });

  it('runs a sample with its parameters, shows the rows and downloads them as CSV and JSON', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/query`);
    await page.getByRole('heading', { name: 'Query' }).waitFor();
    await page.getByRole('button', { name: 'new-findings-since' }).click();
    await page.fill('input[name="since"]', '2026-11-23');
    await page.click('#run');
    await page.locator('#result-table').waitFor();
    expect(await page.locator('#row-count').textContent()).toMatch(/^1 row in/);
    expect(await page.locator('#result-table tbody td').allTextContents()).toContain('bucket-d');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const csvText = await readFile((await csv.path()) as string, 'utf8');
    expect(csvText.split('\r\n')[0]).toBe('severity,check_id,resource_name,account,region,first_seen,state');
    expect(csvText).toContain('medium,aws.s3.public,bucket-d,');
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    const rows = JSON.parse(await readFile((await json.path()) as string, 'utf8')) as Record<
      string,
      unknown
    >[];
    expect(rows).toEqual([expect.objectContaining({ resource_name: 'bucket-d', state: 'new' })]);
    await shot(page, 'query');
    expect(ui.problems).toEqual([]);
  }, 60_000);

  it('shows the engine message for a bad query and refuses a write', async () => {
    const { page } = ui;
    await page.fill('#sql', 'SELECT actr FROM findings');
    await page.click('#run');
    expect(await page.locator('#query-error').textContent()).toContain('no such column: actr');
    await page.fill('#sql', 'DELETE FROM findings');
    await page.click('#run');
    await page.locator('#query-error', { hasText: 'read-only' }).waitFor();
    expect(
      (
        await ui.server.json<{ rows: unknown[] }>('/api/sql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-cloudward-request': '1' },
          body: JSON.stringify({ sql: 'SELECT count(*) AS n FROM findings' }),
        })
      ).body.rows,
    ).toEqual([{ n: 3 }]);
  }, 60_000);

  it('saves a query, lists it, runs it from the list and deletes it', async () => {
    const { page } = ui;
    // the refused queries above were answered 400, which the browser logs
    ui.problems.length = 0;
    await page.fill('#sql', "SELECT name FROM resources WHERE record_type = 'storage' ORDER BY name");
    await page.fill('#save-name', 'storage-names');
    await page.fill('#save-description', 'every bucket');
    await page.click('#save');
    await page.locator('#saved button', { hasText: 'storage-names' }).waitFor();
    await page.fill('#sql', '');
    await page.locator('#saved button', { hasText: 'storage-names' }).click();
    await page.click('#run');
    await page.locator('#row-count', { hasText: '3 rows' }).waitFor();
    expect(await page.locator('#result-table tbody td').allTextContents()).toEqual([
      'bucket-a',
      'bucket-b',
      'bucket-d',
    ]);
    await page.getByRole('button', { name: 'Delete storage-names' }).click();
    await page.locator('#saved', { hasText: 'None yet' }).waitFor();
    expect(ui.problems).toEqual([]);
  }, 60_000);
});
