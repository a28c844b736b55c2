import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredEventsQueries } from '../../src/cli/serve-events.js';
import { createLogger } from '../../src/core/logger.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { dashboardInBrowser, hasChromium, shot } from '../helpers/browser.js';
import { writeKnownStore } from '../store/query-contract.js';

/** Console sign-ins in the last hour (so inside "this week" whatever the day): dana twice, one failed. */
function signIns(): object[] {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const login = (user: string, minutesAgo: number, ip: string, failed = false) => ({
    eventTime: at(minutesAgo),
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: ip,
    userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::111122223333:user/${user}` },
    responseElements: { ConsoleLogin: failed ? 'Failure' : 'Success' },
    recipientAccountId: '111122223333',
    eventID: `${user}-${minutesAgo}`,
  });
  return [
    login('dana', 50, '203.0.113.5', true),
    login('dana', 40, '203.0.113.6'),
    login('erin', 30, '198.51.100.7'),
  ];
}

describe.skipIf(!hasChromium)('the Query page over activity logs, in a real browser', () => {
  const ui = dashboardInBrowser('cw-e2e-query-events-', async (db, dir) => {
    const trail = join(dir, 'trail');
    await mkdir(trail);
    await writeFile(join(trail, 'signin.json'), JSON.stringify({ Records: signIns() }));
    const store = await openSqliteStore(db);
    await writeKnownStore(store);
    await store.close();
    const events = configuredEventsQueries(
      { logs: { 'org-trail': { type: 'cloudtrail', path: trail } } },
      createLogger({ level: 'error', write: () => undefined }),
    );
    return events ? { events } : undefined;
  });

  it('switches to a configured log and runs a log sample query there', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/query`);
    await page.getByRole('heading', { name: 'Query' }).waitFor();
    // the store's samples first; the log's after choosing it
    await page.getByRole('button', { name: 'new-findings-since' }).waitFor();
    await page.selectOption('#source', 'log:org-trail');
    await page.getByRole('button', { name: 'console-sign-ins' }).click();
    expect(await page.locator('input[name="since"]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the default (Monday) may be after an hour ago just past midnight on a Monday
    await page.fill('input[name="since"]', new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10));
    expect(await page.locator('#tables summary').allTextContents()).toEqual([
      'events activity-log events, the same columns for every cloud',
    ]);
    await page.click('#run');
    await page.locator('#result-table').waitFor();
    expect(await page.locator('#row-count').textContent()).toMatch(/^2 rows in/);
    const cells = await page
      .locator('#result-table tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)),
      );
    expect(cells).toEqual([
      ['arn:aws:iam::111122223333:user/dana', '2', '1', '2'],
      ['arn:aws:iam::111122223333:user/erin', '1', '0', '1'],
    ]);
    await shot(page, 'query-events');

    // a file function is refused on the page too
    await page.fill('#sql', "SELECT * FROM read_text('/etc/passwd')");
    await page.click('#run');
    await page.locator('#query-error', { hasText: 'Permission Error' }).waitFor();
    expect(ui.problems.filter((p) => !p.includes('400'))).toEqual([]);
  }, 60_000);
});
