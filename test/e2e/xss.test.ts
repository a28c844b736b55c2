import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardInBrowser, hasChromium, shot } from '../helpers/browser.js';
import { runCli } from '../helpers/run-cli.js';
import { storeDetections } from '../server/helpers.js';

/*
 * Resource names, tags and log fields are attacker-controlled. This plants markup in all of
 * them, through the real scan path (a snapshot file), and proves in a browser that nothing runs:
 * no dialog opens, no flag set by a planted script appears, no planted element exists, and the
 * text is shown as text.
 */

const NAME = '<img src=x onerror=alert(1)>';
const TAG = '"><script>window.__xss=1</script>';
const ACTOR = '<svg onload=alert(2)>';

function snapshot(): unknown {
  const group = (id: string, name: string) => ({
    GroupId: id,
    GroupName: name,
    Description: TAG,
    OwnerId: '111122223333',
    VpcId: 'vpc-0de00000000000001',
    SecurityGroupArn: `arn:aws:ec2:us-east-1:111122223333:security-group/${id}`,
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: TAG }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ],
    IpPermissionsEgress: [],
    Tags: [
      { Key: 'team', Value: TAG },
      { Key: NAME, Value: 'x' },
    ],
  });
  return {
    format: 'cloudward.snapshot/v1',
    label: NAME,
    taken_at: '2025-03-03T06:00:00.000Z',
    accounts: [
      {
        cloud: 'aws',
        account: '111122223333',
        account_name: NAME,
        collections: [
          {
            cloud: 'aws',
            account: '111122223333',
            region: 'us-east-1',
            type: 'aws.ec2.security_group',
            items: [{ item: group('sg-0e000000000000001', NAME) }],
          },
        ],
      },
    ],
  };
}

describe.skipIf(!hasChromium)('attacker-controlled text in the dashboard', () => {
  const ui = dashboardInBrowser('cw-xss-', async (db, dir) => {
    await storeDetections(db, [
      {
        id: 'a0000000000000000000000000000001',
        time: '2025-03-04T10:00:00Z',
        actor: ACTOR,
        ip: '8.8.8.8',
        action: NAME,
        title: TAG,
      },
    ]);
    const file = join(dir, 'evil.json');
    writeFileSync(file, JSON.stringify(snapshot()));
    for (let i = 0; i < 2; i++) {
      const r = await runCli([
        '--db',
        db,
        'scan',
        '--snapshot',
        file,
        '--quiet',
        '--no-progress',
        '--format',
        'json',
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  /** Nothing planted became an element or ran. */
  async function expectInert(where: string): Promise<void> {
    // evaluated in the page (a string: this file is type-checked without the DOM library)
    const state = await ui.page.evaluate(`({
      flag: window.__xss ?? null,
      imgs: document.querySelectorAll('img').length,
      inlineScripts: document.querySelectorAll('script:not([src])').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      svgOnload: document.querySelectorAll('svg[onload]').length,
    })`);
    expect(state, where).toEqual({ flag: null, imgs: 0, inlineScripts: 0, handlers: 0, svgOnload: 0 });
    expect(ui.dialogs, where).toEqual([]);
  }

  it('shows planted names and tags as text in the findings list and the finding', async () => {
    const { page } = ui;
    await page.goto(`${ui.base}#/findings`);
    await page.locator('table.findings').waitFor();
    expect(await page.locator('table.findings .resource-name').first().textContent()).toContain(NAME);
    await expectInert('findings');
    await page.locator('a.finding-link').first().click();
    await page.locator('#mute').waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(NAME);
    expect(text).toContain(TAG);
    await expectInert('finding');
    await shot(page, 'xss-finding');
  }, 60_000);

  it('keeps the overview, inventory, history, compliance and activity inert', async () => {
    const { page } = ui;
    for (const [path, ready] of [
      ['#/', '#changes'],
      ['#/inventory', '#resources'],
      [`#/resource?ref=${encodeURIComponent(NAME)}`, '#history'],
      ['#/activity', '#detections'],
      ['#/dashboards', '#new-dashboard'],
    ] as const) {
      await page.goto(`${ui.base}${path}`);
      await page.locator(ready).waitFor();
      await page.waitForTimeout(200);
      await expectInert(path);
    }
    expect(await page.locator('main').textContent()).not.toContain('alert(2)>x');
    await page.goto(`${ui.base}#/activity`);
    await page.locator('#detections').waitFor();
    expect(await page.locator('#detections').textContent()).toContain(ACTOR);
    await expectInert('activity');
    await shot(page, 'xss-activity');
  }, 60_000);

  it('saw no script error and no dialog anywhere', () => {
    expect(ui.dialogs).toEqual([]);
    expect(ui.problems).toEqual([]);
  });
});
